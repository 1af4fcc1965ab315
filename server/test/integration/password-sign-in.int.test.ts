import { seedPortalFile } from '../../src/portals/portal-file/seed.service';
import { LOGIN, PASSWORD, VIEWER } from '../support/fixtures';
import { clientFrom, freshIp, login, startTestApp, type TestApp } from '../support/harness';
import { argon2Calls, medianLatencies } from '../support/timing';

/**
 * The password step (docs/SECURITY.md "Accounts and enumeration", README "Settings" for the wrong-password limits):
 * one answer and one cost for every kind of wrong, limits per account name and per IP that lock the
 * password step for a while, and a byte cap before hashing.
 */

const WINDOW_SECONDS = 15 * 60;
/** 1024 bytes exactly: 512 two-byte characters. */
const MAX_BYTES_PASSWORD = 'é'.repeat(512);
const LONG_USERNAME = `l${'o'.repeat(188)}ng`; // 191 characters, the most a portal file allows

/** A second portal with the accounts the edge cases need, so they share no counter with acme's. */
const EDGE_PORTAL = {
  portals: [
    {
      slug: 'edge',
      name: 'Edge Cases',
      twoFactorEnabled: false,
      companies: [
        {
          name: 'Edge Co',
          customers: [
            { username: 'max-bytes', password: MAX_BYTES_PASSWORD, displayName: 'Max Bytes' },
            { username: LONG_USERNAME, password: PASSWORD, displayName: 'Long Name' },
            { username: 'Zoë', password: PASSWORD, displayName: 'Zoë' },
            { username: 'timing-long', password: PASSWORD, displayName: 'Timing Long' },
            { username: 'timing-normal', password: PASSWORD, displayName: 'Timing Normal' },
          ],
        },
      ],
    },
  ],
};

