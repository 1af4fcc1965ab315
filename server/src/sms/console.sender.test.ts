import { ConsoleSmsSender, type OutboxEntry } from './console.sender';

function makeSender(): { sender: ConsoleSmsSender; lines: string[]; tick: () => void } {
  const lines: string[] = [];
  let ms = Date.UTC(2030, 0, 1, 12, 0, 0);
  const sender = new ConsoleSmsSender({ write: (line) => lines.push(line), now: () => new Date(ms) });
  return { sender, lines, tick: () => (ms += 1000) };
}

describe('ConsoleSmsSender', () => {
  it('prints the whole text in a marked block, so the developer sees the code', async () => {
    const { sender, lines } = makeSender();
    await sender.send({ to: '+14155552671', text: '042917 is your code.\n\n@localhost #042917' });
    const block = lines.join('\n');
    expect(block).toMatch(/SMS \(console sender, not really sent\) to \+14155552671/);
    expect(block).toContain('│ 042917 is your code.');
    expect(block).toContain('│ @localhost #042917');
    expect(lines[0]?.startsWith('┌')).toBe(true);
    expect(lines.at(-1)?.startsWith('└')).toBe(true);
  });

  it('writes to stdout by default', async () => {
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await new ConsoleSmsSender().send({ to: '+14155552671', text: '123456' });
      expect(write.mock.calls.map(([chunk]) => String(chunk)).join('')).toContain('│ 123456\n');
    } finally {
      write.mockRestore();
    }
  });

  it('keeps the outbox newest first with the time of sending', async () => {
    const { sender, tick } = makeSender();
    await sender.send({ to: '+14155552671', text: 'first' });
    tick();
    await sender.send({ to: '+447400123456', text: 'second' });
    expect(sender.outbox()).toEqual([
      { to: '+447400123456', text: 'second', sentAt: new Date(Date.UTC(2030, 0, 1, 12, 0, 1)) },
      { to: '+14155552671', text: 'first', sentAt: new Date(Date.UTC(2030, 0, 1, 12, 0, 0)) },
    ]);
  });

  it('keeps only the last 50 messages', async () => {
    const { sender } = makeSender();
    for (let i = 1; i <= 53; i += 1) await sender.send({ to: '+14155552671', text: `message ${i}` });
    const outbox = sender.outbox();
    expect(outbox).toHaveLength(50);
    expect(outbox[0]?.text).toBe('message 53');
    expect(outbox.at(-1)?.text).toBe('message 4');
  });

  it('hands out a copy that callers cannot use to change the outbox', async () => {
    const { sender } = makeSender();
    await sender.send({ to: '+14155552671', text: 'kept' });
    const copy = sender.outbox() as OutboxEntry[];
    copy.length = 0;
    expect(sender.outbox()).toHaveLength(1);
    expect(() => {
      (sender.outbox()[0] as { text: string }).text = 'changed';
    }).toThrow(TypeError);
  });

  it('reports no provider id and is named console', async () => {
    const { sender } = makeSender();
    await expect(sender.send({ to: '+14155552671', text: 'x' })).resolves.toEqual({ providerMessageId: null });
    expect(sender.name).toBe('console');
  });
});
