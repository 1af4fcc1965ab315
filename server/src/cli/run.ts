import { ConfigError } from '../config';
import { printable } from '../lib/printable';

/** Runs a command-line entry point: a clear one-line error and exit 1 instead of a stack trace. */
export function runCli(main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    const message = err instanceof ConfigError ? err.message : describe(err);
    // A message may carry a file name or a parser's quote of the input: no raw control characters.
    process.stderr.write(`error: ${printable(message)}\n`);
    process.exit(1);
  });
}

function describe(err: unknown): string {
  const e = err as { code?: string; message?: string };
  if (e?.code === 'ECONNREFUSED') return `cannot reach the database (${e.message}). Is MySQL running, and is DATABASE_URL right?`;
  if (e?.code === 'ER_ACCESS_DENIED_ERROR') return `the database refused the login in DATABASE_URL (${e.message})`;
  if (e?.code === 'ER_BAD_DB_ERROR') return `${e.message}: create the database first (CREATE DATABASE … CHARACTER SET utf8mb4)`;
  return e?.message ?? String(err);
}
