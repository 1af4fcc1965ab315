import 'reflect-metadata';
import { createServer, type Server } from 'node:http';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { Config } from './config';
import { openAppDatabase, openAppReplicaReads } from './entities';
import { createApp } from './http/app';
import { type Clock, systemClock } from './lib/clock';
import { createLogger } from './lib/logger';
import { withRequestIds } from './lib/request-context';
import { secretKeyFor } from './lib/secret-key';
import { type RetentionSchedule, startRetention } from './retention';
import { buildServices, type Services } from './services';
import { createSmsSender } from './sms/create-sender';
import type { SmsSender } from './sms/sms-sender';
import { createMailSender } from './notify/create-mail-sender';
import type { MailSender } from './notify/mail-sender';
import { NoticeOutbox } from './notify/notice-outbox';
import { type NoticeSchedule, NoticeWorker } from './notify/notice-worker';

export interface Running {
  readonly url: string;
  readonly port: number;
  readonly services: Services;
  /** The database connection, for tests and tools that look at rows directly; requests never see it. */
  readonly ds: DataSource;
  readonly log: Logger;
  /** Stops taking connections, lets accepted requests finish (SHUTDOWN_GRACE_SECONDS), closes the pool. */
  stop(): Promise<void>;
  readonly shutdownGraceSeconds: number;
}

export interface StartOptions {
  /** Apply pending migrations first (the embedded default and tests); `serve` refuses pending ones instead. */
  readonly migrate?: boolean;
  readonly clock?: Clock;
  readonly sms?: SmsSender;
  readonly log?: Logger;
  /** When this process prunes expired rows (docs/PERFORMANCE.md, Retention); false: never (tests that need rows to stay put). */
  readonly retention?: RetentionSchedule | false;
  /** The email transport; default from SMTP_URL (notify/create-mail-sender.ts). null: no notices. */
  readonly mail?: MailSender | null;
  /** How this process sends the outbox's email notices (docs/OPERATIONS.md, Email notices). */
  readonly notices?: NoticeSchedule;
}

/** config -> database -> schema -> HTTP. Resolves once the port is listening. */
export async function start(config: Config, options: StartOptions = {}): Promise<Running> {
  // Lines written while a request is served carry its id (docs/OPERATIONS.md, Request ids).
  const log = withRequestIds(options.log ?? createLogger(config.logLevel));
  const ds = await openAppDatabase(config.databaseUrl, { migrate: options.migrate ?? false, serving: true });
  let replicaDs: DataSource | null = null;
  try {
    replicaDs = config.databaseReplicaUrls.length ? await openAppReplicaReads(config.databaseUrl, config.databaseReplicaUrls) : null;
    if (!options.migrate && (await ds.showMigrations())) {
      throw new Error('the database has migrations that are not applied: run `npm run db:migrate` first');
    }
    const clock = options.clock ?? systemClock;
    const mail = options.mail === undefined ? createMailSender(config) : options.mail;
    if (!mail) log.warn('email notices are off: SMTP_URL is not set (docs/OPERATIONS.md, Email notices)');
    const services = buildServices({
      config,
      secretKey: secretKeyFor(config),
      ds,
      replicaDs,
      clock,
      sms: options.sms ?? createSmsSender(config),
      mail,
      log,
    });
    const httpServer = createServer();
    const database = {
      ping: async () => void (await ds.query('SELECT 1')),
      migrationsPending: () => ds.showMigrations(),
    };
    const app = await createApp(services, database, log, httpServer);
    httpServer.on('request', app.express);
    const port = await listen(httpServer, config.port);
    const url = `http://127.0.0.1:${port}`;
    const retention = options.retention === false ? null : startRetention(ds, clock, config, log, options.retention);
    // Every process sends notices; claims keep two from sending one (notify/notice-outbox.ts).
    const notices = mail ? new NoticeWorker(ds.manager, new NoticeOutbox(ds.manager), mail, services.metrics, log, config.mail.timeoutSeconds, options.notices) : null;
    notices?.start();
    return {
      url,
      port,
      services,
      ds,
      log,
      shutdownGraceSeconds: config.shutdownGraceSeconds,
      stop: async () => {
        await retention?.stop(); // ends a pass under way after its current batch
        await app.apollo.stop(); // drains open requests, then closes the HTTP server
        await notices?.stop(); // after the requests, whose notices it may still send; waits for one send at most
        await closeQuietly(ds);
        if (replicaDs) await closeQuietly(replicaDs);
      },
    };
  } catch (err) {
    await closeQuietly(ds);
    if (replicaDs) await closeQuietly(replicaDs);
    throw err;
  }
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      const addr = server.address();
      resolve(typeof addr === 'object' && addr ? addr.port : port);
    });
  });
}

async function closeQuietly(ds: DataSource): Promise<void> {
  if (ds.isInitialized) await ds.destroy().catch(() => undefined);
}

/** Beyond the grace: time for the retention pass's last batch and the pool's close. */
const SHUTDOWN_BACKSTOP_SECONDS = 10;

/** SIGTERM / SIGINT: stop taking requests, finish the open ones, close the database, exit 0 (docs/OPERATIONS.md, Draining). */
export function stopOnSignals(running: Running): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    running.log.info({ signal, graceSeconds: running.shutdownGraceSeconds }, 'shutting down');
    // A stop that hangs (a stuck database call after the grace) must still end the process.
    setTimeout(() => {
      running.log.error('shutdown did not finish in time');
      process.exit(1);
    }, (running.shutdownGraceSeconds + SHUTDOWN_BACKSTOP_SECONDS) * 1000).unref();
    running
      .stop()
      .then(() => {
        running.log.info('stopped');
        process.exit(0);
      })
      .catch((err) => {
        running.log.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
