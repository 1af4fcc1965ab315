import { readFileSync, statSync } from 'node:fs';
import { loadConfig } from '../config';
import { dialectOfSource } from '../db/data-source';
import { openAppDatabase } from '../entities';
import { type SeedResult, seedPortalFile } from '../portals/portal-file/seed.service';
import { seedPortalLines } from '../portals/portal-file/seed-lines.service';
import { systemClock } from '../lib/clock';
import { printable } from '../lib/printable';
import { runCli } from './run';

/** A JSON Lines portal file (README "Bulk import") is read as a stream; any other is one JSON document. */
const LINES = /\.(jsonl|ndjson)$/i;

/** `npm run db:seed -- FILE`: loads a portal file; a file with any error writes nothing. */
runCli(async () => {
  const file = process.argv[2];
  if (!file) throw new Error('usage: npm run db:seed -- FILE (a portal file, see the README "The portal file")');
  const lines = LINES.test(file);
  let raw: unknown;
  try {
    if (lines) statSync(file);
    else raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: cannot read it${lines ? '' : ' as JSON'} (${(err as Error).message})`);
  }
  const config = loadConfig(process.env);
  const ds = await openAppDatabase(config.databaseUrl, { migrate: false });
  try {
    if (await ds.showMigrations()) throw new Error('the database has pending migrations: run `npm run db:migrate` first');
    // Progress only for a person watching: scripts read the one summary line.
    const progress = process.stderr.isTTY ? (phase: string, n: number) => process.stderr.write(`${phase} ${n} customers\n`) : undefined;
    const result: SeedResult = lines ? await seedPortalLines(ds, file, systemClock, progress) : await seedPortalFile(ds, raw, systemClock);
    if (!result.ok) {
      process.stderr.write(`${printable(file)}: not loaded, nothing was written:\n`);
      // Paths and messages can quote the file (an unknown key, a username): never print its controls raw.
      for (const p of result.problems) process.stderr.write(`  ${printable(p.path)}: ${printable(p.message)}\n`);
      process.exitCode = 1;
      return;
    }
    // SQLite: a load is one transaction, so its pages all sit in the write-ahead log (2 GB for a million
    // customers) until a checkpoint, which no later write of an idle server would trigger soon: copy
    // them into the database file now (docs/PERFORMANCE.md, Bulk import).
    // Fresh statistics for the planner. Without them SQLite takes an equality on an index's first
    // column for about ten rows, and read a page of 26 customers by id through the portal's index of a
    // million entries (360 ms) instead of the primary key. analysis_limit samples each index, so this
    // takes seconds at a million; on MySQL, ANALYZE TABLE samples too.
    if (dialectOfSource(ds) === 'sqlite') {
      await ds.query('PRAGMA wal_checkpoint(TRUNCATE)');
      await ds.query('PRAGMA analysis_limit = 1000');
      await ds.query('ANALYZE');
    } else await ds.query('ANALYZE TABLE accounts, customer_search_terms, companies');
    process.stdout.write(`loaded ${result.portals} portal(s), ${result.admins} admin(s), ${result.customers} customer(s)\n`);
  } finally {
    await ds.destroy();
  }
});
