import type { Running } from '../../src/index';
import { PASSWORD, TEST_PORTALS, VERIFY } from '../support/fixtures';
import { type GaleraCluster, galeraInstalled, startGaleraCluster } from '../../src/bench/galera-cluster';
import { GqlClient } from '../support/gql-client';
import { startTestApp, type TestApp } from '../support/harness';
import { sampleSum } from '../../src/bench/prometheus-text';
import { login, tally, verifyOtp, type Result } from '../support/sign-in-kit';

const TOKEN = 'galera-test-metrics-token-0123456789abcd';
const CUSTOMERS = 660;
const AREAS = ['415', '212', '646', '312', '617', '206', '303'];

/** Customer n's enrolled number: +1 AAA 555 01NN, the fictional range, over several area codes. */
function phoneOf(n: number): string {
  return `+1${AREAS[Math.floor(n / 100)]}55501${String(n % 100).padStart(2, '0')}`;
}
const username = (n: number) => `g${String(n).padStart(3, '0')}`;

function clusterPortals(): unknown {
  const [acme] = TEST_PORTALS.portals as Array<Record<string, unknown>>;
  const customers = Array.from({ length: CUSTOMERS }, (_, n) => ({
    username: username(n),
    password: PASSWORD,
    displayName: `Customer ${n}`,
    enrolledPhone: phoneOf(n),
  }));
  return { portals: [{ ...acme, twoFactorEnabled: true, companies: [{ name: 'Globex', customers }] }] };
}

/**
 * Three MariaDB Galera nodes and an app server on each (docs/OPERATIONS.md, Galera): sign-ins that
 * start on one node and finish on another all succeed, write conflicts never reach a caller, the race
 * and limit rules hold across the three, and a lost node costs only its own server's requests.
 */
