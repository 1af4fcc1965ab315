import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import mysql from 'mysql2/promise';
import { TEST_DATABASE_URL } from '../support/mysql';
import { ensureServerBuilt, ROOT } from '../support/processes';

/**
 * `npm run bench` at a tiny size (--quick), so that its code cannot rot: it must run every phase
 * against the real built server and answer every figure. Whether the figures meet their targets is
 * the bench's own verdict on a quiet machine, not something a test can time.
 */

const run = promisify(execFile);
const BENCH = join(ROOT, 'server', 'dist', 'cli', 'bench.js');
const FIGURES = [
  'argon2VerifiesPerSecond',
  'signInsPerSecond',
  'signInShareOfArgon2',
  'verifyOtpPerSecond',
  'verifyOtpP99Ms',
  'floorPerSecond',
  'floorP99Ms',
  'verifyOtpShareOfFloor',
  'verifyOtpP99OverFloor',
  'peakRssMb',
  'idleRssMb',
];

interface BenchJson {
  database: string;
  figures: Record<string, unknown>;
  checks: { line: string; measured: string; target: string; pass: boolean | null }[];
  unexpectedAnswers: Record<string, Record<string, number>>;
  rowCounts: { grown: string[]; afterLoad: Record<string, number> };
  cluster: Record<'oneMariaDb' | 'galera', { servers: number; signIns: number; failures: Record<string, number>; conflictsGivenUp: number }> | null;
  scale: { customers: number; importSeconds: number; timings: { name: string; requests: number; failures: number; p99Ms: number }[] };
}

async function quickBench(args: string[]): Promise<{ stdout: string; json: BenchJson }> {
  const file = join(mkdtempSync(join(tmpdir(), 'bench-smoke-')), 'figures.json');
  const { stdout } = await run(process.execPath, [BENCH, '--quick', '--json', file, ...args], {
    cwd: ROOT,
    env: { ...process.env, TEST_DATABASE_URL },
    timeout: 240_000,
  });
  return { stdout, json: JSON.parse(readFileSync(file, 'utf8')) as BenchJson };
}

function expectAMeasurement(json: BenchJson): void {
  expect(Object.keys(json.figures).sort()).toEqual([...FIGURES].sort());
  for (const name of FIGURES) {
    const value = json.figures[name];
    expect({ name, positive: typeof value === 'number' && Number.isFinite(value) && value > 0 }).toEqual({ name, positive: true });
  }
  // Every login answered CodeRequired and every code was accepted: the load drove real sign-ins.
  expect(json.unexpectedAnswers).toEqual({ signIns: {}, prepare: {}, verifyOtp: {}, floor: {} });
  for (const check of json.checks) expect(check.measured).not.toBe('');
  // Retention is not a timing: every row the load made, but its events and each customer's last SMS,
  // is gone once its lifetime has passed (the bench's own prune pass with a later clock).
  expect(json.rowCounts.afterLoad.login_challenges).toBeGreaterThan(0);
  expect(json.rowCounts.grown).toEqual([]);
  // The portal-scale phase imported its file and every admin read answered with data, no error.
  expect(json.scale.customers).toBe(2000);
  expect(json.scale.importSeconds).toBeGreaterThan(0);
  expect(json.scale.timings.length).toBe(6);
  for (const t of json.scale.timings) expect({ name: t.name, requests: t.requests, failures: t.failures }).toEqual({ name: t.name, requests: 10, failures: 0 });
}

describe('npm run bench --quick', () => {
  beforeAll(async () => {
    await ensureServerBuilt();
  }, 240_000);

  it('on MySQL, with --galera: prints the table, writes every figure, signs in over three servers on one MariaDB and on three Galera nodes, and drops its database', async () => {
    const { stdout, json } = await quickBench(['--galera']);
    expect(stdout).toContain('| verifyOtp p99 ÷ floor p99 |');
    expectAMeasurement(json);
    // The side-by-side of docs/OPERATIONS.md (Galera): both ran real sign-ins, none lost to a conflict.
    for (const where of ['oneMariaDb', 'galera'] as const) {
      const c = json.cluster?.[where];
      expect({ where, servers: c?.servers, signedIn: (c?.signIns ?? 0) > 0, failures: c?.failures, gaveUp: c?.conflictsGivenUp })
        .toEqual({ where, servers: 3, signedIn: true, failures: {}, gaveUp: 0 });
    }
    expect(stdout).toContain('three Galera nodes, a server on each');
    const name = json.database.split('/').at(-1) as string;
    expect(name).toMatch(/^bench_[0-9a-f]+$/);
    const conn = await mysql.createConnection({ uri: TEST_DATABASE_URL, connectTimeout: 5000 });
    try {
      const [rows] = await conn.query('SHOW DATABASES LIKE ?', [name]);
      expect(rows).toEqual([]);
    } finally {
      await conn.end();
    }
  }, 300_000);

  it('with --sqlite: the same figures on a temporary SQLite file, removed after', async () => {
    const { json } = await quickBench(['--sqlite']);
    expectAMeasurement(json);
    expect(existsSync(json.database)).toBe(false);
  }, 300_000);
});