describe('password sign-in', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
    const seeded = await seedPortalFile(app.running.ds, EDGE_PORTAL, app.clock);
    if (!seeded.ok) throw new Error(JSON.stringify(seeded.problems));
  });
  afterAll(() => app.close());

  /** One login from its own client; `ip` defaults to a fresh one so per-IP limits stay out of the way. */
  const attempt = (portal: string, username: string, password: string, ip = freshIp()) =>
    login(clientFrom(app, ip), username, portal, password);

  it('signs an admin and a customer (policy off) in, with their kind, portal and profile', async () => {
    const admin = clientFrom(app);
    const a = await login(admin, 'alice');
    expect(a).toEqual({
      __typename: 'Authenticated',
      viewer: {
        id: expect.any(String),
        username: 'alice',
        kind: 'ADMIN',
        portal: { slug: 'acme' },
        profile: { name: 'Master Admin', masterAdmin: true },
        customer: null,
      },
    });
    expect((await admin.gql(VIEWER)).body.data.viewer).toMatchObject({ username: 'alice', kind: 'ADMIN', portal: { slug: 'acme' } });

    const dave = await login(clientFrom(app), 'dave');
    expect(dave.viewer).toMatchObject({ kind: 'ADMIN', profile: { name: 'Dispatcher', masterAdmin: false } });

    const customer = clientFrom(app);
    const b = await login(customer, 'bob');
    expect(b).toEqual({
      __typename: 'Authenticated',
      viewer: {
        id: expect.any(String),
        username: 'bob',
        kind: 'CUSTOMER',
        portal: { slug: 'acme' },
        profile: null,
        customer: { id: b.viewer.id, twoFactor: { status: 'NOT_ENROLLED', maskedPhone: null } },
      },
    });
    expect((await customer.gql(VIEWER)).body.data.viewer).toMatchObject({ username: 'bob', kind: 'CUSTOMER' });
  });

  it('answers unknown portal, unknown user and wrong password alike, with no cookie and no SMS', async () => {
    const sentBefore = app.plivo.attempts;
    const tries: Array<[portal: string, username: string, password: string]> = [
      ['acme', 'bob', 'not the password'], // wrong password
      ['acme', 'nobody-by-that-name', PASSWORD], // unknown user
      ['no-such-portal', 'bob', PASSWORD], // unknown portal
      ['other', 'bob', PASSWORD], // a user of another portal
      ['other', 'olive', 'not the password'], // wrong password, policy on, phone enrolled: still no SMS
    ];
    const answers = [];
    for (const [portal, username, password] of tries) {
      const r = await clientFrom(app).gql(LOGIN, { input: { portal, username, password } });
      expect(r.headers.getSetCookie()).toEqual([]);
      answers.push(r.body);
    }
    expect(answers[0]).toEqual({
      data: {
        login: {
          __typename: 'Problem',
          code: 'INVALID_CREDENTIALS',
          message: expect.any(String),
          attemptsRemaining: null,
          retryAfterSeconds: null,
        },
      },
    });
    for (const a of answers) expect(a).toEqual(answers[0]);
    expect(app.plivo.attempts).toBe(sentBefore);

    // Control: the right password for olive does reach Plivo, so the silence above means something.
    expect((await attempt('other', 'olive', PASSWORD)).__typename).toBe('CodeRequired');
    expect(app.plivo.attempts).toBe(sentBefore + 1);
  });

  it('takes as long for an unknown portal or user as for a wrong password (a dummy hash is verified)', async () => {
    const ip = freshIp();
    const cases = {
      wrongPassword: () => attempt('acme', 'carol', 'not the password', ip),
      unknownUser: () => attempt('acme', 'timing-ghost', 'not the password', ip),
      unknownPortal: () => attempt('timing-no-such-portal', 'carol', 'not the password', ip),
    };
    // Warm-up: the first unknown user also hashes the dummy once.
    for (const run of Object.values(cases)) await run();
    const ms = await medianLatencies(cases, 9);
    expect(ms.unknownUser).toBeGreaterThanOrEqual(0.5 * ms.wrongPassword);
    expect(ms.unknownPortal).toBeGreaterThanOrEqual(0.5 * ms.wrongPassword);
    // …and not much slower either (no double hashing that would give the unknown away the other way).
    expect(ms.unknownUser).toBeLessThanOrEqual(2 * ms.wrongPassword);
    expect(ms.unknownPortal).toBeLessThanOrEqual(2 * ms.wrongPassword);
  });

  it('after 10 wrong passwords for one portal and username, even the right one is RATE_LIMITED, from any IP', async () => {
    // Spellings differ and every try comes from another IP: the count is per portal and username.
    const spellings = ['erin', 'Erin', 'ERIN', ' erin ', 'eRiN'];
    for (let i = 0; i < 10; i += 1) {
      expect((await attempt(i % 2 ? 'ACME' : 'acme', spellings[i % spellings.length], `wrong ${i}`)).code).toBe('INVALID_CREDENTIALS');
    }
    const limited = await attempt('acme', 'erin', PASSWORD);
    expect(limited).toEqual({
      __typename: 'Problem',
      code: 'RATE_LIMITED',
      message: expect.any(String),
      attemptsRemaining: null,
      retryAfterSeconds: expect.any(Number),
    });
    expect(limited.retryAfterSeconds).toBeGreaterThan(0);
    expect(limited.retryAfterSeconds).toBeLessThanOrEqual(WINDOW_SECONDS);
    // Another account is not touched by erin's count.
    expect((await attempt('acme', 'dan', PASSWORD)).__typename).toBe('Authenticated');
  });

  it('counts a username that does not exist the same way, so RATE_LIMITED says nothing about existence', async () => {
    const real: unknown[] = [];
    const ghost: unknown[] = [];
    for (let i = 0; i < 10; i += 1) {
      real.push(await attempt('acme', 'dave', `wrong ${i}`));
      ghost.push(await attempt('acme', 'dave-who-does-not-exist', `wrong ${i}`));
    }
    expect(ghost).toEqual(real);
    const realLimited = await attempt('acme', 'dave', PASSWORD);
    const ghostLimited = await attempt('acme', 'dave-who-does-not-exist', PASSWORD);
    expect(realLimited.code).toBe('RATE_LIMITED');
    expect(ghostLimited).toEqual(realLimited);
  });

  it('locks the password step for its window only: after 15 minutes the right password works again', async () => {
    for (let i = 0; i < 10; i += 1) await attempt('edge', 'timing-normal', `wrong ${i}`);
    expect((await attempt('edge', 'timing-normal', PASSWORD)).code).toBe('RATE_LIMITED');
    app.clock.advanceSeconds(WINDOW_SECONDS - 60);
    expect((await attempt('edge', 'timing-normal', PASSWORD)).code).toBe('RATE_LIMITED');
    app.clock.advanceSeconds(60);
    expect((await attempt('edge', 'timing-normal', PASSWORD)).__typename).toBe('Authenticated');
    // erin and dave, limited in the tests before, are back as well.
    expect((await attempt('acme', 'erin', PASSWORD)).__typename).toBe('Authenticated');
  });

  it('after 100 wrong passwords from one IP, that IP is RATE_LIMITED for any username; other IPs are not', async () => {
    const ip = '198.51.100.77';
    const names = Array.from({ length: 100 }, (_, i) => `ip-sweep-${i}`);
    for (let i = 0; i < names.length; i += 10) {
      const batch = await Promise.all(names.slice(i, i + 10).map((n) => attempt('acme', n, 'wrong', ip)));
      for (const b of batch) expect(b.code).toBe('INVALID_CREDENTIALS');
    }
    const fromThatIp = await attempt('acme', 'bob', PASSWORD, ip);
    expect(fromThatIp).toMatchObject({ __typename: 'Problem', code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    expect(fromThatIp.retryAfterSeconds).toBeLessThanOrEqual(WINDOW_SECONDS);
    expect((await attempt('acme', 'bob', PASSWORD, '198.51.100.78')).__typename).toBe('Authenticated');
  });

  it('refuses a password over 1024 bytes like a wrong one, and fast: it is never hashed', async () => {
    expect((await attempt('edge', 'max-bytes', MAX_BYTES_PASSWORD)).__typename).toBe('Authenticated');
    // The right 1024 bytes with one more byte: refused, not truncated.
    const over = await attempt('edge', 'max-bytes', `${MAX_BYTES_PASSWORD}x`);
    expect(over).toEqual(await attempt('acme', 'nobody-at-all', 'short and wrong'));
    expect(over.code).toBe('INVALID_CREDENTIALS');

    // "Fast" counted, not timed: an argon2 run is the whole cost of a password check. A wrong password
    // of ordinary length costs one verify; an over-long one costs none, so it cannot buy work.
    const normal = await argon2Calls(() => attempt('edge', 'Zoë', 'a wrong password of ordinary length'));
    expect(normal.result.code).toBe('INVALID_CREDENTIALS');
    expect(normal.calls).toEqual([{ fn: 'verify', passwordBytes: 35 }]); // control: the count sees the server's argon2
    const long = await argon2Calls(() => attempt('edge', 'timing-long', 'x'.repeat(4000)));
    expect(long.result).toEqual(normal.result);
    expect(long.calls).toEqual([]);
    // 513 characters but 1026 bytes: the cap is in bytes.
    const bytesOver = await argon2Calls(() => attempt('edge', 'timing-long', 'é'.repeat(513)));
    expect(bytesOver.result.code).toBe('INVALID_CREDENTIALS');
    expect(bytesOver.calls).toEqual([]);
  });

  it('reads usernames and the portal case-insensitively', async () => {
    const a = await attempt('ACME', 'ALICE', PASSWORD);
    expect(a.viewer).toMatchObject({ username: 'alice', kind: 'ADMIN' });
    expect((await attempt('acme', 'Alice', PASSWORD)).viewer.username).toBe('alice');
    expect((await attempt('edge', 'ZOË', PASSWORD)).viewer.username).toBe('Zoë');
    expect((await attempt('edge', 'zoë', PASSWORD)).viewer.username).toBe('Zoë');
  });

  it('handles the longest usernames the portal file allows, and longer typed ones, without an internal error', async () => {
    const signedIn = await clientFrom(app).gql(LOGIN, { input: { portal: 'edge', username: LONG_USERNAME, password: PASSWORD } });
    expect(signedIn.body.errors).toBeUndefined();
    expect(signedIn.body.data.login.viewer.username).toBe(LONG_USERNAME);

    const longest = 'z'.repeat(200); // the input cap
    const wrong = await clientFrom(app).gql(LOGIN, { input: { portal: longest, username: longest, password: 'wrong' } });
    expect(wrong.body.errors).toBeUndefined();
    expect(wrong.body.data.login.code).toBe('INVALID_CREDENTIALS');
  });
});
