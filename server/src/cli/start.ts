import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config';
import { type DemoLogin, demoPortal } from '../portals/portal-file/demo-portal';
import { seedPortalFile } from '../portals/portal-file/seed.service';
import { start, stopOnSignals } from '../index';
import { PortalRow } from '../portals/portal.entity';
import { runCli } from './run';

/**
 * `npm start`: the embedded default. Applies migrations, seeds a demo portal on first start, prints
 * its logins, and serves. With DATABASE_URL set it still works, but seeds only an empty database.
 */
runCli(async () => {
  const config = loadConfig(process.env);
  const running = await start(config, { migrate: true });
  const ds = running.ds;
  const loginsFile = join(config.dataDir, 'demo-logins.json');
  if ((await ds.manager.count(PortalRow)) === 0) {
    const demo = demoPortal();
    const result = await seedPortalFile(ds, demo.file, running.services.clock);
    if (!result.ok) throw new Error(`demo seed failed: ${JSON.stringify(result.problems)}`);
    writeFileSync(loginsFile, JSON.stringify(demo.logins, null, 2), { mode: 0o600 });
  }
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
  stopOnSignals(running);
});
