import { Hasher, isSixDigits, newCode, newToken } from './tokens';

describe('codes', () => {
  it('are six digits as a string, leading zeros kept, and spread over the whole range', () => {
    const seen = new Set<string>();
    let leadingZero = false;
    for (let i = 0; i < 5000; i += 1) {
      const c = newCode();
      expect(c).toMatch(/^\d{6}$/);
      if (c.startsWith('0')) leadingZero = true;
      seen.add(c);
    }
    expect(leadingZero).toBe(true); // ~10% of codes start with 0
    expect(seen.size).toBeGreaterThan(4950); // collisions in 5000 draws from 10^6 are rare
  });

  it('isSixDigits accepts exactly six ASCII digits', () => {
    for (const ok of ['000000', '123456']) expect(isSixDigits(ok)).toBe(true);
    for (const bad of ['12345', '1234567', '12345a', ' 123456', '١٢٣٤٥٦', '']) expect(isSixDigits(bad)).toBe(false);
  });
});

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
