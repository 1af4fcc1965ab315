import { canonicalIp, ipRateKey } from './client-ip';

/** docs/SECURITY.md: per-IP limits count one key per IPv4 address and per IPv6 /64, whatever the spelling. */
describe('canonicalIp', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['::FFFF:203.0.113.7', '203.0.113.7'],
    ['0:0:0:0:0:ffff:cb00:7107', '203.0.113.7'], // the mapped address in hex groups
    ['::ffff:cb00:7107', '203.0.113.7'],
    ['2001:0db8::0001', '2001:db8::1'],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
    ['2001:db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['2001:db8::1', '2001:db8::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'], // equal runs: the first is compressed
    ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'], // the longest run is compressed
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'], // a single zero group is not
    ['0:0:0:0:0:0:0:1', '::1'],
    ['0:0:0:0:0:0:0:0', '::'],
    ['fe80::1%eth0', 'fe80::1'],
    ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8'],
  ])('%s -> %s', (raw, canonical) => {
    expect(canonicalIp(raw)).toBe(canonical);
  });

  it('leaves what is not an IP address as it is', () => {
    expect(canonicalIp('unknown')).toBe('unknown');
    expect(canonicalIp('01.2.3.4')).toBe('01.2.3.4');
  });
});

describe('ipRateKey', () => {
  it('keys IPv4 on the address', () => {
    expect(ipRateKey('198.51.100.1')).toBe('198.51.100.1');
    expect(ipRateKey('198.51.100.2')).not.toBe(ipRateKey('198.51.100.1'));
  });

  it('keys IPv4-mapped IPv6 as the IPv4 address', () => {
    expect(ipRateKey('::ffff:198.51.100.1')).toBe('198.51.100.1');
  });

  it('keys IPv6 on its /64: every address of one /64 shares a key, the next /64 does not', () => {
    const key = ipRateKey('2001:db8:aaaa:bbbb::1');
    expect(key).toBe('2001:db8:aaaa:bbbb::/64');
    expect(ipRateKey('2001:db8:aaaa:bbbb:ffff:ffff:ffff:ffff')).toBe(key);
    expect(ipRateKey('2001:0DB8:AAAA:BBBB:0000:0000:0000:0002')).toBe(key);
    expect(ipRateKey('2001:db8:aaaa:bbbc::1')).not.toBe(key);
  });

  it('makes one key of two spellings of one address', () => {
    expect(ipRateKey('2001:0db8::0001')).toBe(ipRateKey('2001:db8::1'));
    expect(ipRateKey('2001:db8::1')).toBe('2001:db8::/64');
  });

  it('leaves what is not an IP address as it is', () => {
    expect(ipRateKey('unknown')).toBe('unknown');
  });
});
