import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../src/config';
import { keyStatus, type KeyStatus } from '../../src/db/key-status';
import { start, type Running } from '../../src/index';
import { FixedClock } from '../../src/lib/clock';
import { keyIdOf } from '../../src/lib/tokens';
import { seedPortalFile } from '../../src/portals/portal-file/seed.service';
import { startFakePlivo, type FakePlivo } from '../support/fake-plivo';
import { CAROL_PHONE, TEST_PORTALS, VIEWER } from '../support/fixtures';
import { GqlClient } from '../support/gql-client';
import { PLIVO_AUTH } from '../support/harness';
import { buildServerIfStale, KEY_STATUS_CLI } from '../support/dist';
import { createTestDatabase } from '../support/mysql';
import { confirmCode, enrollPhone, freshIp, login, resendCode, verifyOtp } from '../support/sign-in-kit';

const KEY_A = 'rotation-key-A-0123456789abcdef0123456789';
const KEY_B = 'rotation-key-B-0123456789abcdef0123456789';
const KEY_C = 'rotation-key-C-0123456789abcdef0123456789';
const BOB_PHONE = '+14155550142';
const CREATE_KEY = `mutation($name: String!) { createApiKey(input: { name: $name }) { secret } }`;

type Keys = { SECRET_KEY: string; SECRET_KEY_PREVIOUS?: string };

/**
 * docs/OPERATIONS.md, Rotating SECRET_KEY: servers on one database started one after the other with
 * the keys an operator sets at each step, as a restart would, on MySQL and on SQLite.
 */
