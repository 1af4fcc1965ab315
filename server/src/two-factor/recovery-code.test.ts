import { newRecoveryCode, normalRecoveryCode } from './recovery-code';

describe('recovery codes', () => {
  it('are two groups of five from an alphabet without look-alikes, and read back however they are typed', () => {
    const code = newRecoveryCode();
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
    expect(normalRecoveryCode(code.toLowerCase().replace('-', ' '))).toBe(code.replace('-', ''));
  });

  it('anything else is not a code', () => {
    for (const bad of ['', '123456', 'ABCDE-FGHJ', 'ABCDE-FGHJKM', 'ABCDE-FGHJ0', 'ABCDE-FGHJ\u0000']) expect(normalRecoveryCode(bad)).toBeNull();
  });
});
