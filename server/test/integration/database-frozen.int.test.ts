import { CAROL_PHONE, LOGIN, PASSWORD, VIEWER } from '../support/fixtures';
import type { GqlClient } from '../support/gql-client';
import { clientFrom, login, setPolicy, signInWithCode, startTestApp, type TestApp } from '../support/harness';
import { startOwnMariaDb, type OwnMariaDb } from '../../src/bench/own-mariadb';

/**
 * A database that hangs instead of going away (docs/OPERATIONS.md, Database outages): its process is
 * frozen with SIGSTOP, so its sockets stay open, connects are accepted by the kernel and nothing ever
 * answers. Without a statement timeout a request would wait forever; with it, every request answers
 * SERVICE_UNAVAILABLE (HTTP 503) within 5 s, the connections that saw no answer are dropped rather than
 * handed to the next request, and the same process serves again once the database thaws. Plivo's
 * delivery report meanwhile gets a 503, so that Plivo sends it again; the report sent again is recorded.
 */

const ANSWER_LIMIT_MS = 5_000;
const REQUESTS = 12;
const RECOVERY_DEADLINE_MS = 20_000;
const CUSTOMERS = `{ customers(first: 5) { edges { node { username } } } }`;

async function timed(c: GqlClient, query: string, variables: Record<string, unknown> = {}) {
  const t0 = Date.now();
  const res = await c.raw({
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await res.json()) as any;
  return { ms: Date.now() - t0, status: res.status, code: body.errors?.[0]?.extensions?.code as string | undefined, body };
}

const REPORT_URL = 'https://portal.example/webhooks/plivo/status';

describe('the database hangs (SIGSTOP) and comes back', () => {
  let db: OwnMariaDb;
  let app: TestApp;
  let admin: GqlClient;

  beforeAll(async () => {
    db = await startOwnMariaDb();
    app = await startTestApp({ databaseServerUrl: db.url, env: { PUBLIC_URL: 'https://portal.example' } });
    await setPolicy(app, true);
    // A text whose delivery report will arrive while the database hangs.
    expect((await login(clientFrom(app), 'carol')).__typename).toBe('CodeRequired');
    admin = clientFrom(app);
    await login(admin, 'alice');
    // Warm the pool: idle connections that will be handed out after the freeze.
    await Promise.all(Array.from({ length: 6 }, () => admin.gql(CUSTOMERS)));
  }, 120_000);
  afterAll(async () => {
    db?.thaw();
    await app?.close();
    await db?.destroy();
  });

  async function deliveryReport(): Promise<{ status: number; ms: number }> {
    const params = { MessageUUID: app.plivo.messages[0].uuid, Status: 'delivered' };
    const t0 = Date.now();
    const res = await fetch(`${app.url}/webhooks/plivo/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...app.plivo.signWebhook(REPORT_URL, params) },
      body: new URLSearchParams(params).toString(),
      signal: AbortSignal.timeout(30_000),
    });
    await res.text();
    return { status: res.status, ms: Date.now() - t0 };
  }

  it('every request answers SERVICE_UNAVAILABLE with HTTP 503 within 5 s while it hangs; then the same process serves again', async () => {
    db.freeze();
    let answers: Awaited<ReturnType<typeof timed>>[];
    try {
      answers = await Promise.all(
        Array.from({ length: REQUESTS }, (_, i) =>
          i % 3 === 0
            ? timed(clientFrom(app), LOGIN, { input: { portal: 'acme', username: 'carol', password: PASSWORD } })
            : i % 3 === 1
              ? timed(admin, CUSTOMERS)
              : timed(admin, VIEWER),
        ),
      );
      // A second wave, after the first wave's connections were dropped: no request queues behind a dead one.
      const second = await Promise.all(Array.from({ length: 4 }, () => timed(admin, CUSTOMERS)));
      answers.push(...second);
      const report = await deliveryReport();
      expect(report.status).toBe(503); // Plivo is told to try again later, not that the report was taken
      expect(report.ms).toBeLessThan(ANSWER_LIMIT_MS);
      const ready = await fetch(`${app.url}/readyz`, { signal: AbortSignal.timeout(10_000) });
      expect(ready.status).toBe(503);
    } finally {
      db.thaw();
    }
    for (const a of answers) {
      expect({ status: a.status, code: a.code }).toEqual({ status: 503, code: 'SERVICE_UNAVAILABLE' });
      expect(a.ms).toBeLessThan(ANSWER_LIMIT_MS);
    }

    const deadline = Date.now() + RECOVERY_DEADLINE_MS;
    let back = await timed(admin, CUSTOMERS);
    while (back.code && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      back = await timed(admin, CUSTOMERS);
    }
    expect(back.code).toBeUndefined();
    // Plivo's retry of the report that met the hung database is recorded.
    expect((await deliveryReport()).status).toBe(200);
    const carol = await signInWithCode(app, clientFrom(app), 'carol', CAROL_PHONE);
    expect(carol.__typename).toBe('Authenticated');
  }, 90_000);
});
