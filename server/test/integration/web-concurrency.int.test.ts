import { request } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOGIN, readmeExamplePortalFile, VERIFY } from '../support/fixtures';
import { createTestDatabase } from '../support/mysql';
import { ensureServerBuilt, freePorts, startServe, startServeProcesses, type ServeDeployment, type ServeProcess } from '../support/processes';
import { sampleSum } from '../../src/bench/prometheus-text';

const AUTH = { authId: 'MAWORKERSTEST0000001', authToken: 'workers-test-auth-token-0123456789' };
const PW = 'a long enough password';
const METRICS_TOKEN = 'workers-test-metrics-token-0123456789abcdef';
const CAROL_PHONE = '+14155552671';

interface Answer {
  readonly status: number;
  readonly requestId: string;
  readonly setCookie: string[];
  readonly text: string;
}

/**
 * One request on a connection of its own (no keep-alive), so that the cluster's round robin hands
 * each to the next worker; the X-Request-Id it answers with finds the worker's log line.
 */
function once(base: string, path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> {
  const body = init.body === undefined ? undefined : JSON.stringify(init.body);
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}${path}`,
      {
        method: init.method ?? (body ? 'POST' : 'GET'),
        agent: false,
        headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...init.headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, requestId: String(res.headers['x-request-id'] ?? ''), setCookie: res.headers['set-cookie'] ?? [], text }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const gql = (base: string, query: string, variables?: Record<string, unknown>, cookie?: string) =>
  once(base, '/graphql', { body: { query, variables }, headers: cookie ? { cookie } : {} });

/** The pid in the log line of a request (pino writes each process's pid; pino-http the request id). */
async function pidOf(server: ServeProcess, requestId: string): Promise<number> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    for (const line of server.output.join('').split('\n')) {
      if (!line.includes(requestId)) continue;
      const entry = JSON.parse(line) as { pid: number; req?: { id?: string } };
      if (entry.req?.id === requestId) return entry.pid;
    }
    if (Date.now() > deadline) throw new Error(`no log line for request ${requestId}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** /healthz answers once the first worker listens; the primary says when every worker does. */
async function waitForOutput(server: ServeProcess, pattern: RegExp): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!pattern.test(server.output.join(''))) {
    if (Date.now() > deadline) throw new Error(`never printed ${pattern}:\n${server.output.join('')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * WEB_CONCURRENCY (docs/OPERATIONS.md, Workers): `npm run serve` with two workers on one port and one
 * MySQL database, as deployed. The workers answer alike, a sign-in can move between them, /metrics
 * sums them, a worker that dies is replaced, and SIGTERM stops them all with exit code 0.
 */
describe('WEB_CONCURRENCY=2: one port, two worker processes', () => {
  let deployment: ServeDeployment;
  let server: ServeProcess;
  let queriesSent = 0;
  const workerPids = new Set<number>();

  const query = async (): Promise<number> => {
    const r = await gql(server.url, '{ __typename }');
    expect(r.status).toBe(200);
    queriesSent += 1;
    return pidOf(server, r.requestId);
  };

  beforeAll(async () => {
    deployment = await startServeProcesses({
      count: 1,
      secretKey: 'workers-test-secret-key-0123456789abcdef',
      plivo: AUTH,
      portalFile: readmeExamplePortalFile(PW),
      env: { WEB_CONCURRENCY: '2', LOG_LEVEL: 'info', METRICS_TOKEN },
    });
    [server] = deployment.servers;
    await waitForOutput(server, /"workers":2,[^\n]*"msg":"listening"/);
  }, 240_000);

  afterAll(() => deployment?.stop(), 60_000);

  it('answers from two worker processes, neither of them the primary', async () => {
    for (let i = 0; i < 6; i += 1) workerPids.add(await query());
    expect(workerPids.size).toBe(2);
    expect(workerPids.has(server.pid)).toBe(false);
  });

  it('a sign-in started on one worker finishes on the other', async () => {
    const admin = await gql(server.url, LOGIN, { input: { portal: 'acme', username: 'alice', password: PW } });
    const cookie = admin.setCookie.map((c) => c.split(';')[0]).join('; ');
    expect(cookie).toMatch(/session=/);
    const policy = await gql(server.url, 'mutation { setTwoFactorPolicy(input: { enabled: true }) { enabled } }', undefined, cookie);
    expect(JSON.parse(policy.text).data.setTwoFactorPolicy.enabled).toBe(true);

    // The round robin alternates; should another connection slip in between, try again (each try is a text).
    let crossed: { loginPid: number; verifyPid: number; typename: string } | null = null;
    for (let attempt = 0; attempt < 4 && !crossed; attempt += 1) {
      const l = await gql(server.url, LOGIN, { input: { portal: 'acme', username: 'carol', password: PW } });
      const challenge = JSON.parse(l.text).data.login;
      expect(challenge.__typename).toBe('CodeRequired');
      const code = deployment.plivo.lastCodeFor(CAROL_PHONE);
      const v = await gql(server.url, VERIFY, { input: { challengeToken: challenge.challenge.token, code } });
      const [loginPid, verifyPid] = [await pidOf(server, l.requestId), await pidOf(server, v.requestId)];
      const typename = JSON.parse(v.text).data.verifyOtp.__typename;
      expect(typename).toBe('Authenticated');
      if (loginPid !== verifyPid) crossed = { loginPid, verifyPid, typename };
    }
    expect(crossed).not.toBeNull();
    expect(workerPids).toEqual(new Set([crossed?.loginPid, crossed?.verifyPid]));
  });

  it('/metrics sums every worker, whichever worker the scrape reaches', async () => {
    const scrapes: Array<{ pid: number; queries: number; workersPools: number }> = [];
    for (let i = 0; i < 2; i += 1) {
      const r = await once(server.url, '/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(r.status).toBe(200);
      scrapes.push({
        pid: await pidOf(server, r.requestId),
        queries: sampleSum(r.text, 'portal_graphql_request_duration_seconds_count', { operation: 'query' }),
        // Each worker has a pool of its own, of 10.
        workersPools: sampleSum(r.text, 'portal_db_pool_connections_max'),
      });
    }
    expect(new Set(scrapes.map((s) => s.pid)).size).toBe(2);
    // The queries were answered by both workers (the first test): each scrape counts all of them.
    for (const s of scrapes) expect(s).toMatchObject({ queries: queriesSent, workersPools: 20 });
  });

  it('restarts a worker that dies, and SIGTERM stops every worker and exits 0', async () => {
    const [victim] = [...workerPids];
    process.kill(victim, 'SIGKILL');
    const deadline = Date.now() + 30_000;
    while (!server.output.join('').includes('worker died; restarting it')) {
      if (Date.now() > deadline) throw new Error(`no restart logged:\n${server.output.join('')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const died = server.output
      .join('')
      .split('\n')
      .find((line) => line.includes('worker died; restarting it'));
    expect(JSON.parse(died as string)).toMatchObject({ level: 40, workerPid: victim, signal: 'SIGKILL', restartInMs: 1000 });

    // Answered again by two workers, one of them new.
    const now = new Set<number>();
    while (now.size < 2 || now.has(victim)) {
      if (Date.now() > deadline) throw new Error(`no second worker came back: ${[...now]}`);
      now.add(await query());
    }
    expect(now.has(victim)).toBe(false);

    await server.stop();
    expect(server.exitCode()).toBe(0);
    for (const pid of now) expect(alive(pid)).toBe(false);
  }, 60_000);
});

