import { Writable } from 'node:stream';
import pino from 'pino';
import { loadConfig, type Config } from '../../src/config';
import { seedPortalFile } from '../../src/portals/portal-file/seed.service';
import { start, type Running } from '../../src/index';
import { FixedClock } from '../../src/lib/clock';
import { startFakePlivo, type FakePlivo } from './fake-plivo';
import { TEST_PORTALS, PASSWORD, LOGIN, ENROLL, CONFIRM, VERIFY } from './fixtures';
import { GqlClient } from './gql-client';
import { createTestDatabase } from './mysql';

export const PLIVO_AUTH = { authId: 'MATESTAUTHID000000001', authToken: 'test-auth-token-abcdefghijklmnop' };
export const SECRET_KEY = 'integration-test-secret-key-0123456789abcdef';

/** Every log line every test server wrote, for the "no code in a log line" property. */
export const allLogLines: string[] = [];

export interface TestApp {
  readonly url: string;
  readonly config: Config;
  readonly clock: FixedClock;
  readonly plivo: FakePlivo;
  readonly running: Running;
  readonly databaseUrl: string;
  readonly logs: string[];
  client(headers?: Record<string, string>): GqlClient;
  /** A second server on the same database, as a second process would be. */
  startAnother(): Promise<Running>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  portalFile?: unknown;
  clientIpHeader?: boolean;
}

/**
 * A real server (HTTP, Apollo, TypeORM) on a fresh MySQL database, with the real plivo SDK pointed at
 * a fake Plivo on 127.0.0.1 and a clock the test moves. Logs are captured, not printed.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const plivo = await startFakePlivo(PLIVO_AUTH);
  const clock = new FixedClock(new Date());
  const config = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: db.url,
    SECRET_KEY,
    PORT: '0',
    SMS_PROVIDER: 'plivo',
    PLIVO_AUTH_ID: PLIVO_AUTH.authId,
    PLIVO_AUTH_TOKEN: PLIVO_AUTH.authToken,
    PLIVO_SENDER: '+15555550000',
    PLIVO_API_URL: plivo.url,
    PLIVO_TIMEOUT_SECONDS: '2',
    TRUST_PROXY: '1',
    LOG_LEVEL: 'info',
    ...options.env,
  });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      const line = chunk.toString();
      logs.push(line);
      allLogLines.push(line);
      cb();
    },
  });
  const makeServer = (migrate: boolean) =>
    start(config, {
      migrate,
      clock,
      log: pino({ level: 'info' }, sink),
      // The production wiring: createSmsSender(config) gives the Plivo adapter, pointed at the fake.
    });
  const running = await makeServer(true);
  const others: Running[] = [];
  const seeded = await seedPortalFile(running.ds, options.portalFile ?? TEST_PORTALS, clock);
  if (!seeded.ok) throw new Error(`test seed failed: ${JSON.stringify(seeded.problems)}`);
  return {
    url: running.url,
    config,
    clock,
    plivo,
    running,
    databaseUrl: db.url,
    logs,
    client: (headers = {}) => new GqlClient(running.url, headers),
    startAnother: async () => {
      const r = await makeServer(false);
      others.push(r);
      return r;
    },
    close: async () => {
      for (const r of others) await r.stop();
      await running.stop();
      await plivo.close();
      await db.drop();
    },
  };
}

let ipCounter = 0;
/** A distinct client IP (through X-Forwarded-For and TRUST_PROXY=1), so per-IP limits do not couple tests. */
export function freshIp(): string {
  ipCounter += 1;
  return `203.0.113.${(ipCounter % 250) + 1}`;
}

export function clientFrom(app: TestApp, ip = freshIp()): GqlClient {
  return app.client({ 'x-forwarded-for': ip });
}

export async function login(c: GqlClient, username: string, portal = 'acme', password = PASSWORD) {
  const r = await c.gql(LOGIN, { input: { portal, username, password } });
  if (r.body.errors) throw new Error(JSON.stringify(r.body.errors));
  return r.body.data.login;
}

export async function setPolicy(app: TestApp, enabled: boolean, admin = 'alice'): Promise<void> {
  const c = clientFrom(app);
  const l = await login(c, admin);
  if (l.__typename !== 'Authenticated') throw new Error(`admin login failed: ${JSON.stringify(l)}`);
  const r = await c.gql(`mutation($e: Boolean!) { setTwoFactorPolicy(input: { enabled: $e }) { enabled } }`, { e: enabled });
  if (r.body.errors) throw new Error(JSON.stringify(r.body.errors));
}

/** Enrolls `username` with `phone` through the real steps; returns after ReloginRequired. */
export async function enroll(app: TestApp, c: GqlClient, username: string, phone: string): Promise<void> {
  const l = await login(c, username);
  if (l.__typename !== 'EnrollmentRequired') throw new Error(`expected EnrollmentRequired, got ${JSON.stringify(l)}`);
  const e = await c.gql(ENROLL, { input: { challengeToken: l.challenge.token, phoneNumber: phone } });
  const sent = e.body.data.enrollPhone;
  if (sent.__typename !== 'CodeSent') throw new Error(`enrollPhone: ${JSON.stringify(sent)}`);
  const code = app.plivo.lastCodeFor(phone);
  const cc = await c.gql(CONFIRM, { input: { challengeToken: sent.challenge.token, code } });
  if (cc.body.data.confirmCode.__typename !== 'ReloginRequired') throw new Error(`confirmCode: ${JSON.stringify(cc.body)}`);
}

/** Signs an enrolled customer in: password, then the code read from the fake Plivo. */
export async function signInWithCode(app: TestApp, c: GqlClient, username: string, phone: string): Promise<any> {
  const l = await login(c, username);
  if (l.__typename !== 'CodeRequired') throw new Error(`expected CodeRequired, got ${JSON.stringify(l)}`);
  const code = app.plivo.lastCodeFor(phone);
  const v = await c.gql(VERIFY, { input: { challengeToken: l.challenge.token, code } });
  return v.body.data.verifyOtp;
}

/** A six-digit code that is not `code`. */
export function wrongCode(code: string | undefined): string {
  return code === '000000' ? '000001' : '000000';
}
