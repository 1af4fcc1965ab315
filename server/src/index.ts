import 'reflect-metadata';
import { createServer, type Server } from 'node:http';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { Config } from './config';
import { openAppDatabase } from './entities';
import { createApp } from './http/app';
import { type Clock, systemClock } from './lib/clock';
import { createLogger } from './lib/logger';
import { secretKeyFor } from './lib/secret-key';
import { type RetentionSchedule, startRetention } from './retention';
import { buildServices, type Services } from './services';
import { createSmsSender } from './sms/create-sender';
import type { SmsSender } from './sms/sms-sender';

export interface Running {
  readonly url: string;
  readonly port: number;
  readonly services: Services;
  /** The database connection, for tests and tools that look at rows directly; requests never see it. */
  readonly ds: DataSource;
  readonly log: Logger;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Apply pending migrations first (the embedded default and tests); `serve` refuses pending ones instead. */
  readonly migrate?: boolean;
  readonly clock?: Clock;
  readonly sms?: SmsSender;
  readonly log?: Logger;
  /** When this process prunes expired rows (docs/PERFORMANCE.md, Retention); false: never (tests that need rows to stay put). */
  readonly retention?: RetentionSchedule | false;
}

/** config -> database -> schema -> HTTP. Resolves once the port is listening. */
export async function start(config: Config, options: StartOptions = {}): Promise<Running> {
  const log = options.log ?? createLogger(config.logLevel);
  const ds = await openAppDatabase(config.databaseUrl, { migrate: options.migrate ?? false });
  try {
    if (!options.migrate && (await ds.showMigrations())) {
      throw new Error('the database has migrations that are not applied: run `npm run db:migrate` first');
    }
    const clock = options.clock ?? systemClock;
    const services = buildServices({
      config,
      secretKey: secretKeyFor(config),
      ds,
      clock,
      sms: options.sms ?? createSmsSender(config),
      log,
    });
    const httpServer = createServer();
    const database = { ping: async () => void (await ds.query('SELECT 1')) };
    const app = await createApp(services, database, log, httpServer);
    httpServer.on('request', app.express);
    const port = await listen(httpServer, config.port);
    const url = `http://127.0.0.1:${port}`;
    const retention = options.retention === false ? null : startRetention(ds, clock, config, log, options.retention);
    return {
      url,
      port,
      services,
      ds,
      log,
      stop: async () => {
        await retention?.stop(); // ends a pass under way after its current batch
        await app.apollo.stop(); // drains open requests, then closes the HTTP server
        await closeQuietly(ds);
      },
    };
  } catch (err) {
    await closeQuietly(ds);
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

/** SIGTERM / SIGINT: stop taking requests, finish the open ones, close the database, exit. */
export function stopOnSignals(running: Running): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    running.log.info({ signal }, 'shutting down');
    running
      .stop()
      .then(() => process.exit(0))
      .catch((err) => {
        running.log.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
