import { Writable } from 'node:stream';
import pino from 'pino';
import { loadConfig, type Config } from '../../src/config';
import { seedPortalFile } from '../../src/portals/portal-file/seed.service';
import { start, type Running } from '../../src/index';
import { FixedClock } from '../../src/lib/clock';
import type { NoticeSchedule } from '../../src/notify/notice-worker';
import { startFakePlivo, type FakePlivo } from './fake-plivo';
import { TEST_PORTALS } from './fixtures';
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
  /**
   * A second server on the same database, as a second process would be; `databaseServerUrl`: through
   * another server of a cluster that holds the same database (galera.ts), e.g. mysql://root@127.0.0.1:PORT.
   */
  startAnother(databaseServerUrl?: string): Promise<Running>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  portalFile?: unknown;
  clientIpHeader?: boolean;
  /** A database server other than TEST_DATABASE_URL, e.g. one the test stops and starts (own-mariadb.ts). */
  databaseServerUrl?: string;
  /** How the email notice worker polls and retries (tests make it quick); notices need SMTP_URL in `env`. */
  notices?: NoticeSchedule;
  /** Replicas of databaseServerUrl (replication.ts): their URL for the test's database, as DATABASE_REPLICA_URLS. */
  replicaUrlFor?: (database: string) => string;
}

/**
 * A real server (HTTP, Apollo, TypeORM) on a fresh MySQL database, with the real plivo SDK pointed at
 * a fake Plivo on 127.0.0.1 and a clock the test moves. Logs are captured, not printed.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const db = await createTestDatabase(options.databaseServerUrl);
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
    ...(options.replicaUrlFor ? { DATABASE_REPLICA_URLS: options.replicaUrlFor(new URL(db.url).pathname.slice(1)) } : {}),
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
  const makeServer = (migrate: boolean, databaseServerUrl?: string) =>
    start(databaseServerUrl ? { ...config, databaseUrl: `${databaseServerUrl}${new URL(db.url).pathname}` } : config, {
      migrate,
      clock,
      log: pino({ level: 'info' }, sink),
      // Tests move the clock and look at rows: a prune pass at a random moment would make them flaky.
      // Retention has its own tests (retention.int.test.ts), the timer's wiring included.
      retention: false,
      notices: options.notices,
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
    startAnother: async (databaseServerUrl) => {
      const r = await makeServer(false, databaseServerUrl);
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

// The sign-in steps and clients live in the sign-in kit; these names stay importable from here.
export { clientFrom, enroll, freshIp, login, setPolicy, signInWithCode, wrongCode } from './sign-in-kit';
