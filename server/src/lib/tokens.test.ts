import { Hasher, newToken } from './tokens';

describe('tokens and keyed hashes', () => {
  it('tokens are 256-bit base64url and distinct', () => {
    const t = newToken();
    expect(Buffer.from(t, 'base64url')).toHaveLength(32);
    expect(newToken()).not.toBe(t);
  });

  it('hashes depend on the key, the purpose and every part, and compare in constant time', () => {
    const a = new Hasher('key-one-0123456789abcdef0123456789');
    const b = new Hasher('key-two-0123456789abcdef0123456789');
    expect(a.hash('otp', 'c1', '123456')).toBe(a.hash('otp', 'c1', '123456'));
    expect(a.hash('otp', 'c1', '123456')).not.toBe(b.hash('otp', 'c1', '123456'));
    expect(a.hash('otp', 'c1', '123456')).not.toBe(a.hash('session', 'c1', '123456'));
    expect(a.hash('otp', 'c1', '123456')).not.toBe(a.hash('otp', 'c11', '23456')); // parts are delimited
    expect(Hasher.equal(a.hash('x', 'y'), a.hash('x', 'y'))).toBe(true);
    expect(Hasher.equal(a.hash('x', 'y'), a.hash('x', 'z'))).toBe(false);
    expect(Hasher.equal(a.hash('x', 'y'), 'ab')).toBe(false);
  });
});
