import { request, type IncomingMessage } from 'node:http';
import { LOGIN, PASSWORD, TEST_PORTALS } from '../support/fixtures';
import { startServeProcesses, type ServeDeployment, type ServeProcess } from '../support/processes';
import { serverHasReadEverything } from '../support/socket-queues';

/**
 * SIGTERM under load (docs/OPERATIONS.md, Draining): the built server (`npm run serve`) as a child
 * process gets 200 sign-ins at once, each an argon2 verify, so most are still being worked on when the
 * signal comes. It must stop taking connections, give every accepted request its real answer (no 5xx,
 * no cut connection), close the pool and exit 0. "Accepted" is measured, not guessed: the signal is sent
 * once the kernel holds nothing more for the server's port (no connection in its listen queue, no unread
 * byte), so every request has been read by the process. A connection still in the listen queue when the
 * listener closes is reset by the kernel before any byte of answer (docs/OPERATIONS.md, Draining).
 */

const IN_FLIGHT = 200;
const AUTH = { authId: 'MADRAINTEST000000001', authToken: 'drain-test-auth-token-0123456789ab' };

const portOf = (s: ServeProcess) => Number(new URL(s.url).port);

interface Sent {
  /** Resolves once the whole request is written to the socket. */
  readonly written: Promise<void>;
  readonly answered: Promise<{ status: number; body: string; at: number }>;
}

/** One login over its own connection (no keep-alive pool), so "accepted" means this socket was. */
function sendLogin(url: string, username: string): Sent {
  const body = JSON.stringify({ query: LOGIN, variables: { input: { portal: 'acme', username, password: PASSWORD } } });
  let written!: () => void;
  const writtenP = new Promise<void>((r) => (written = r));
  const answered = new Promise<{ status: number; body: string; at: number }>((resolve, reject) => {
    const req = request(`${url}/graphql`, {
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    req.on('response', (res: IncomingMessage) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, at: Date.now() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body, () => written());
  });
  return { written: writtenP, answered };
}

/** One served process with the given grace. The password limits reserve a hit before each verify: 200 at once would be refused, not drained. */
function startDrainingServer(graceSeconds: number): Promise<ServeDeployment> {
  return startServeProcesses({
    count: 1,
    secretKey: 'draining-test-secret-key-0123456789abcdef',
    plivo: AUTH,
    portalFile: TEST_PORTALS,
    env: { LOG_LEVEL: 'info', SHUTDOWN_GRACE_SECONDS: String(graceSeconds), RATE_PASSWORD_PER_ACCOUNT: '1000', RATE_PASSWORD_PER_IP: '100000' },
  });
}

describe('SIGTERM while 200 sign-ins are in flight', () => {
  let deployment: ServeDeployment;
  let server: ServeProcess;

  beforeAll(async () => {
    deployment = await startDrainingServer(15);
    [server] = deployment.servers;
  }, 240_000);

  afterAll(() => deployment?.stop(), 60_000);

  it('answers every accepted request for real, refuses new connections, closes the pool and exits 0', async () => {
    const sent = Array.from({ length: IN_FLIGHT }, (_, i) => sendLogin(server.url, i % 2 ? 'alice' : 'bob'));
    await Promise.all(sent.map((s) => s.written));
    // Every request is on the wire; once the server has read them all, stop it as a service manager would.
    await serverHasReadEverything(portOf(server));
    const settled: Array<unknown> = new Array(IN_FLIGHT);
    sent.forEach((s, i) => void s.answered.then((a) => (settled[i] = a), (e: unknown) => (settled[i] = e)));
    const signalAt = Date.now();
    const answeredBefore = settled.filter(Boolean).length;
    process.kill(server.pid, 'SIGTERM');

    // A connection opened after the signal is refused: the listener is closed at once.
    await new Promise((r) => setTimeout(r, 300));
    const late = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(5_000) }).then(
      (r) => `answered ${r.status}`,
      (e: Error & { cause?: { code?: string } }) => e.cause?.code ?? e.message,
    );

    // node:http's errors come from outside Jest's sandbox (not `instanceof Error` here): kept as text.
    const answers = await Promise.all(sent.map((s) => s.answered.catch((e: { code?: string; message?: string }) => `${e.code} ${e.message}`)));
    const exit = await server.exited;
    const exitedAt = Date.now();

    const failures = answers.filter((a) => typeof a === 'string' || a.status !== 200 || JSON.parse(a.body).data?.login?.__typename !== 'Authenticated');
    expect(failures.map((a) => (typeof a === 'string' ? a : `${a.status} ${a.body}`))).toEqual([]);
    // The test measured draining only if most sign-ins were still being worked on at the signal.
    expect(IN_FLIGHT - answeredBefore).toBeGreaterThan(IN_FLIGHT / 2);
    expect(late).toBe('ECONNREFUSED');
    expect(exit).toEqual({ code: 0, signal: null });
    const lastAnswer = Math.max(...answers.map((a) => (typeof a === 'string' ? 0 : a.at)));
    expect(exitedAt).toBeGreaterThanOrEqual(lastAnswer);
    const log = server.output.join('');
    expect(log).toContain('"msg":"shutting down"');
    expect(log).toContain('"msg":"stopped"');
    expect(log).not.toMatch(/"level":50/);
    console.log(
      `${IN_FLIGHT - answeredBefore} of ${IN_FLIGHT} sign-ins in flight at SIGTERM; the last answered ${lastAnswer - signalAt} ms after it; the process exited 0 ${exitedAt - signalAt} ms after it`,
    );
  }, 60_000);
});

describe('SHUTDOWN_GRACE_SECONDS bounds the drain', () => {
  let deployment: ServeDeployment;
  let server: ServeProcess;

  beforeAll(async () => {
    deployment = await startDrainingServer(1);
    [server] = deployment.servers;
  }, 240_000);

  afterAll(() => deployment?.stop(), 60_000);

  it('with 1 s of grace, the process exits about 1 s after SIGTERM though sign-ins are still running', async () => {
    const sent = Array.from({ length: IN_FLIGHT }, () => sendLogin(server.url, 'alice'));
    const outcomes = Promise.all(sent.map((s) => s.answered.then((a) => a.status, () => 'cut' as const)));
    await Promise.all(sent.map((s) => s.written));
    await serverHasReadEverything(portOf(server));
    const signalAt = Date.now();
    process.kill(server.pid, 'SIGTERM');
    const exit = await server.exited;
    const took = Date.now() - signalAt;
    const answers = await outcomes;
    expect(exit).toEqual({ code: 0, signal: null });
    // 200 verifies take about 4 s on two cores (the test above): the grace, not the work, ended this one.
    expect(took).toBeGreaterThanOrEqual(1_000);
    expect(took).toBeLessThan(3_000);
    expect(answers).toContain('cut');
    // What was answered was answered for real.
    expect(answers.filter((a) => a !== 'cut' && a !== 200)).toEqual([]);
    console.log(`grace 1 s: exited ${took} ms after SIGTERM; ${answers.filter((a) => a === 200).length} answered, ${answers.filter((a) => a === 'cut').length} cut`);
  }, 60_000);
});
