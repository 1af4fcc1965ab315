import { readFileSync } from 'node:fs';
import { loadConfig } from '../config';
import { openAppDatabase } from '../entities';
import { seedPortalFile } from '../portals/portal-file/seed.service';
import { systemClock } from '../lib/clock';
import { printable } from '../lib/printable';
import { runCli } from './run';

/** `npm run db:seed -- FILE`: loads a portal file; a file with any error writes nothing. */
runCli(async () => {
  const file = process.argv[2];
  if (!file) throw new Error('usage: npm run db:seed -- FILE (a portal file, see the README "The portal file")');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: cannot read it as JSON (${(err as Error).message})`);
  }
  const config = loadConfig(process.env);
  const ds = await openAppDatabase(config.databaseUrl, { migrate: false });
  try {
    if (await ds.showMigrations()) throw new Error('the database has pending migrations: run `npm run db:migrate` first');
    const result = await seedPortalFile(ds, raw, systemClock);
    if (!result.ok) {
      process.stderr.write(`${printable(file)}: not loaded, nothing was written:\n`);
      // Paths and messages can quote the file (an unknown key, a username): never print its controls raw.
      for (const p of result.problems) process.stderr.write(`  ${printable(p.path)}: ${printable(p.message)}\n`);
      process.exitCode = 1;
      return;
    }
    process.stdout.write(`loaded ${result.portals} portal(s), ${result.admins} admin(s), ${result.customers} customer(s)\n`);
  } finally {
    await ds.destroy();
  }
});
