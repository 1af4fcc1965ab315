import { createHash } from 'node:crypto';
import { seedPortalFile } from '../../src/portals/portal-file/seed.service';
import { LOGIN, PASSWORD, VERIFY, VIEWER } from '../support/fixtures';
import type { GqlClient } from '../support/gql-client';
import { clientFrom, startTestApp, type TestApp } from '../support/harness';

/**
 * The session cookie (docs/SECURITY.md "Sessions"): opaque 256-bit token, stored hashed, HttpOnly,
 * SameSite=Lax, Secure with the __Host- prefix on https, a new token at every sign-in, ended on the
 * server at logout, idle 30 min and absolute 12 h.
 */

const COOKIE = '__Host-session';
const GATE_PHONE = '+14155550190';

/** A portal of its own with the policy on: one customer enrolled, one not yet. */
const GATE_PORTAL = {
  portals: [
    {
      slug: 'gate',
      name: 'Gate',
      twoFactorEnabled: true,
      companies: [
        {
          name: 'Gate Co',
          customers: [
            { username: 'gina', password: PASSWORD, displayName: 'Gina', enrolledPhone: GATE_PHONE },
            { username: 'gus', password: PASSWORD, displayName: 'Gus' },
          ],
        },
      ],
    },
  ],
};
const MINUTE = 60;
const HOUR = 60 * MINUTE;

interface SetCookie {
  name: string;
  value: string;
  attributes: Map<string, string>;
}

function parseSetCookie(header: string): SetCookie {
  const [pair, ...attrs] = header.split(';').map((s) => s.trim());
  const i = pair.indexOf('=');
  const attributes = new Map<string, string>();
  for (const a of attrs) {
    const j = a.indexOf('=');
    attributes.set((j < 0 ? a : a.slice(0, j)).toLowerCase(), j < 0 ? '' : a.slice(j + 1));
  }
  return { name: pair.slice(0, i), value: pair.slice(i + 1), attributes };
}

