import { seedPortalFile } from '../../src/portals/portal-file/seed.service';
import { LOGIN, PASSWORD } from '../support/fixtures';
import { GqlClient } from '../support/gql-client';
import { clientFrom, freshIp, login, startTestApp, type TestApp } from '../support/harness';
import { medianLatencies } from '../support/timing';
import { startServeProcesses, type ServeDeployment, type ServeProcess } from '../support/processes';

/**
 * One identity, one key (docs/SECURITY.md): a username or portal slug is looked up, stored and
 * rate-limited in one normal form (NFKC, trimmed, lower case), and MySQL compares the key columns in
 * binary. MySQL's utf8mb4_unicode_ci ignores accents and zero-width characters, so before this,
 * "mállory", "mallory\u200b" or portal "ｂｅｔａ" found mallory's row under a rate key of their own: every
 * spelling had a fresh wrong-password budget against mallory's real hash, and mallory is an admin
 * (no SMS step behind the password).
 *
 * Decided: spellings equal under the normal form (case, width, surrounding space) are mallory and
 * share one budget. A spelling with an accent ("mállory") is another name (NFKC keeps accents): it
 * does not find mallory's row, so its own budget guards nothing of mallory's. A spelling with a
 * control, zero-width or bidi character names nobody: INVALID_CREDENTIALS, after the same dummy
 * verify and with its own count, like any unknown name.
 */

const WRONG = 'not the password';

/** "beta" written in fullwidth letters, "ｂｅｔａ": NFKC makes it "beta" again. */
const fullwidth = (s: string): string => [...s].map((c) => String.fromCodePoint((c.codePointAt(0) as number) + 0xfee0)).join('');

type Spelling = [portal: string, username: string];

/** Spellings that are mallory of portal `slug`: they must all spend one budget. */
const sameIdentity = (slug: string): Spelling[] => [
  [slug, 'MALLORY'],
  [slug.toUpperCase(), 'Mallory'],
  [fullwidth(slug), fullwidth('mallory')],
  [` ${slug} `, ' mallory '],
  [fullwidth(slug.toUpperCase()), fullwidth('MALLORY')],
];

/** Spellings that MySQL's old collation matched to mallory of `slug`, and that are not mallory. */
const otherIdentity = (slug: string): Spelling[] => [
  [slug, 'mállory'],
  [slug, 'mallory\u200b'],
  [slug, 'mal\u200dlory'],
  [slug, 'mall\ufeffory'],
  [slug, 'mallory\ufe0f'],
  [slug, '\u202emallory'],
  [`${slug}\u0301`, 'mallory'], // "betá"
  [`${slug}\u200b`, 'mallory'],
  [`${slug}\u0308`, 'MALLORY'], // "betä"
];

/** A portal with one admin, mallory (no SMS step behind her password); one portal per test. */
function malloryPortal(slug: string) {
  return {
    portals: [
      {
        slug,
        name: `Portal ${slug}`,
        profiles: [{ name: 'Master Admin', masterAdmin: true }],
        admins: [{ username: 'mallory', password: PASSWORD, displayName: 'Mallory', profile: 'Master Admin' }],
      },
    ],
  };
}