/**
 * `npm start` with WEB_CONCURRENCY=2 on an empty database: the primary migrates and seeds the demo
 * portal once before the workers start (migrations never run in several workers at once).
 */
describe('npm start with WEB_CONCURRENCY=2', () => {
  it('migrates and seeds once, then serves from two workers', async () => {
    await ensureServerBuilt();
    const db = await createTestDatabase();
    const [port] = await freePorts(1);
    let server: ServeProcess | undefined;
    try {
      server = await startServe(
        { DATABASE_URL: db.url, WEB_CONCURRENCY: '2', LOG_LEVEL: 'info', DATA_DIR: mkdtempSync(join(tmpdir(), 'start-workers-')), NODE_ENV: 'development' },
        port,
        'start.js',
      );
      await waitForOutput(server, /Portal SMS 2FA is running/);
      const portal = await gql(server.url, '{ portal(slug: "demo") { name } }');
      expect(JSON.parse(portal.text).data.portal).not.toBeNull();
      const pids = new Set<number>();
      for (let i = 0; i < 4; i += 1) pids.add(await pidOf(server, (await gql(server.url, '{ __typename }')).requestId));
      expect(pids.size).toBe(2);
      const text = server.output.join('');
      expect(text.match(/Portal SMS 2FA is running/g)).toHaveLength(1);
      expect(text).not.toMatch(/"level":(50|60)/);
      await server.stop();
      expect(server.exitCode()).toBe(0);
    } finally {
      await server?.stop();
      await db.drop();
    }
  }, 120_000);
});
