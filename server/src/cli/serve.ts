import { availableParallelism } from 'node:os';
import { serveOnWorkers } from '../cluster';
import { loadConfig } from '../config';
import { openAppDatabase } from '../entities';
import { start } from '../index';
import { createLogger } from '../lib/logger';
import { runCli } from './run';

/**
 * `npm run serve`: the built server with the settings in the environment; builds and seeds nothing.
 * WEB_CONCURRENCY workers, one per CPU unless told (docs/OPERATIONS.md, Workers).
 */
runCli(async () => {
  const config = loadConfig(process.env);
  const log = createLogger(config.logLevel);
  const workers = config.webConcurrency ?? availableParallelism();
  await serveOnWorkers({
    config,
    workers,
    log,
    beforeFork: () => refusePendingMigrations(config.databaseUrl),
    serve: () => start(config, { migrate: false, log }),
    listening: (port) => log.info({ port, workers, sms: config.sms.provider, production: config.production }, 'listening'),
  });
});

/** Checked once before the workers start (each checks again), so that N workers do not each fail the same way. */
async function refusePendingMigrations(databaseUrl: string): Promise<void> {
  const ds = await openAppDatabase(databaseUrl, { migrate: false });
  try {
    if (await ds.showMigrations()) throw new Error('the database has migrations that are not applied: run `npm run db:migrate` first');
  } finally {
    await ds.destroy();
  }
}
