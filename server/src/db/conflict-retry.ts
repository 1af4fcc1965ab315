import { randomInt } from 'node:crypto';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * Write conflicts are re-run, never shown to the caller (docs/OPERATIONS.md, Galera).
 *
 * On a multi-primary cluster (MariaDB Galera) two nodes may commit transactions that wrote the same row
 * at the same moment; the one certified second is rolled back whole and its client sees error 1213, the
 * same as an InnoDB deadlock victim on one server. A lock wait that ran out (1205) is the same kind of
 * failure. Either way nothing of the transaction was kept, so running it again from its start is safe,
 * provided the transaction's own work is nothing but database statements. That holds for every
 * transaction of this application: no transaction sends a text or an email (the SMS is sent between
 * database steps, code-sender.ts; mail leaves through the outbox after commit, notify/), so a retry
 * never sends anything twice. A statement outside a transaction (autocommit) is one transaction of its
 * own and is re-run the same way.
 */

export type ConflictReason = 'deadlock' | 'lock_wait_timeout';

/** Tries of one transaction in all; a hot row under heavy cross-node load may need several. */
export const CONFLICT_TRIES = 8;
const BACKOFF_FIRST_MS = 2;
const BACKOFF_MAX_MS = 200;

/** What a retried conflict is told to (metrics: portal_db_conflicts_total). */
export type ConflictListener = (reason: ConflictReason, outcome: 'retried' | 'gave_up') => void;

/** Which conflict an error of mysql2 (or TypeORM's wrapper around one) is, or null for any other error. */
export function conflictReason(err: unknown): ConflictReason | null {
  if (typeof err !== 'object' || err === null) return null;
  const e = err as { driverError?: { errno?: number; code?: string }; errno?: number; code?: string };
  const errno = e.driverError?.errno ?? e.errno;
  const code = e.driverError?.code ?? e.code;
  if (errno === 1213 || code === 'ER_LOCK_DEADLOCK') return 'deadlock';
  if (errno === 1205 || code === 'ER_LOCK_WAIT_TIMEOUT') return 'lock_wait_timeout';
  return null;
}

/**
 * Runs `work` and, while it fails with a conflict, runs it again (at most CONFLICT_TRIES in all) after a
 * random pause that grows with each try, so that two requests that met do not meet again at once.
 */
export async function withConflictRetry<T>(work: () => Promise<T>, listener: ConflictListener = () => undefined): Promise<T> {
  for (let tried = 1; ; tried += 1) {
    try {
      return await work();
    } catch (err) {
      const reason = conflictReason(err);
      if (!reason) throw err;
      if (tried >= CONFLICT_TRIES) {
        listener(reason, 'gave_up');
        throw err;
      }
      listener(reason, 'retried');
      const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** tried);
      await new Promise((resolve) => setTimeout(resolve, randomInt(1, ceiling + 1)));
    }
  }
}

const LISTENER = Symbol('conflictListener');
type Marked = { [LISTENER]?: ConflictListener };

/**
 * Makes every transaction opened on `ds.manager` (and `ds.transaction`) and every statement run outside
 * a transaction retry conflicts. openDatabase does it to every MySQL connection it opens, so the
 * services keep calling `transaction()` and `query()` as before; called again, it only changes who is
 * told of conflicts (the composition root passes its metrics). A statement inside a transaction is not
 * retried on its own (its transaction was rolled back with it); the whole transaction is.
 */
export function retryConflicts(ds: DataSource, listener: ConflictListener = () => undefined): void {
  const marked = ds as unknown as Marked;
  const installed = marked[LISTENER] !== undefined;
  marked[LISTENER] = listener;
  if (installed) return;
  const tell: ConflictListener = (reason, outcome) => marked[LISTENER]?.(reason, outcome);

  const manager = ds.manager as EntityManager & { transaction: (...args: unknown[]) => Promise<unknown> };
  const transaction = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  manager.transaction = ((...args: unknown[]) => withConflictRetry(() => transaction(...args), tell)) as typeof manager.transaction;

  const driver = ds.driver as { createQueryRunner: (mode: 'master' | 'slave') => QueryRunner };
  const createQueryRunner = driver.createQueryRunner.bind(driver);
  driver.createQueryRunner = (mode) => {
    const runner = createQueryRunner(mode);
    const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
    runner.query = ((...args: unknown[]) =>
      runner.isTransactionActive ? query(...args) : withConflictRetry(() => query(...args), tell)) as typeof runner.query;
    return runner;
  };
}
