import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { serveOnWorkers } from '../cluster';
import { type Config, loadConfig } from '../config';
import { openAppDatabase } from '../entities';
import { systemClock } from '../lib/clock';
import { createLogger } from '../lib/logger';
import { type DemoLogin, demoPortal } from '../portals/portal-file/demo-portal';
import { seedPortalFile } from '../portals/portal-file/seed.service';
import { start } from '../index';
import { PortalRow } from '../portals/portal.entity';
import { runCli } from './run';

/**
 * `npm start`: the embedded default. Applies migrations, seeds a demo portal on first start, prints
 * its logins, and serves. With DATABASE_URL set it still works, but seeds only an empty database.
 * One process unless WEB_CONCURRENCY says otherwise (docs/OPERATIONS.md, Workers); the migrations and
 * the seed run once, before any server starts.
 */
runCli(async () => {
  const config = loadConfig(process.env);
  const log = createLogger(config.logLevel);
  const loginsFile = join(config.dataDir, 'demo-logins.json');
  await serveOnWorkers({
    config,
    workers: config.webConcurrency ?? 1,
    log,
    beforeFork: async () => {
      const ds = await openAppDatabase(config.databaseUrl, { migrate: true });
      try {
        await seedDemoOnce(ds, loginsFile);
      } finally {
        await ds.destroy();
      }
    },
    // Alone, the one process migrates and seeds on its own connection (an in-memory SQLite database included).
    serve: async (alone) => {
      const running = await start(config, { migrate: alone, log });
      if (alone) await seedDemoOnce(running.ds, loginsFile);
      return running;
    },
    listening: () => printLogins(config, loginsFile),
  });
});

/** The demo portal, on an empty database only; its logins go to a file that later starts print. */
async function seedDemoOnce(ds: DataSource, loginsFile: string): Promise<void> {
  if ((await ds.manager.count(PortalRow)) > 0) return;
  const demo = demoPortal();
  const result = await seedPortalFile(ds, demo.file, systemClock);
  if (!result.ok) throw new Error(`demo seed failed: ${JSON.stringify(result.problems)}`);
  writeFileSync(loginsFile, JSON.stringify(demo.logins, null, 2), { mode: 0o600 });
}

function printLogins(config: Config, loginsFile: string): void {
  const logins: DemoLogin[] = existsSync(loginsFile) ? JSON.parse(readFileSync(loginsFile, 'utf8')) : [];
  const base = config.publicUrl;
  const lines = [
    '',
    `  Portal SMS 2FA is running: ${base}`,
    `  Database: ${config.databaseUrl}   SMS: ${config.sms.provider}${config.sms.provider === 'console' ? ` (codes print here and at ${base}/dev/outbox)` : ''}`,
    '',
    ...(logins.length ? [`  Demo portal "demo": sign in at ${base}/demo/login`, ...logins.map((l) => `    ${l.username.padEnd(8)} ${l.password.padEnd(14)} ${l.who}`)] : []),
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
