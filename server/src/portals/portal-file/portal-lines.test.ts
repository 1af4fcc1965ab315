import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Line, MAX_LINE_CHARS, readLineAt, readLines, UsernameIndex } from './portal-lines';

const dir = mkdtempSync(join(tmpdir(), 'portal-lines-'));
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
async function all(path: string): Promise<Line[]> {
  const out: Line[] = [];
  for await (const l of readLines(path)) out.push(l);
  return out;
}

describe('reading a JSON Lines file', () => {
  it('numbers lines from 1, drops line ends and a BOM, and knows where each line starts, in bytes', async () => {
    const path = file('a.jsonl', '\ufeff{"a":1}\r\n{"zoë":"👩‍💻"}\n\n{"last":true}');
    const lines = await all(path);
    expect(lines.map((l) => [l.number, l.text])).toEqual([
      [1, '{"a":1}'],
      [2, '{"zoë":"👩‍💻"}'],
      [3, ''],
      [4, '{"last":true}'],
    ]);
    for (const l of lines.slice(1)) expect(await readLineAt(path, l.offset)).toBe(l.text);
  });

  it('keeps no line longer than MAX_LINE_CHARS, and counts past it', async () => {
    const path = file('b.jsonl', `{"a":1}\n"${'x'.repeat(MAX_LINE_CHARS + 10)}"\n{"b":2}\n`);
    const lines = await all(path);
    expect(lines.map((l) => [l.number, l.text])).toEqual([
      [1, '{"a":1}'],
      [2, null],
      [3, '{"b":2}'],
    ]);
    expect(await readLineAt(path, lines[2].offset)).toBe('{"b":2}');
  });
});

describe('the username index', () => {
  it('finds the earlier line of a key and no candidate for 100,000 other keys', () => {
    const index = new UsernameIndex();
    let candidates = 0;
    for (let i = 0; i < 100_000; i += 1) {
      const key = `customer${i}`;
      candidates += index.candidates(key).length;
      index.add(key, i + 2, i * 100);
    }
    expect(candidates).toBe(0);
    expect(index.candidates('customer123')).toEqual([{ line: 125, offset: 12_300 }]);
  });
});
