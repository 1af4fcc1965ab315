import pino from 'pino';
import { loadConfig } from '../../src/config';
import { start, type Running } from '../../src/index';
import { FixedClock } from '../../src/lib/clock';
import { seedPortalFile } from '../../src/portals/portal-file/seed.service';
import { startFakePlivo, type FakePlivo } from '../support/fake-plivo';
import { CAROL_PHONE, TEST_PORTALS, VIEWER } from '../support/fixtures';
import { GqlClient } from '../support/gql-client';
import { PLIVO_AUTH } from '../support/harness';
import { createTestDatabase } from '../support/mysql';
import { freshIp, login, verifyOtp } from '../support/sign-in-kit';

const KEY_A = 'rolling-key-A-0123456789abcdef0123456789ab';
const KEY_B = 'rolling-key-B-0123456789abcdef0123456789ab';
const CREATE_KEY = `mutation($name: String!) { createApiKey(input: { name: $name }) { secret } }`;
const CUSTOMERS = `{ customers(first: 1) { edges { node { id } } } }`;

type Keys = { SECRET_KEY: string; SECRET_KEY_PREVIOUS?: string };

/**
 * docs/OPERATIONS.md, Rotating SECRET_KEY, "a rolling restart with no refusal at all": two servers on
 * one database are restarted one at a time, first to SECRET_KEY=A with SECRET_KEY_PREVIOUS=B, then to
 * the swapped pair, while the same people and the same API key use both servers in turn after every
 * restart. Nobody is refused at any point. The control: restarting one server straight to the swapped
 * pair while the other still knows only A does refuse, on the server that knows only A, the sessions
 * the first one has already moved; that is why the doc asks for the two rounds.
 */
describe('a rolling restart through a key rotation', () => {
  let db: { url: string; drop: () => Promise<void> };
  let plivo: FakePlivo;
  const clock = new FixedClock(new Date());
  const fleet: Running[] = [];
  const stopped: Running[] = [];

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
    return start(config, { migrate: true, clock, log: pino({ level: 'silent' }), retention: false });
  }
  async function restart(i: number, keys: Keys): Promise<void> {
    const old = fleet[i];
    fleet[i] = await serve(keys);
    await old.stop();
    stopped.push(old);
  }

  /** People and a key made before the rotation, used on every server after every step. */
  const people: GqlClient[] = [];
  let apiSecret: string;
  const on = (c: GqlClient, r: Running) => c.fork({ 'x-forwarded-for': freshIp() }, r.url);

  /** Every person's session and the API key, on each server in turn: the viewers and listing it gets. */
  async function useEverywhere(): Promise<Array<{ server: number; who: string; ok: boolean }>> {
    const seen: Array<{ server: number; who: string; ok: boolean }> = [];
    for (let round = 0; round < 2; round += 1) {
      for (const [server, r] of fleet.entries()) {
        for (const p of people) {
          const v = (await on(p, r).gql(VIEWER)).body.data?.viewer;
          seen.push({ server, who: `person ${people.indexOf(p)}`, ok: !!v });
        }
        const k = await new GqlClient(r.url, { authorization: `Bearer ${apiSecret}` }).gql(CUSTOMERS);
        seen.push({ server, who: 'api key', ok: !k.body.errors });
      }
    }
    return seen;
  }
  const refusals = <T extends { ok: boolean }>(seen: T[]) => seen.filter((s) => !s.ok);

  /** A new sign-in during the step: password on one server, code on the other, then used on both. */
  async function signInAcross(): Promise<GqlClient> {
    const c = new GqlClient(fleet[0].url, { 'x-forwarded-for': freshIp() });
    const l = await login(c, 'carol');
    expect(l.__typename).toBe('CodeRequired');
    const other = on(c, fleet[1]);
    expect((await verifyOtp(other, l.challenge.token, plivo.lastCodeFor(CAROL_PHONE)!)).__typename).toBe('Authenticated');
    people.push(other);
    return other;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    plivo = await startFakePlivo(PLIVO_AUTH);
    fleet.push(await serve({ SECRET_KEY: KEY_A }));
    const seeded = await seedPortalFile(fleet[0].ds, TEST_PORTALS, clock);
    if (!seeded.ok) throw new Error(JSON.stringify(seeded.problems));
    fleet.push(await serve({ SECRET_KEY: KEY_A }));
    const alice = new GqlClient(fleet[0].url, { 'x-forwarded-for': freshIp() });
    expect((await login(alice, 'alice')).__typename).toBe('Authenticated');
    expect((await alice.gql(`mutation { setTwoFactorPolicy(input: { enabled: true }) { enabled } }`)).body.errors).toBeUndefined();
    apiSecret = (await alice.gql(CREATE_KEY, { name: 'ERP' })).body.data.createApiKey.secret;
    people.push(alice);
    await signInAcross();
    await signInAcross();
  }, 60_000);
  afterAll(async () => {
    for (const r of [...fleet, ...stopped]) await r.stop().catch(() => undefined);
    await plivo?.close();
    await db?.drop();
  });

  it('before: everyone is served on both servers', async () => {
    expect(refusals(await useEverywhere())).toEqual([]);
  });

  it('round 1 (A, previous B), one server at a time: nobody refused after either restart', async () => {
    await restart(0, { SECRET_KEY: KEY_A, SECRET_KEY_PREVIOUS: KEY_B });
    expect(refusals(await useEverywhere())).toEqual([]);
    await signInAcross();
    await restart(1, { SECRET_KEY: KEY_A, SECRET_KEY_PREVIOUS: KEY_B });
    expect(refusals(await useEverywhere())).toEqual([]);
  });

  it('round 2 (B, previous A), one server at a time: nobody refused while the fleet is mixed, nor after', async () => {
    await restart(0, { SECRET_KEY: KEY_B, SECRET_KEY_PREVIOUS: KEY_A });
    expect(refusals(await useEverywhere())).toEqual([]); // rows move to B on server 0 and back to A on server 1
    await signInAcross();
    await restart(1, { SECRET_KEY: KEY_B, SECRET_KEY_PREVIOUS: KEY_A });
    expect(refusals(await useEverywhere())).toEqual([]);
    // Every session and the key now sit under B: a server on B alone serves them all.
    const sessions = await fleet[0].ds.query('SELECT DISTINCT key_id FROM sessions');
    const keys = await fleet[0].ds.query('SELECT DISTINCT key_id FROM api_keys');
    expect(sessions).toHaveLength(1);
    expect(keys).toEqual(sessions);
  });

  it('control: one server straight to (B, previous A) beside one on A alone refuses the rows already moved, on the A-only server', async () => {
    // Back to everything under A, on a fleet that accepts both (round 1's settings) ...
    await restart(0, { SECRET_KEY: KEY_A, SECRET_KEY_PREVIOUS: KEY_B });
    await restart(1, { SECRET_KEY: KEY_A, SECRET_KEY_PREVIOUS: KEY_B });
    expect(refusals(await useEverywhere())).toEqual([]);
    // ... then server 1 on A alone, and server 0 straight to the new pair: server 0 moves each row it
    // serves to B, and server 1 no longer finds it.
    await restart(1, { SECRET_KEY: KEY_A });
    await restart(0, { SECRET_KEY: KEY_B, SECRET_KEY_PREVIOUS: KEY_A });
    const seen = await useEverywhere();
    expect(refusals(seen).length).toBeGreaterThan(0);
    expect(new Set(refusals(seen).map((s) => s.server))).toEqual(new Set([1]));
  });
});
