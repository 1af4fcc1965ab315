import { ADMIN_READ_TARGET_P99_MS, adminReadsPass } from './admin-reads';
import type { RowCountFigures } from './row-counts';
import type { ScaleFigures } from './scale-phase';
import type { SpreadSignIns } from './cluster-phase';

/** The figures of one run, the table the bench prints, and the JSON `--json` writes. */

export interface BenchFigures {
  readonly argon2VerifiesPerSecond: number;
  readonly signInsPerSecond: number;
  /** Full sign-ins/s ÷ argon2id verifies/s. */
  readonly signInShareOfArgon2: number;
  readonly verifyOtpPerSecond: number;
  readonly verifyOtpP99Ms: number;
  readonly floorPerSecond: number;
  readonly floorP99Ms: number;
  /** verifyOtp/s ÷ floor/s. */
  readonly verifyOtpShareOfFloor: number;
  /** verifyOtp p99 ÷ floor p99. */
  readonly verifyOtpP99OverFloor: number;
  readonly peakRssMb: number;
  readonly idleRssMb: number;
}

export interface Check {
  readonly line: string;
  readonly measured: string;
  readonly target: string;
  /** null: a reference figure, or not measured by this bench yet. */
  readonly pass: boolean | null;
}

// The targets of the performance work (docs/PERFORMANCE.md).
export const TARGETS = { signInShare: 0.7, verifyShare: 0.75, p99Ratio: 1.25, peakRssMb: 200, importSeconds: 600, importRssMb: 250 } as const;

const pct = (x: number) => `${Math.round(x * 100)} %`;
const rate = (x: number) => `${x.toFixed(1)}/s`;
const ms = (x: number) => `${x.toFixed(0)} ms`;
const mb = (x: number) => `${x.toFixed(0)} MB`;
const count = (x: number) => x.toLocaleString('en-US');

export function checksOf(
  f: BenchFigures,
  context: { argon2Parameters: string; cores: number; connections: number; workers: number },
  rows: RowCountFigures,
  scale: ScaleFigures,
): Check[] {
  const events = rows.afterLifetimes.two_factor_events - rows.before.two_factor_events;
  return [
    { line: `argon2id verifies/s, all ${context.cores} cores (${context.argon2Parameters})`, measured: rate(f.argon2VerifiesPerSecond), target: 'reference', pass: null },
    {
      line: `full sign-ins/s (login → SMS to fake Plivo → verifyOtp, HTTP, ${context.connections} at once) ÷ argon2id verifies/s`,
      measured: `${rate(f.signInsPerSecond)} ÷ ${rate(f.argon2VerifiesPerSecond)} = ${pct(f.signInShareOfArgon2)}`,
      target: `≥ ${pct(TARGETS.signInShare)}`,
      pass: f.signInShareOfArgon2 >= TARGETS.signInShare,
    },
    {
      line: `verifyOtp/s ÷ raw-SQL floor/s (same tool, ${context.connections} connections, same request count)`,
      measured: `${rate(f.verifyOtpPerSecond)} ÷ ${rate(f.floorPerSecond)} = ${pct(f.verifyOtpShareOfFloor)}`,
      target: `≥ ${pct(TARGETS.verifyShare)}`,
      pass: f.verifyOtpShareOfFloor >= TARGETS.verifyShare,
    },
    {
      line: 'verifyOtp p99 ÷ floor p99',
      measured: `${ms(f.verifyOtpP99Ms)} ÷ ${ms(f.floorP99Ms)} = ${f.verifyOtpP99OverFloor.toFixed(2)} ×`,
      target: `≤ ${TARGETS.p99Ratio} ×`,
      pass: f.verifyOtpP99OverFloor <= TARGETS.p99Ratio,
    },
    {
      // With workers, the primary and every worker: the budget is per worker (the primary serves nothing).
      line: context.workers === 1 ? 'server peak RSS under that load' : `server peak RSS under that load, primary + ${context.workers} workers`,
      measured: `${mb(f.peakRssMb)} (${mb(f.idleRssMb)} idle)`,
      target: `≤ ${TARGETS.peakRssMb * context.workers} MB`,
      pass: f.peakRssMb <= TARGETS.peakRssMb * context.workers,
    },
    {
      line: `bulk import of ${count(scale.customers)} customers (db:seed, JSON Lines): time, and the loader's peak RSS`,
      measured: `${(scale.importSeconds / 60).toFixed(1)} min, ${mb(scale.importPeakRssMb)}`,
      target: `≤ ${TARGETS.importSeconds / 60} min, ≤ ${TARGETS.importRssMb} MB`,
      pass: scale.importSeconds <= TARGETS.importSeconds && scale.importPeakRssMb <= TARGETS.importRssMb,
    },
    ...scale.timings.map((t) => ({
      line: `at ${count(scale.customers)} customers: ${t.name}, p50 / p99`,
      measured: `${t.p50Ms.toFixed(1)} / ${t.p99Ms.toFixed(1)} ms${t.failures ? ` (${t.failures} of ${t.requests} failed)` : ''}`,
      target: `p99 ≤ ${ADMIN_READ_TARGET_P99_MS} ms`,
      pass: adminReadsPass(t),
    })),
    {
      line: 'table row counts under steady load: rows the load left once their lifetimes pass (kept: events, EVENT_RETENTION_DAYS; each customer\'s last SMS)',
      measured: rows.grown.length ? `still there: ${rows.grown.join(', ')}` : `none (and ${events} events kept)`,
      target: 'none: flat',
      pass: rows.grown.length === 0,
    },
  ];
}

/** With `--galera`: the same three servers on one MariaDB and on three Galera nodes, side by side. */
export interface ClusterFigures {
  readonly oneMariaDb: SpreadSignIns;
  readonly galera: SpreadSignIns;
}

export function clusterChecks(c: ClusterFigures, connections: number): Check[] {
  const line = (where: string, s: SpreadSignIns): Check => {
    const unexpected = Object.values(s.failures).reduce((a, b) => a + b, 0);
    return {
      line: `full sign-ins/s over ${s.servers} servers (login on one, verifyOtp on the next, ${connections} at once), ${where}`,
      measured: `${rate(s.signInsPerSecond)}; conflicts retried ${s.conflictsRetried}, given up ${s.conflictsGivenUp}; unexpected answers ${unexpected}`,
      target: 'no conflict given up, no unexpected answer',
      pass: s.conflictsGivenUp === 0 && unexpected === 0,
    };
  };
  return [line('one MariaDB', c.oneMariaDb), line('three Galera nodes, a server on each', c.galera)];
}

export function renderTable(checks: readonly Check[]): string {
  const verdict = (c: Check) => (c.pass === null ? '' : c.pass ? 'PASS' : 'FALL SHORT');
  const rows = [
    ['measured', 'value', 'target', ''],
    ['---', '---', '---', '---'],
    ...checks.map((c) => [c.line, c.measured, c.target, verdict(c)]),
  ];
  return rows.map((r) => `| ${r.join(' | ')} |`).join('\n');
}

/** Every figure must be a positive finite number for a run to count as a measurement at all. */
export function badFigures(f: BenchFigures): string[] {
  return Object.entries(f)
    .filter(([, v]) => !(typeof v === 'number' && Number.isFinite(v) && v > 0))
    .map(([k, v]) => `${k}=${String(v)}`);
}