describe.each([
  ['MySQL', async () => createTestDatabase()],
  [
    'SQLite',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'p2fa-rotation-'));
      return { url: `sqlite:${join(dir, 'p.sqlite')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  ],
])('rotating SECRET_KEY on %s', (_name, makeDatabase) => {
  let db: { url: string; drop: () => Promise<void> };
  let plivo: FakePlivo;
  const clock = new FixedClock(new Date());
  const servers: Running[] = [];

  async function serve(keys: Keys): Promise<Running> {
    const config = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: db.url,
      PORT: '0',
      SMS_PROVIDER: 'plivo',
      PLIVO_AUTH_ID: PLIVO_AUTH.authId,
      PLIVO_AUTH_TOKEN: PLIVO_AUTH.authToken,
      PLIVO_SENDER: '+15555550000',
      PLIVO_API_URL: plivo.url,
      TRUST_PROXY: '1',
      LOG_LEVEL: 'silent',
      ...keys,
    });
    const running = await start(config, { migrate: true, clock, log: pino({ level: 'silent' }), retention: false });
    servers.push(running);
    return running;
  }
  const status = (r: Running): Promise<KeyStatus> => keyStatus(r.ds, r.services.config, r.services.config.secretKey!, clock.now());
  const rowsOf = (r: Running, table: string, column: string) => r.ds.query(`SELECT ${column} AS h, key_id FROM ${table} ORDER BY ${column}`);
  /** A browser of one of the servers: same cookies, another address. */
  const browserOn = (r: Running, from?: GqlClient) =>
    from ? from.fork({ 'x-forwarded-for': freshIp() }, r.url) : new GqlClient(r.url, { 'x-forwarded-for': freshIp() });
  const viewerOf = async (c: GqlClient) => (await c.gql(VIEWER)).body.data?.viewer ?? null;

  // What was made under key A, before the rotation.
  let a: Running;
  let carol: GqlClient; // signed in with a code
  let alice: GqlClient; // an admin, signed in with a password
  let apiSecret: string;
  let bobEnrolling: { client: GqlClient; token: string; code: string }; // enrollment code sent, not confirmed
  let carolVerifying: { client: GqlClient; token: string }; // sign-in code sent, not typed

  beforeAll(async () => {
    buildServerIfStale();
    db = await makeDatabase();
    plivo = await startFakePlivo(PLIVO_AUTH);
    a = await serve({ SECRET_KEY: KEY_A });
    const seeded = await seedPortalFile(a.ds, TEST_PORTALS, clock);
    if (!seeded.ok) throw new Error(JSON.stringify(seeded.problems));
    alice = browserOn(a);
    expect((await login(alice, 'alice')).__typename).toBe('Authenticated');
    const policy = await alice.gql(`mutation { setTwoFactorPolicy(input: { enabled: true }) { enabled } }`);
    expect(policy.body.errors).toBeUndefined();
    apiSecret = (await alice.gql(CREATE_KEY, { name: 'ERP' })).body.data.createApiKey.secret;

    carol = browserOn(a);
    const carolLogin = await login(carol, 'carol');
    expect(carolLogin.__typename).toBe('CodeRequired');
    expect((await verifyOtp(carol, carolLogin.challenge.token, plivo.lastCodeFor(CAROL_PHONE)!)).__typename).toBe('Authenticated');

    const bob = browserOn(a);
    const bobLogin = await login(bob, 'bob');
    expect(bobLogin.__typename).toBe('EnrollmentRequired');
    const sent = await enrollPhone(bob, bobLogin.challenge.token, BOB_PHONE);
    expect(sent.__typename).toBe('CodeSent');
    bobEnrolling = { client: bob, token: sent.challenge.token, code: plivo.lastCodeFor(BOB_PHONE)! };

    const carol2 = browserOn(a);
    const second = await login(carol2, 'carol');
    expect(second.__typename).toBe('CodeRequired');
    carolVerifying = { client: carol2, token: second.challenge.token };
  });
  afterAll(async () => {
    for (const r of servers.reverse()) await r.stop();
    await plivo?.close();
    await db?.drop();
  });

  let b: Running;
  it('restarted with SECRET_KEY=B and SECRET_KEY_PREVIOUS=A, the report counts every row as the previous key\'s', async () => {
    b = await serve({ SECRET_KEY: KEY_B, SECRET_KEY_PREVIOUS: KEY_A });
    const s = await status(b);
    expect(s.currentKeyId).toBe(keyIdOf(KEY_B));
    expect(s.previousKeyId).toBe(keyIdOf(KEY_A));
    const by = Object.fromEntries(s.tables.map((t) => [t.table, t]));
    expect(by.sessions).toMatchObject({ current: 0, previous: 2, unlabelled: 0, other: 0 });
    expect(by.api_keys).toMatchObject({ current: 0, previous: 1 });
    expect(by.login_challenges).toMatchObject({ current: 0, previous: 2 });
    expect(s.previousKeyUnused).toBe(false);
  });

  it('`db:key-status` prints the same counts per table, and says the previous key is still needed', () => {
    const out = execFileSync(process.execPath, [KEY_STATUS_CLI], {
      env: { PATH: process.env.PATH, DATABASE_URL: db.url, SECRET_KEY: KEY_B, SECRET_KEY_PREVIOUS: KEY_A, DATA_DIR: tmpdir() },
      encoding: 'utf8',
    });
    const lines = out.trim().split('\n');
    expect(lines[0]).toBe(`current key ${keyIdOf(KEY_B)}, previous key ${keyIdOf(KEY_A)}`);
    expect(lines.slice(2, 7).map((l) => l.trim().split(/\s+/))).toEqual([
      ['sessions', '0', '2', '0', '0'],
      ['api_keys', '0', '1', '0', '0'],
      ['login_challenges', '0', '2', '0', '0'],
      ['totp_factors', '0', '0', '0', '0'],
      ['recovery_codes', '0', '0', '0', '0'],
    ]);
    expect(lines[7]).toMatch(/^live rows still need the previous key/);
  });

  it('a row written before key ids were recorded counts as unlabelled until it is used, then as the current key\'s', async () => {
    // As a row from before the key_id column: made under A by the old server, its label taken off.
    const old = browserOn(a);
    expect((await login(old, 'alice')).__typename).toBe('Authenticated');
    await a.ds.query('UPDATE sessions SET key_id = NULL WHERE key_id = ?', [keyIdOf(KEY_A)]);
    const before = (await status(b)).tables.find((t) => t.table === 'sessions')!;
    expect(before).toMatchObject({ current: 0, previous: 0, unlabelled: 3 });
    expect((await status(b)).previousKeyUnused).toBe(false);
    expect(await viewerOf(browserOn(b, old))).toMatchObject({ username: 'alice' });
    const after = (await status(b)).tables.find((t) => t.table === 'sessions')!;
    expect(after).toMatchObject({ unlabelled: before.unlabelled - 1, current: before.current + 1 });
    // Logout on the rotated server ends it: the next request of that cookie is signed out.
    const cookie = browserOn(b, old);
    await old.fork(undefined, b.url).gql('mutation { logout }');
    expect(await viewerOf(cookie)).toBeNull();
    expect((await status(b)).tables.find((t) => t.table === 'sessions')).toMatchObject({ current: 0, unlabelled: 2 });
  });

  it('a customer signed in under A stays signed in, and her session row is re-keyed in place on that request', async () => {
    const before = await rowsOf(b, 'sessions', 'token_hash');
    const onB = browserOn(b, carol);
    expect(await viewerOf(onB)).toMatchObject({ username: 'carol' });
    const after = await rowsOf(b, 'sessions', 'token_hash');
    expect(after).toHaveLength(before.length);
    const moved = after.filter((r: { h: string }) => !before.some((x: { h: string }) => x.h === r.h));
    expect(moved).toEqual([{ h: expect.any(String), key_id: keyIdOf(KEY_B) }]);
    expect(await viewerOf(onB)).toMatchObject({ username: 'carol' });
  });

  it('concurrent requests of sessions under A all pass (20 on one session, 10 on each of four more); one row each is left, under B', async () => {
    const more: GqlClient[] = [];
    for (let i = 0; i < 4; i += 1) {
      const c = browserOn(a);
      expect((await login(c, 'alice')).__typename).toBe('Authenticated');
      more.push(c);
    }
    const tabs = [...Array.from({ length: 20 }, () => browserOn(b, alice)), ...more.flatMap((c) => Array.from({ length: 10 }, () => browserOn(b, c)))];
    const viewers = await Promise.all(tabs.map(viewerOf));
    expect(viewers.map((v) => v?.username)).toEqual(Array(60).fill('alice'));
    const rows = await rowsOf(b, 'sessions', 'token_hash');
    expect(rows.map((r: { key_id: string }) => r.key_id)).toEqual(Array(6).fill(keyIdOf(KEY_B)));
  });

  it('an API key made under A still works and is re-keyed', async () => {
    const before = await rowsOf(b, 'api_keys', 'secret_hash');
    const r = await new GqlClient(b.url, { authorization: `Bearer ${apiSecret}` }).gql(`{ twoFactorPolicy { enabled } }`);
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.twoFactorPolicy.enabled).toBe(true);
    const after = await rowsOf(b, 'api_keys', 'secret_hash');
    expect(after).toHaveLength(1);
    expect(after[0].h).not.toBe(before[0].h);
    expect(after[0].key_id).toBe(keyIdOf(KEY_B));
  });

  it('challenges opened under A are completed under B: an enrollment code sent under A, a resend under B', async () => {
    const bob = browserOn(b, bobEnrolling.client);
    expect((await confirmCode(bob, bobEnrolling.token, bobEnrolling.code)).__typename).toBe('ReloginRequired');
    const carol2 = browserOn(b, carolVerifying.client);
    clock.advanceSeconds(60); // past the resend cooldown
    expect((await resendCode(carol2, carolVerifying.token)).__typename).toBe('CodeSent');
    expect((await verifyOtp(carol2, carolVerifying.token, plivo.lastCodeFor(CAROL_PHONE)!)).__typename).toBe('Authenticated');
  });

  it('once the report shows no row under A, a restart without SECRET_KEY_PREVIOUS keeps everyone signed in', async () => {
    const s = await status(b);
    expect(s.tables.map((t) => t.previous + t.unlabelled)).toEqual([0, 0, 0, 0, 0]);
    expect(s.previousKeyUnused).toBe(true);
    const onlyB = await serve({ SECRET_KEY: KEY_B });
    expect(await viewerOf(browserOn(onlyB, carol))).toMatchObject({ username: 'carol' });
    expect(await viewerOf(browserOn(onlyB, alice))).toMatchObject({ username: 'alice' });
    const r = await new GqlClient(onlyB.url, { authorization: `Bearer ${apiSecret}` }).gql(`{ twoFactorPolicy { enabled } }`);
    expect(r.body.data?.twoFactorPolicy.enabled).toBe(true);
  });

  it('a session or an API key under a key that is neither current nor previous is refused', async () => {
    // Made now under A, which the next server knows neither as current nor as previous.
    const stale = browserOn(a);
    expect((await login(stale, 'alice')).__typename).toBe('Authenticated');
    const staleKey = (await stale.gql(CREATE_KEY, { name: 'stale' })).body.data.createApiKey.secret;
    expect(await viewerOf(browserOn(a, stale))).toMatchObject({ username: 'alice' }); // the control: A takes it
    const c = await serve({ SECRET_KEY: KEY_C, SECRET_KEY_PREVIOUS: KEY_B });
    expect(await viewerOf(browserOn(c, stale))).toBeNull();
    const r = await new GqlClient(c.url, { authorization: `Bearer ${staleKey}` }).raw({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ twoFactorPolicy { enabled } }' }),
    });
    expect(r.status).toBe(401);
    // … while B's rows still pass on this server, and the report shows A's rows as under neither key.
    expect(await viewerOf(browserOn(c, carol))).toMatchObject({ username: 'carol' });
    const s = await status(c);
    expect(s.tables.find((t) => t.table === 'sessions')).toMatchObject({ other: 1 });
    expect(s.tables.find((t) => t.table === 'api_keys')).toMatchObject({ other: 1 });
  });
});

