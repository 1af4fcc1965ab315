/** What one `npm run bench` run does: the database, the sizes, where the figures go. */
export interface BenchOptions {
  readonly engine: 'mysql' | 'sqlite';
  readonly jsonFile: string | null;
  readonly quick: boolean;
  /** With `--profile DIR`: the server runs with `--cpu-prof` and writes its CPU profile there when it stops. */
  readonly profileDir: string | null;
  /** WEB_CONCURRENCY of the server under load: `--workers N` to compare 1 and N workers (docs/PERFORMANCE.md). */
  readonly workers: number;
  /** With `--galera`: full sign-ins over three servers on one MariaDB, then on a three-node Galera cluster of the bench's own. */
  readonly galera: boolean;
  readonly sizes: BenchSizes;
}

export interface BenchSizes {
  /** Enrolled customers seeded (each argon2-hashed by the portal file loader, one after another). */
  readonly customers: number;
  readonly argon2Seconds: number;
  /** How long the full sign-in phase runs; or, when signInRounds is set, until each client signed in that often. */
  readonly signInSeconds: number;
  readonly signInRounds: number | null;
  /** Challenges prepared by real logins, then spent by verifyOtp; the floor gets as many requests. */
  readonly verifyRequests: number;
  /** Concurrent virtual clients of every load phase. */
  readonly connections: number;
  /** Customers of the portal-scale phase, imported from a JSON Lines file by db:seed. */
  readonly scaleCustomers: number;
  /** Requests per line of the admin reads at that scale. */
  readonly adminRequests: number;
  /** How long each of the two `--galera` phases signs in. */
  readonly clusterSeconds: number;
}

// A full run fits within 10 minutes on 2 cores: ~15 s seeding, 10 s argon2, 30 s of sign-ins, ~60 s of
// logins to prepare the challenges, the two verify phases of a few seconds each, then the import of a
// million customers (the longest part) and the admin reads on them.
const FULL: BenchSizes = {
  customers: 400,
  argon2Seconds: 10,
  signInSeconds: 30,
  signInRounds: null,
  verifyRequests: 2000,
  connections: 16,
  scaleCustomers: 1_000_000,
  adminRequests: 200,
  clusterSeconds: 30,
};
// A few seconds per phase: what the smoke test runs so that the bench's code cannot rot. Its sign-in
// phase is a count, not a time, so that a busy machine still measures some.
const QUICK: BenchSizes = { customers: 24, argon2Seconds: 1, signInSeconds: 0, signInRounds: 2, verifyRequests: 48, connections: 16, scaleCustomers: 2_000, adminRequests: 10, clusterSeconds: 3 };

export const USAGE = 'usage: npm run bench [-- --sqlite] [--quick] [--customers N] [--workers N] [--galera] [--json FILE] [--profile DIR]   (BENCH_QUICK=1 is --quick)';
const MAX_WORKERS = 64;

export function parseBenchOptions(argv: readonly string[], env: Record<string, string | undefined>): BenchOptions {
  let engine: BenchOptions['engine'] = 'mysql';
  let jsonFile: string | null = null;
  let quick = env.BENCH_QUICK === '1';
  let profileDir: string | null = null;
  let scaleCustomers: number | null = null;
  // One server process unless told: the figures of docs/PERFORMANCE.md were measured so.
  let workers = 1;
  let galera = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--sqlite') engine = 'sqlite';
    else if (arg === '--quick') quick = true;
    else if (arg === '--galera') galera = true;
    else if (arg === '--json') {
      jsonFile = argv[i + 1] ?? null;
      if (!jsonFile) throw new Error(`--json needs a file name\n${USAGE}`);
      i += 1;
    } else if (arg === '--profile') {
      profileDir = argv[i + 1] ?? null;
      if (!profileDir) throw new Error(`--profile needs a directory\n${USAGE}`);
      i += 1;
    } else if (arg === '--customers') {
      scaleCustomers = Number(argv[i + 1]);
      if (!Number.isInteger(scaleCustomers) || scaleCustomers < 100 || scaleCustomers > 8_000_000) {
        throw new Error(`--customers needs a whole number from 100 to 8,000,000 (the portal-scale phase's size)\n${USAGE}`);
      }
      i += 1;
    } else if (arg === '--workers') {
      workers = Number(argv[i + 1]);
      if (!Number.isInteger(workers) || workers < 1 || workers > MAX_WORKERS) {
        throw new Error(`--workers needs a whole number from 1 to ${MAX_WORKERS} (the server's WEB_CONCURRENCY)\n${USAGE}`);
      }
      i += 1;
    } else throw new Error(`unknown argument ${JSON.stringify(arg)}\n${USAGE}`);
  }
  if (galera && engine === 'sqlite') throw new Error(`--galera compares MySQL servers; it does not go with --sqlite\n${USAGE}`);
  const sizes = quick ? QUICK : FULL;
  return { engine, jsonFile, quick, profileDir, workers, galera, sizes: scaleCustomers ? { ...sizes, scaleCustomers } : sizes };
}
