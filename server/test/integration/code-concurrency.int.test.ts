import {
  accountId,
  attackPortals,
  challengesOf,
  confirmCode,
  eventCount,
  loginForCode,
  sessionCount,
  startEnrollment,
  tally,
  verifyOtp,
  wrongCodes,
} from '../support/code-attack-kit';
import { GqlClient } from '../support/gql-client';
import { clientFrom, freshIp, startTestApp, type TestApp } from '../support/harness';

/**
 * Single use and the attempt cap hold under concurrent requests (docs/SECURITY.md: "also under 20
 * concurrent requests with the right code"; "40 wrong codes sent at once over two server processes:
 * at most 5 are weighed"). Real bugs of this kind were read-then-write races in better-auth,
 * Appwrite and Keycloak.
 *
 * The second server comes from `app.startAnother()`: it runs in this same Node process but has its
 * own DataSource and its own MySQL connection pool, and shares nothing with the first in memory
 * except the test clock. Whatever keeps the counts exact therefore has to live in the database
 * (conditional UPDATEs whose affected-row count decides), exactly as with two real processes.
 */
describe('codes under concurrent requests', () => {
  let app: TestApp;
  let secondUrl: string;
  beforeAll(async () => {
    // Eight enrollment texts go to one number below: the per-number cap (sms-limits) is raised here so
    // that it is the race, not the cap, that this file tests.
    app = await startTestApp({ portalFile: attackPortals(), env: { RATE_SMS_PER_NUMBER_HOUR: '20', RATE_SMS_PER_NUMBER_DAY: '20' } });
    secondUrl = (await app.startAnother()).url;
  });
  afterAll(() => app.close());

  /** A client with no cookies on server 1 (even i) or server 2 (odd i), as many attackers would be. */
  const attacker = (i: number, twoServers: boolean) =>
    twoServers && i % 2 === 1 ? new GqlClient(secondUrl, { 'x-forwarded-for': freshIp() }) : clientFrom(app);

  it.each([
    ['one server', false, 'c01'],
    ['two servers', true, 'c02'],
  ])('20 concurrent verifyOtp with the right code (%s): one Authenticated, one session', async (_, twoServers, user) => {
    const { token, code } = await loginForCode(app, clientFrom(app), user);
    const answers = await Promise.all(Array.from({ length: 20 }, (_x, i) => verifyOtp(attacker(i, twoServers), token, code)));
    const counts = tally(answers);
    expect(counts.Authenticated).toBe(1);
    // The losers are told the challenge is over (used) or out of attempts: never a second success.
    expect((counts.CHALLENGE_INVALID ?? 0) + (counts.TOO_MANY_ATTEMPTS ?? 0)).toBe(19);
    const id = await accountId(app, user);
    expect(await sessionCount(app, id)).toBe(1);
    expect(await eventCount(app, 'CODE_ACCEPTED', id)).toBe(1);
    expect((await challengesOf(app, id))[0].consumed).toBe(true);
  });

  it('40 concurrent wrong codes over two servers: at most 5 are weighed', async () => {
    const user = 'c03';
    const { token, code } = await loginForCode(app, clientFrom(app), user);
    const answers = await Promise.all(wrongCodes(code, 40).map((w, i) => verifyOtp(attacker(i, true), token, w)));
    const counts = tally(answers);
    const id = await accountId(app, user);
    const [row] = await challengesOf(app, id);

    expect(counts.Authenticated).toBeUndefined();
    expect(row.attempts).toBeLessThanOrEqual(5);
    expect(counts.INVALID_CODE ?? 0).toBeLessThanOrEqual(5);
    // Every weighed code was answered INVALID_CODE and recorded once; the rest were refused unweighed.
    expect(counts.INVALID_CODE).toBe(row.attempts);
    expect(await eventCount(app, 'CODE_REJECTED', id)).toBe(row.attempts);
    expect(counts.TOO_MANY_ATTEMPTS).toBe(40 - row.attempts);
    // The per-account failure count saw only the weighed ones too.
    const [counter] = await app.running.ds.query('SELECT hits FROM rate_counters WHERE counter_key = ?', [`code:fail:${id}`]);
    expect(Number(counter.hits)).toBe(row.attempts);
    // And the challenge is dead: the right code no longer works.
    expect(await verifyOtp(clientFrom(app), token, code)).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
    expect(await sessionCount(app, id)).toBe(0);
  });

  it('20 concurrent confirmCode with the right code over two servers: one enrollment, no session', async () => {
    const phone = '+14155550160';
    const { token, code } = await startEnrollment(app, clientFrom(app), 'bob', phone);
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => confirmCode(attacker(i, true), token, code)));
    const counts = tally(answers);
    expect(counts.ReloginRequired).toBe(1);
    expect((counts.CHALLENGE_INVALID ?? 0) + (counts.TOO_MANY_ATTEMPTS ?? 0)).toBe(19);
    const id = await accountId(app, 'bob');
    expect(await eventCount(app, 'ENROLLMENT_CONFIRMED', id)).toBe(1);
    expect(await sessionCount(app, id)).toBe(0);
  });

  it('8 tabs, each with its own enrollment code, confirm at once: one enrollment wins', async () => {
    const phone = '+14155550161';
    const tabs = [];
    for (let i = 0; i < 8; i += 1) tabs.push(await startEnrollment(app, clientFrom(app), 'dan', phone));
    const answers = await Promise.all(tabs.map((t, i) => confirmCode(attacker(i, true), t.token, t.code)));
    expect(tally(answers)).toEqual({ ReloginRequired: 1, CHALLENGE_INVALID: 7 });
    expect(await eventCount(app, 'ENROLLMENT_CONFIRMED', await accountId(app, 'dan'))).toBe(1);
  });
});