describe('one identity, one key: the password step on MySQL', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
    for (const slug of ['beta', 'gamma', 'delta', 'epsilon', 'zeta']) {
      const seeded = await seedPortalFile(app.running.ds, malloryPortal(slug), app.clock);
      if (!seeded.ok) throw new Error(JSON.stringify(seeded.problems));
    }
  });
  afterAll(() => app.close());

  const attempt = (portal: string, username: string, password: string) => login(clientFrom(app, freshIp()), username, portal, password);

  it('the same identity in any case, width or spacing signs in as mallory (control)', async () => {
    for (const [portal, username] of sameIdentity('delta')) {
      const r = await attempt(portal, username, PASSWORD);
      expect({ portal, username, r: r.__typename, who: r.viewer?.username, slug: r.viewer?.portal.slug }).toEqual({
        portal,
        username,
        r: 'Authenticated',
        who: 'mallory',
        slug: 'delta',
      });
    }
  });

  it('spellings that are another identity do not find mallory: INVALID_CREDENTIALS even with her password', async () => {
    const unknown = await attempt('beta', 'nobody-by-that-name', PASSWORD);
    expect(unknown.code).toBe('INVALID_CREDENTIALS');
    for (const [portal, username] of otherIdentity('beta')) {
      const r = await attempt(portal, username, PASSWORD);
      expect({ portal, username, r }).toEqual({ portal, username, r: unknown });
    }
  });

  it('a refused spelling costs what a wrong password costs (the dummy hash is verified), so time tells nothing either', async () => {
    const ip = freshIp();
    const cases = {
      wrongPassword: () => login(clientFrom(app, ip), 'mallory', 'zeta', WRONG),
      zeroWidth: () => login(clientFrom(app, ip), 'mallory\u200b', 'zeta', WRONG),
      bidiPortal: () => login(clientFrom(app, ip), 'mallory', '\u202ezeta', WRONG),
    };
    for (const run of Object.values(cases)) await run(); // warm-up
    // 1 + 7 wrong passwords for mallory of zeta: under her limit of 10, so every answer is a verify.
    const ms = await medianLatencies(cases, 7);
    expect(ms.zeroWidth).toBeGreaterThanOrEqual(0.5 * ms.wrongPassword);
    expect(ms.bidiPortal).toBeGreaterThanOrEqual(0.5 * ms.wrongPassword);
  });

  it('10 wrong passwords spread over every spelling of mallory spend her one budget: then the right one is RATE_LIMITED', async () => {
    const spellings = sameIdentity('gamma');
    for (let i = 0; i < 10; i += 1) {
      const [portal, username] = spellings[i % spellings.length];
      expect((await attempt(portal, username, `${WRONG} ${i}`)).code).toBe('INVALID_CREDENTIALS');
    }
    const right = await attempt('gamma', 'mallory', PASSWORD);
    expect(right).toMatchObject({ __typename: 'Problem', code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    for (const [portal, username] of spellings) expect((await attempt(portal, username, PASSWORD)).code).toBe('RATE_LIMITED');
  });

  it('no spelling at all gets a fresh budget against her password: after 28 wrong over all of them, none signs in', async () => {
    // Twice round every spelling: 10 of the 28 are hers, the other 18 are other names.
    const all = [...sameIdentity('epsilon'), ...otherIdentity('epsilon')];
    for (let i = 0; i < 2 * all.length; i += 1) {
      const [portal, username] = all[i % all.length];
      expect((await attempt(portal, username, `${WRONG} ${i}`)).code).toBe('INVALID_CREDENTIALS');
    }
    for (const [portal, username] of sameIdentity('epsilon')) {
      expect({ portal, username, code: (await attempt(portal, username, PASSWORD)).code }).toEqual({ portal, username, code: 'RATE_LIMITED' });
    }
    for (const [portal, username] of otherIdentity('epsilon')) {
      const r = await attempt(portal, username, PASSWORD);
      expect({ portal, username, r: r.__typename, code: r.code }).toEqual({ portal, username, r: 'Problem', code: 'INVALID_CREDENTIALS' });
    }
  });

  it('"mallory" and "mállory" can be two accounts of one portal, each with its own password', async () => {
    const file = {
      portals: [
        {
          slug: 'twins',
          name: 'Twins',
          profiles: [{ name: 'Master Admin', masterAdmin: true }],
          admins: [
            { username: 'mallory', password: 'mallory-password', displayName: 'Mallory', profile: 'Master Admin' },
            { username: 'mállory', password: 'mállory-password', displayName: 'Mállory', profile: 'Master Admin' },
          ],
        },
      ],
    };
    expect(await seedPortalFile(app.running.ds, file, app.clock)).toMatchObject({ ok: true, admins: 2 });
    expect((await attempt('twins', 'mallory', 'mallory-password')).viewer.username).toBe('mallory');
    expect((await attempt('twins', 'MÁLLORY', 'mállory-password')).viewer.username).toBe('mállory');
    expect((await attempt('twins', 'mállory', 'mallory-password')).code).toBe('INVALID_CREDENTIALS');
    expect((await attempt('twins', 'mallory', 'mállory-password')).code).toBe('INVALID_CREDENTIALS');
  });

  it('the public portal lookup names the portal the sign-in would use, and no other', async () => {
    const q = `query($s: String!) { portal(slug: $s) { slug } }`;
    const c = clientFrom(app);
    for (const s of ['beta', 'BETA', 'ｂｅｔａ']) expect((await c.gql(q, { s })).body.data.portal).toEqual({ slug: 'beta' });
    for (const s of ['betá', 'beta\u200b', '\u202ebeta']) expect((await c.gql(q, { s })).body.data.portal).toBeNull();
  });

  it('the key columns compare in binary on MySQL (migration 0004)', async () => {
    const rows: Array<{ TABLE_NAME: string; COLUMN_NAME: string; COLLATION_NAME: string }> = await app.running.ds.query(
      `SELECT TABLE_NAME, COLUMN_NAME, COLLATION_NAME FROM information_schema.COLUMNS
       WHERE TABLE_SCHEMA = DATABASE() AND ((TABLE_NAME = 'accounts' AND COLUMN_NAME = 'username_key')
         OR (TABLE_NAME = 'portals' AND COLUMN_NAME = 'slug') OR (TABLE_NAME = 'profiles' AND COLUMN_NAME = 'name'))
       ORDER BY TABLE_NAME`,
    );
    expect(rows.map((r) => [r.TABLE_NAME, r.COLUMN_NAME, r.COLLATION_NAME])).toEqual([
      ['accounts', 'username_key', 'utf8mb4_bin'],
      ['portals', 'slug', 'utf8mb4_bin'],
      ['profiles', 'name', 'utf8mb4_bin'],
    ]);
  });
});

