import { startTestApp, type TestApp } from '../support/harness';
import { startServeProcesses, type ServeDeployment, type ServeProcess } from '../support/processes';

/**
 * No document can make validation cost more than linear time in its size (docs/SECURITY.md "depth
 * and cost limits"). A ~1 KB document whose fragments each spread the next one twice names 2^levels
 * paths; a rule that walks every path (the one-sign-in-step rule once did) held the event loop for
 * seconds, and with it every other request, /healthz included, before the depth and cost rules
 * could refuse the document. Each such document must be refused in milliseconds while /healthz keeps
 * answering: in-process on MySQL, and against real `serve` processes.
 */

/** Generous bounds: a linear check answers in a few milliseconds even on a loaded two-core machine. */
const ANSWER_WITHIN_MS = 1_000;
const HEALTH_WITHIN_MS = 1_000;
/** How long a test waits for an answer before calling it a stall (the old rule took minutes at 30 levels). */
const GIVE_UP_MS = 10_000;

const STEP = 'verifyOtp(input: { challengeToken: "t", code: "000000" }) { __typename }';

type Shape = 'spreads' | 'aliases' | 'inline fragments' | 'cycles' | 'query';

/** `fragment Fi { ...Fi+1 ...Fi+1 }` × levels, in several spellings; the leaf holds one sign-in step. */
function fanOut(levels: number, shape: Shape): string {
  const onType = shape === 'query' ? 'Query' : 'Mutation';
  const defs: string[] = [];
  for (let i = 0; i < levels; i += 1) {
    const next = `...F${i + 1}`;
    const body = {
      spreads: `${next} ${next}`,
      aliases: `a${i}: logout ${next} b${i}: logout ${next}`,
      'inline fragments': `... on Mutation { ${next} } ... { ${next} }`,
      cycles: `${next} ${next} ...F0`,
      query: `${next} ${next}`,
    }[shape];
    defs.push(`fragment F${i} on ${onType} { ${body} }`);
  }
  defs.push(`fragment F${levels} on ${onType} { ${shape === 'query' ? 'viewer { id }' : STEP} }`);
  return `${shape === 'query' ? 'query' : 'mutation'} { ...F0 }\n${defs.join('\n')}`;
}

/** POSTs `query` and times the answer; a stall past GIVE_UP_MS fails the test instead of hanging it. */
async function timedPost(url: string, query: string) {
  const started = performance.now();
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
    signal: AbortSignal.timeout(GIVE_UP_MS),
  });
  const body = (await res.json()) as { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  return { status: res.status, body, ms: performance.now() - started };
}

/** Polls /healthz back to back until stopped; every answer's latency (ms). */
function pollHealth(urls: readonly string[]) {
  const latencies: number[] = [];
  const statuses: number[] = [];
  let stopped = false;
  const loop = (async () => {
    for (let i = 0; !stopped || latencies.length < 3; i += 1) {
      const started = performance.now();
      const res = await fetch(`${urls[i % urls.length]}/healthz`, { signal: AbortSignal.timeout(GIVE_UP_MS) });
      await res.arrayBuffer();
      statuses.push(res.status);
      latencies.push(performance.now() - started);
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return { latencies, statuses };
    },
  };
}

/** The fan-out document is refused (400, no data) in time, and /healthz answered 200 in time meanwhile. */
async function expectRefusedQuickly(url: string, healthUrls: readonly string[], query: string) {
  const health = pollHealth(healthUrls);
  // The first health answer is in flight before the document is sent, so the two overlap.
  const r = await timedPost(url, query);
  const { latencies, statuses } = await health.stop();
  expect(r.status).toBe(400);
  expect(r.body.data).toBeUndefined();
  expect(r.body.errors?.length).toBeGreaterThan(0);
  expect(r.ms).toBeLessThan(ANSWER_WITHIN_MS);
  expect(statuses.every((s) => s === 200)).toBe(true);
  expect(Math.max(...latencies)).toBeLessThan(HEALTH_WITHIN_MS);
  return r.body.errors ?? [];
}

const messages = (errors: Array<{ message: string }>) => errors.map((e) => e.message).join('\n');

describe('validation costs linear time (in-process, MySQL)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  describe.each([20, 30, 40])('%i levels of fragments that spread the next one twice', (levels) => {
    it.each<Shape>(['spreads', 'aliases', 'inline fragments'])('(%s) are refused in milliseconds, as more than one sign-in step, while /healthz answers', async (shape) => {
      const errors = await expectRefusedQuickly(app.url, [app.url], fanOut(levels, shape));
      // The step rule did count the leaf's step on more than one path (saturating, not walking each path).
      expect(messages(errors)).toMatch(/only one sign-in step/);
    });

    it('(with cycles back to the first fragment) are refused in milliseconds as cycles, while /healthz answers', async () => {
      const errors = await expectRefusedQuickly(app.url, [app.url], fanOut(levels, 'cycles'));
      expect(messages(errors)).toMatch(/Cannot spread fragment "F0" within itself/);
    });

    it('(a query, which no sign-in rule reads) are refused in milliseconds by the depth limit, while /healthz answers', async () => {
      const errors = await expectRefusedQuickly(app.url, [app.url], fanOut(levels, 'query'));
      expect(messages(errors)).toMatch(/depth limit/i);
    });
  });

  it('still counts one step once: a single step behind two levels of fragments is not refused as two', async () => {
    const query = `mutation { ...A } fragment A on Mutation { ...B } fragment B on Mutation { ${STEP} }`;
    const r = await timedPost(app.url, query);
    expect(messages(r.body.errors ?? [])).not.toMatch(/only one sign-in step/);
  });
});

describe('validation costs linear time (two serve processes on MySQL)', () => {
  let deployment: ServeDeployment;
  let a: ServeProcess;
  let b: ServeProcess;

  beforeAll(async () => {
    // No SMS is sent in this file: the fake Plivo only stands where the deployment expects one.
    deployment = await startServeProcesses({
      count: 2,
      secretKey: 'linear-validation-secret-key-0123456789abcdef',
      plivo: { authId: 'MALINEARVALIDATION01', authToken: 'linear-validation-auth-token-0123456789' },
    });
    [a, b] = deployment.servers;
  }, 240_000);

  afterAll(() => deployment?.stop(), 60_000);

  it.each([30, 40])('a %i-level fan-out document is refused in milliseconds by one process while /healthz on it (and on the other) answers', async (levels) => {
    const errors = await expectRefusedQuickly(a.url, [a.url, b.url], fanOut(levels, 'spreads'));
    expect(messages(errors)).toMatch(/only one sign-in step/);
  });

  it('six fan-out documents at once, over both processes, are all refused in time while /healthz answers', async () => {
    const health = pollHealth([a.url, b.url]);
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => timedPost(i % 2 ? a.url : b.url, fanOut(30 + 2 * i, i % 3 ? 'aliases' : 'inline fragments'))),
    );
    const { latencies, statuses } = await health.stop();
    for (const r of answers) {
      expect(r.status).toBe(400);
      expect(r.ms).toBeLessThan(ANSWER_WITHIN_MS);
    }
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(Math.max(...latencies)).toBeLessThan(HEALTH_WITHIN_MS);
  });
});
