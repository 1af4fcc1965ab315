import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** One seeded customer as the load generator signs in as them. */
export interface BenchCustomer {
  readonly username: string;
  readonly phone: string;
}

export interface BenchPortal {
  readonly slug: string;
  readonly password: string;
  readonly customers: readonly BenchCustomer[];
}

const SLUG = 'bench';
// 415-555-xxxx: valid US numbers for libphonenumber, and ten thousand of them.
const PHONE_PREFIX = '+1415555';
const MAX_CUSTOMERS = 10_000;
const CLI_TIMEOUT_MS = 300_000;

/** A portal with the policy on and `count` customers, each enrolled with a phone of their own. */
export function benchPortal(count: number): { portal: BenchPortal; file: unknown } {
  if (count > MAX_CUSTOMERS) throw new Error(`at most ${MAX_CUSTOMERS} bench customers`);
  // Not a secret: a throwaway database, dropped at the end of the run.
  const password = 'bench password for every customer';
  const customers = Array.from({ length: count }, (_, i) => ({
    username: `customer${String(i).padStart(5, '0')}`,
    phone: `${PHONE_PREFIX}${String(i).padStart(4, '0')}`,
  }));
  const file = {
    portals: [
      {
        slug: SLUG,
        name: 'Bench Portal',
        twoFactorEnabled: true,
        smsCountries: ['US'],
        companies: [
          {
            name: 'Bench Company',
            customers: customers.map((c) => ({ username: c.username, password, displayName: c.username, enrolledPhone: c.phone })),
          },
        ],
      },
    ],
  };
  return { portal: { slug: SLUG, password, customers }, file };
}

/** `npm run db:migrate` then `npm run db:seed -- FILE`, as an operator runs them, on DATABASE_URL. */
export async function migrateAndSeed(distCli: string, databaseUrl: string, file: unknown): Promise<void> {
  const env = { ...process.env, DATABASE_URL: databaseUrl };
  await runCli(distCli, 'migrate.js', [], env);
  const dir = mkdtempSync(join(tmpdir(), 'bench-seed-'));
  try {
    const path = join(dir, 'portal.json');
    writeFileSync(path, JSON.stringify(file));
    await runCli(distCli, 'seed.js', [path], env);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runCli(distCli: string, script: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  try {
    await run(process.execPath, [join(distCli, script), ...args], { env, timeout: CLI_TIMEOUT_MS });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`${script} failed: ${(e.stderr || e.message).trim()}`);
  }
}