describe('sessions', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { PUBLIC_URL: 'https://portal.example' } });
    const seeded = await seedPortalFile(app.running.ds, GATE_PORTAL, app.clock);
    if (!seeded.ok) throw new Error(JSON.stringify(seeded.problems));
  });
  afterAll(() => app.close());

  /** Signs `username` in on `c` and returns the session cookie the server set. */
  async function signIn(c: GqlClient, username = 'bob'): Promise<SetCookie> {
    const r = await c.gql(LOGIN, { input: { portal: 'acme', username, password: PASSWORD } });
    expect(r.body.data.login.__typename).toBe('Authenticated');
    const cookies = r.headers.getSetCookie().map(parseSetCookie).filter((sc) => sc.name === COOKIE);
    expect(cookies).toHaveLength(1);
    return cookies[0];
  }
  const viewerOf = async (c: GqlClient) => (await c.gql(VIEWER)).body.data.viewer;
  const sessionRows = (): Promise<Array<Record<string, unknown>>> => app.running.ds.query('SELECT * FROM sessions');

  it('is HttpOnly, SameSite=Lax, Path=/, Secure, host-only with the __Host- prefix, and lasts no longer than 12 h', async () => {
    const cookie = await signIn(clientFrom(app));
    expect(cookie.attributes.has('httponly')).toBe(true);
    expect(cookie.attributes.get('samesite')?.toLowerCase()).toBe('lax');
    expect(cookie.attributes.get('path')).toBe('/');
    expect(cookie.attributes.has('secure')).toBe(true);
    expect(cookie.attributes.has('domain')).toBe(false); // required by the __Host- prefix
    const maxAge = Number(cookie.attributes.get('max-age'));
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(12 * HOUR);
  });

  it('carries an opaque token of at least 256 bits, and the database keeps only a keyed hash of it', async () => {
    const before = (await sessionRows()).length;
    const { value: token } = await signIn(clientFrom(app), 'carol');
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(32);

    const rows = await sessionRows();
    expect(rows).toHaveLength(before + 1);
    const dump = JSON.stringify(rows);
    const hex = Buffer.from(token, 'base64url').toString('hex');
    expect(dump).not.toContain(token);
    expect(dump.toLowerCase()).not.toContain(hex);
    // Not a plain (unkeyed) digest either: a stolen table must not let anyone check guesses offline.
    expect(dump).not.toContain(createHash('sha256').update(token).digest('hex'));
    expect(dump).not.toContain(createHash('sha256').update(token).digest('base64url'));
  });

  it('gives a new token at each sign-in: a cookie planted before login is not the one after, and never works', async () => {
    const planted = 'attacker-chosen-session-token-AAAAAAAAAAAAAAAAAAAAAAAA';
    const victim = app.client({ 'x-forwarded-for': '203.0.113.200', cookie: `${COOKIE}=${planted}` });
    const issued = await signIn(victim);
    expect(issued.value).not.toBe(planted);
    const attacker = app.client({ cookie: `${COOKIE}=${planted}` });
    expect(await viewerOf(attacker)).toBeNull();
    expect(await viewerOf(victim)).toMatchObject({ username: 'bob' });

    // Signing in again on a browser that already has a session also gets a fresh token.
    const again = await signIn(victim);
    expect(again.value).not.toBe(issued.value);
    expect(await viewerOf(victim)).toMatchObject({ username: 'bob' });
  });

  it('ends the session on the server at logout: the old cookie, replayed, is signed out', async () => {
    const c = clientFrom(app);
    await signIn(c, 'dan');
    const replay = c.fork();
    const before = (await sessionRows()).length;

    const out = await c.raw({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'mutation { logout }' }) });
    expect(await out.json()).toEqual({ data: { logout: true } });
    const cleared = out.headers.getSetCookie().map(parseSetCookie).find((sc) => sc.name === COOKIE);
    expect(cleared?.value).toBe('');
    expect(cleared?.attributes.get('max-age')).toBe('0');

    expect(await viewerOf(c)).toBeNull();
    expect(await viewerOf(replay)).toBeNull();
    expect((await sessionRows()).length).toBe(before - 1);
  });

  it('ends a session left idle for 30 minutes', async () => {
    const c = clientFrom(app);
    await signIn(c, 'erin');
    app.clock.advanceSeconds(31 * MINUTE);
    expect(await viewerOf(c)).toBeNull();
    expect(await viewerOf(c)).toBeNull(); // and it stays ended
  });

  it('keeps a session that is used at least every 29 minutes, then ends it after 30 idle minutes', async () => {
    const c = clientFrom(app);
    await signIn(c, 'alice');
    for (let i = 0; i < 4; i += 1) {
      app.clock.advanceSeconds(29 * MINUTE);
      expect(await viewerOf(c)).toMatchObject({ username: 'alice' });
    }
    app.clock.advanceSeconds(30 * MINUTE);
    expect(await viewerOf(c)).toBeNull();
  });

  it('ends even an active session 12 hours after sign-in', async () => {
    const c = clientFrom(app);
    await signIn(c, 'dave');
    for (let elapsed = 20 * MINUTE; elapsed < 12 * HOUR; elapsed += 20 * MINUTE) {
      app.clock.advanceSeconds(20 * MINUTE);
      expect(await viewerOf(c)).toMatchObject({ username: 'dave' });
    }
    app.clock.advanceSeconds(20 * MINUTE); // now exactly 12 h after sign-in
    expect(await viewerOf(c)).toBeNull();
  });

  it('is not given before the SMS step is done: a login answering EnrollmentRequired or CodeRequired sets no cookie and writes no row', async () => {
    const rowsOf = async (username: string) =>
      Number(
        (
          await app.running.ds.query(
            'SELECT COUNT(*) AS n FROM sessions s JOIN accounts a ON a.id = s.account_id JOIN portals p ON p.id = a.portal_id WHERE p.slug = ? AND a.username_key = ?',
            ['gate', username],
          )
        )[0].n,
      );
    const halfway = async (username: string, expected: string) => {
      const c = clientFrom(app);
      const r = await c.gql(LOGIN, { input: { portal: 'gate', username, password: PASSWORD } });
      expect(r.body.data.login.__typename).toBe(expected);
      expect(r.headers.getSetCookie()).toEqual([]);
      expect(await rowsOf(username)).toBe(0);
      expect(await viewerOf(c)).toBeNull();
      return { c, token: r.body.data.login.challenge.token as string };
    };
    await halfway('gus', 'EnrollmentRequired');
    const gina = await halfway('gina', 'CodeRequired');

    // Control: the code step is where the cookie and the row come from.
    const done = await gina.c.gql(VERIFY, { input: { challengeToken: gina.token, code: app.plivo.lastCodeFor(GATE_PHONE) } });
    expect(done.body.data.verifyOtp.__typename).toBe('Authenticated');
    expect(done.headers.getSetCookie().map(parseSetCookie).filter((sc) => sc.name === COOKIE)).toHaveLength(1);
    expect(await rowsOf('gina')).toBe(1);
    expect(await viewerOf(gina.c)).toMatchObject({ username: 'gina' });
  });
});