/** The deployment: db:migrate, db:seed and two `serve` processes on one MySQL database. */
describe('one identity, one key: two serve processes on MySQL', () => {
  const AUTH = { authId: 'MAIDENTITYTEST000001', authToken: 'identity-test-auth-token-0123456789' };
  let deployment: ServeDeployment;
  let a: ServeProcess;
  let b: ServeProcess;
  let ip = 0;
  const client = (p: ServeProcess) => new GqlClient(p.url, { 'x-forwarded-for': `198.51.100.${(ip += 1)}` });
  const loginOn = async (p: ServeProcess, portal: string, username: string, password: string) =>
    (await client(p).gql(LOGIN, { input: { portal, username, password } })).body.data.login;

  beforeAll(async () => {
    deployment = await startServeProcesses({
      count: 2,
      secretKey: 'identity-processes-secret-key-0123456789abcdef',
      plivo: AUTH,
      portalFile: malloryPortal('beta'),
      env: { TRUST_PROXY: '1' },
    });
    expect(deployment.seedOutput).toContain('loaded 1 portal(s), 1 admin(s)');
    [a, b] = deployment.servers;
  }, 240_000);

  afterAll(() => deployment?.stop(), 60_000);

  it('wrong passwords over both processes and every spelling: none signs in as mallory, hers are RATE_LIMITED', async () => {
    const all = [...sameIdentity('beta'), ...otherIdentity('beta')];
    for (let i = 0; i < 2 * all.length; i += 1) {
      const [portal, username] = all[i % all.length];
      expect((await loginOn(i % 2 ? a : b, portal, username, `${WRONG} ${i}`)).code).toBe('INVALID_CREDENTIALS');
    }
    for (const [i, [portal, username]] of sameIdentity('beta').entries()) {
      const r = await loginOn(i % 2 ? b : a, portal, username, PASSWORD);
      expect({ portal, username, code: r.code }).toEqual({ portal, username, code: 'RATE_LIMITED' });
    }
    for (const [i, [portal, username]] of otherIdentity('beta').entries()) {
      const r = await loginOn(i % 2 ? b : a, portal, username, PASSWORD);
      expect({ portal, username, r: r.__typename, code: r.code }).toEqual({ portal, username, r: 'Problem', code: 'INVALID_CREDENTIALS' });
    }
    expect((await loginOn(a, 'beta', 'mallory', PASSWORD)).code).toBe('RATE_LIMITED');
  });
});