describe('three Galera nodes, an app server on each', () => {
  let cluster: GaleraCluster;
  let app: TestApp;
  let servers: Array<{ url: string; running: Running }>;
  let ipSeq = 0;
  /** A client of server `s`, from an address of its own (each sign-in its own office). */
  const clientOf = (s: number, ip = nextIp()) => new GqlClient(servers[s].url, { 'x-forwarded-for': ip });
  const nextIp = () => {
    ipSeq += 1;
    return `198.18.${ipSeq >> 8}.${ipSeq & 255}`;
  };
  let next = 0;
  const takeCustomer = () => next++;

  beforeAll(async () => {
    if (!galeraInstalled()) throw new Error('galera-4 is not installed: apt-get install -y galera-4 rsync (.ci/run does it)');
    cluster = await startGaleraCluster(3);
    app = await startTestApp({ databaseServerUrl: cluster.urls[0], portalFile: clusterPortals(), env: { METRICS_TOKEN: TOKEN } });
    const second = await app.startAnother(cluster.urls[1]);
    const third = await app.startAnother(cluster.urls[2]);
    servers = [{ url: app.url, running: app.running }, { url: second.url, running: second }, { url: third.url, running: third }];
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    await cluster?.destroy();
  }, 120_000);

  /** Sign-ins' codes: the fake Plivo all three servers text through. */
  const codeOf = (n: number) => app.plivo.lastCodeFor(phoneOf(n)) as string;

  const conflicts = async (outcome: string) => {
    let sum = 0;
    for (const s of servers) {
      const text = await (await fetch(`${s.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
      const n = sampleSum(text, 'portal_db_conflicts_total', { outcome });
      sum += Number.isNaN(n) ? 0 : n;
    }
    return sum;
  };

  /** Password on server `on`, the code on server `then`; the answer of verifyOtp (or of login if it failed). */
  async function fullSignIn(n: number, on: number, then: number): Promise<Result> {
    const ip = nextIp();
    try {
      const l = await login(clientOf(on, ip), username(n));
      if (l.__typename !== 'CodeRequired') return l;
      return await verifyOtp(clientOf(then, ip), l.challenge.token, codeOf(n));
    } catch (err) {
      // A GraphQL error (SERVICE_UNAVAILABLE, INTERNAL_SERVER_ERROR) is tallied under its code.
      const code = /"code":"([A-Z_]+)"/.exec(String(err))?.[1] ?? 'ERROR';
      return { __typename: 'Problem', code };
    }
  }

  it('each server talks to its own node, with causal reads on', async () => {
    const ports = await Promise.all(servers.map(async (s) => Number((await s.running.ds.query('SELECT @@port AS p'))[0].p)));
    expect(new Set(ports).size).toBe(3);
    expect(ports).toEqual(cluster.urls.map((u) => Number(new URL(u).port)));
    for (const s of servers) expect(Number((await s.running.ds.query('SELECT @@session.wsrep_sync_wait AS w'))[0].w)).toBe(7);
    expect(await cluster.clusterSize(0)).toBe(3);
  });

  it('600 concurrent full sign-ins, each started on one node and finished on the next: all Authenticated', async () => {
    const retriedBefore = await conflicts('retried');
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 600 }, (_, i) => fullSignIn(takeCustomer(), i % 3, (i + 1) % 3)));
    const seconds = (Date.now() - started) / 1000;
    expect(tally(answers)).toEqual({ Authenticated: 600 });
    const sessions = await app.running.ds.query('SELECT COUNT(*) AS n FROM sessions');
    expect(Number(sessions[0].n)).toBe(600);
    const retried = (await conflicts('retried')) - retriedBefore;
    expect(await conflicts('gave_up')).toBe(0);
    // For the record (docs/OPERATIONS.md, Galera): how long, and how many conflicts were run again.
    console.log(`galera: 600 full sign-ins over 3 nodes in ${seconds.toFixed(1)} s, ${retried} write conflicts retried, 0 given up`);
  }, 240_000);

  it('20 right codes at once over the three servers make one session; 40 wrong ones weigh at most 5', async () => {
    const n = takeCustomer();
    const ip = nextIp();
    const l = await login(clientOf(0, ip), username(n));
    const token = l.challenge.token;
    const right = await Promise.all(Array.from({ length: 20 }, (_, i) => verifyOtp(clientOf(i % 3, ip), token, codeOf(n))));
    expect(tally(right).Authenticated).toBe(1);

    const m = takeCustomer();
    const l2 = await login(clientOf(1, ip), username(m));
    const code = codeOf(m);
    const wrong = code === '000000' ? '000001' : '000000';
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => verifyOtp(clientOf(i % 3, ip), l2.challenge.token, wrong)));
    const weighed = answers.filter((r) => r.code === 'INVALID_CODE');
    expect(weighed.length).toBeLessThanOrEqual(5);
    expect(weighed.length).toBeGreaterThan(0);
    expect(answers.every((r) => r.code === 'INVALID_CODE' || r.code === 'TOO_MANY_ATTEMPTS')).toBe(true);
    expect(await verifyOtp(clientOf(2, ip), l2.challenge.token, code)).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
  }, 60_000);

  it('a node killed under load: the other two servers go on without an error, the third answers SERVICE_UNAVAILABLE quickly and recovers when its node rejoins', async () => {
    const survivors = Array.from({ length: 30 }, () => takeCustomer());
    const load = Promise.all(survivors.map(async (n, i) => {
      await new Promise((r) => setTimeout(r, i * 40)); // spread over ~1.2 s, across the kill
      return fullSignIn(n, i % 2, (i + 1) % 2);
    }));
    await new Promise((r) => setTimeout(r, 300));
    await cluster.nodes[2].kill();
    const asked = Date.now();
    const orphan = await clientOf(2).gql(VERIFY, { input: { challengeToken: 'x'.repeat(43), code: '123456' } });
    const tookMs = Date.now() - asked;
    expect(orphan.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(tookMs).toBeLessThan(6_000);
    expect(tally(await load)).toEqual({ Authenticated: 30 });
    // No half-made sign-in: every challenge used has its session, on the surviving nodes.
    const half = await app.running.ds.query(
      `SELECT COUNT(*) AS n FROM login_challenges c WHERE c.consumed_at IS NOT NULL AND c.step = 'VERIFY_CODE'
         AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.account_id = c.account_id)`,
    );
    expect(Number(half[0].n)).toBe(0);

    await cluster.nodes[2].start();
    await cluster.synced(2);
    expect(await cluster.clusterSize(0)).toBe(3);
    // The third server comes back by itself (its pool reconnects): a whole sign-in through it.
    const n = takeCustomer();
    let answer: Result | null = null;
    for (let i = 0; i < 30 && answer?.__typename !== 'Authenticated'; i += 1) {
      answer = await fullSignIn(n, 2, 2);
      if (answer?.__typename !== 'Authenticated') await new Promise((r) => setTimeout(r, 500));
    }
    expect(answer).toMatchObject({ __typename: 'Authenticated' });
  }, 180_000);
});
