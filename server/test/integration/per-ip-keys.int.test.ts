import { accountId, attackPortals } from '../support/code-attack-kit';
import { login, startTestApp, type TestApp } from '../support/harness';

/**
 * Per-IP limits count one budget per IPv4 address and per IPv6 /64, whatever the spelling
 * (docs/SECURITY.md). One customer line holds a whole /64, so one key per IPv6 address would give an
 * attacker 2^64 budgets; and `2001:0db8::0001` and `2001:db8::1` are one address. The addresses reach
 * the server as a proxy would pass them on (X-Forwarded-For with TRUST_PROXY=1).
 */
describe('per-IP limits key IPv6 on its /64 and every address in one spelling', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ portalFile: attackPortals(), env: { RATE_PASSWORD_PER_IP: '3', RATE_SMS_PER_IP_HOUR: '2' } });
  });
  afterAll(() => app.close());

  const from = (ip: string) => app.client({ 'x-forwarded-for': ip });
  const wrongPassword = async (ip: string, username: string) => (await login(from(ip), username, 'acme', 'not the password')).code;

  it('wrong passwords from different addresses of one /64 share one budget; the next /64 has its own', async () => {
    expect(await wrongPassword('2001:db8:1:2::a', 'x1')).toBe('INVALID_CREDENTIALS');
    expect(await wrongPassword('2001:db8:1:2:ffff:ffff:ffff:ffff', 'x2')).toBe('INVALID_CREDENTIALS');
    expect(await wrongPassword('2001:0DB8:0001:0002:0000:0000:0000:000C', 'x3')).toBe('INVALID_CREDENTIALS');
    expect(await wrongPassword('2001:db8:1:2:1234::99', 'x4')).toBe('RATE_LIMITED');
    expect((await login(from('2001:db8:1:2::77'), 'c12')).code).toBe('RATE_LIMITED'); // the right password too
    expect(await wrongPassword('2001:db8:1:3::a', 'x5')).toBe('INVALID_CREDENTIALS');
  });

  it('an IPv4-mapped IPv6 address is its IPv4 address', async () => {
    for (const user of ['y1', 'y2', 'y3']) expect(await wrongPassword('::ffff:198.51.100.9', user)).toBe('INVALID_CREDENTIALS');
    expect(await wrongPassword('198.51.100.9', 'y4')).toBe('RATE_LIMITED');
  });

  it('2001:0db8::0001 and 2001:db8::1 spend one SMS budget, with the rest of their /64; events keep the canonical spelling', async () => {
    expect((await login(from('2001:0db8::0001'), 'c01')).__typename).toBe('CodeRequired');
    expect((await login(from('2001:db8::1'), 'c02')).__typename).toBe('CodeRequired');
    const third = await login(from('2001:db8:0:0:ffff::2'), 'c03');
    expect(third).toMatchObject({ __typename: 'Problem', code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    expect((await login(from('2001:db8:0:1::1'), 'c03')).__typename).toBe('CodeRequired');

    const rows = await app.running.ds.query('SELECT ip FROM two_factor_events WHERE type = ? AND customer_id = ?', [
      'CODE_SENT',
      await accountId(app, 'c01'),
    ]);
    expect(rows.map((r: { ip: string }) => r.ip)).toEqual(['2001:db8::1']);
  });
});
