import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AdminReadFigures, deepCursors, measureAdminReads } from './admin-reads';
import { writeCustomerFile } from './customer-file';
import { progress } from './progress';
import type { RawSql } from './raw-sql';
import { sampleRss } from './rss';

/**
 * The portal-scale phase (docs/PERFORMANCE.md, Admin reads and Bulk import): a JSON Lines file of
 * `customers` customers (half of them enrolled, one company of 100,000) imported by `db:seed` as an
 * operator runs it, timed and its RSS sampled; then the admin panes' requests against the running
 * server, on that portal.
 */

export interface ScaleFigures extends AdminReadFigures {
  readonly importSeconds: number;
  readonly importPeakRssMb: number;
}

const BIG_COMPANY = 100_000;
const IMPORT_TIMEOUT_MS = 15 * 60_000;
const DEEP_CURSORS = 20;

export async function measureAtScale(
  distCli: string,
  databaseUrl: string,
  sql: RawSql,
  serverUrl: string,
  sizes: { customers: number; adminRequests: number },
): Promise<ScaleFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-scale-'));
  try {
    const n = sizes.customers;
    progress(`writing a JSON Lines portal file of ${n} customers (half enrolled; one company of ${Math.min(BIG_COMPANY, Math.floor(n / 10))})`);
    const file = await writeCustomerFile(join(dir, 'portal.jsonl'), {
      customers: n,
      slug: 'scale',
      twoFactorEnabled: true,
      enrolledShare: 0.5,
      bigCompanyCustomers: Math.min(BIG_COMPANY, Math.floor(n / 10)),
    });
    progress(`importing it: node server/dist/cli/seed.js ${file.path} (as npm run db:seed does), into the bench database beside the sign-in portal`);
    const imported = await runSeed(distCli, databaseUrl, file.path);
    progress(`  imported in ${imported.seconds.toFixed(1)} s, the loader's peak RSS ${imported.peakRssMb.toFixed(0)} MB`);

    const [portal] = await sql.query<{ id: string }>('SELECT id FROM portals WHERE slug = ?', [file.slug]);
    const [company] = await sql.query<{ id: string }>('SELECT id FROM companies WHERE portal_id = ? AND name = ?', [portal.id, file.bigCompany]);
    progress(`reading ${DEEP_CURSORS} cursors spread over the list (the bench's own SQL, not timed)`);
    const cursors = await deepCursors(sql, portal.id, n, DEEP_CURSORS);
    progress(`admin reads on ${n} customers, ${sizes.adminRequests} requests each, one at a time`);
    const last = file.username(n - 1);
    const reads = await measureAdminReads(
      {
        url: serverUrl,
        portal: file.slug,
        admin: { username: file.admin, password: file.password },
        bigCompanyId: company.id,
        // Common and rare prefixes of a username, a display-name word, an email, its domain; and a miss.
        searches: ['cust', 'customer05', file.username(Math.floor(n / 3)), 'bulk', '77', `${last}@bulk`, '123', 'nobody-has-this'],
        requests: sizes.adminRequests,
      },
      cursors,
      n,
    );
    return { ...reads, importSeconds: imported.seconds, importPeakRssMb: imported.peakRssMb };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function runSeed(distCli: string, databaseUrl: string, path: string): Promise<{ seconds: number; peakRssMb: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [join(distCli, 'seed.js'), path], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const rss = sampleRss(child.pid as number);
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += String(d)));
  child.stderr.on('data', (d: Buffer) => (output += String(d)));
  const kill = setTimeout(() => child.kill('SIGKILL'), IMPORT_TIMEOUT_MS);
  // Ctrl-C ends the bench with process.exit: the import must not go on without it.
  const orphan = () => child.kill('SIGKILL');
  process.once('exit', orphan);
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      clearTimeout(kill);
      process.removeListener('exit', orphan);
      const peak = rss.stop();
      if (code === 0) resolve({ seconds: (performance.now() - started) / 1000, peakRssMb: peak.peakMb });
      else reject(new Error(`seed.js failed (${code}): ${output.slice(-2000)}`));
    });
  });
}
