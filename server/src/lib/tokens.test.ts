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

  it('with a previous key, lookups accept its hash after the current one; new hashes use the current key only', () => {
    const a = new Hasher('key-one-0123456789abcdef0123456789');
    const b = new Hasher('key-two-0123456789abcdef0123456789');
    const rotated = new Hasher('key-two-0123456789abcdef0123456789', 'key-one-0123456789abcdef0123456789');
    expect(rotated.hash('session', 't')).toBe(b.hash('session', 't'));
    expect(rotated.hashes('session', 't')).toEqual([b.hash('session', 't'), a.hash('session', 't')]);
    expect(b.hashes('session', 't')).toEqual([b.hash('session', 't')]);
    expect(rotated.keyId).toBe(b.keyId);
    expect(rotated.previousKeyId).toBe(a.keyId);
    expect(a.keyId).not.toBe(b.keyId);
    expect(a.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(b.previousKeyId).toBeNull();
  });
});
