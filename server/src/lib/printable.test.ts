import { printable, quoted } from './printable';

describe('printable: text safe to print on a terminal', () => {
  it('writes controls, bidi and invisible characters as \\u escapes, so none reaches the terminal raw', () => {
    expect(printable('a\u001b[31mred')).toBe('a\\u001b[31mred');
    expect(printable('\u202eevil')).toBe('\\u202eevil');
    expect(printable('x\u200by')).toBe('x\\u200by');
    expect(printable('line\nbreak')).toBe('line\\u000abreak');
    expect(printable('tag\u{e0041}')).toBe('tag\\u{e0041}');
    expect(printable('a\u001b[31mred\u202e')).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });

  it('leaves ordinary text as it is', () => {
    expect(printable('portals[0].admins[1].username: Zoë — 李')).toBe('portals[0].admins[1].username: Zoë — 李');
  });

  it('quotes a value JSON-style', () => {
    expect(quoted('alice\u200b')).toBe('"alice\\u200b"');
    expect(quoted('say "hi" \\ bye')).toBe('"say \\"hi\\" \\\\ bye"');
  });
});
