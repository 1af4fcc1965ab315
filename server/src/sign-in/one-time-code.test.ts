import { isSixDigits, newCode } from './one-time-code';

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
