import type { EntityManager, QueryRunner } from 'typeorm';
import { dialectOfSource } from './data-source';

/**
 * One bounded batch of a retention prune (docs/PERFORMANCE.md, Retention). The table's owner says which
 * rows are expired; this says how to delete at most `limit` of them so that several server processes can
 * prune at once: short statements, no lock held between batches, no waiting on a row someone else holds,
 * and no two processes deleting the same rows.
 *
 * MySQL cannot LIMIT an IN-subquery of a DELETE, so there the batch is claimed first with
 * `SELECT … ORDER BY … LIMIT n FOR UPDATE SKIP LOCKED` (READ COMMITTED, so no gap locks), then deleted row
 * by row by primary key, in one short transaction. A second pruner skips the rows the first has claimed
 * and takes the next ones; a row a request holds (a counter being hit) is skipped, never waited for, so a
 * pruner cannot take part in a deadlock. SQLite has one writer at a time: one
 * `DELETE … WHERE key IN (SELECT key … ORDER BY … LIMIT n)` statement is the whole batch.
 */
export interface ExpiredRows {
  readonly table: string;
  /** The primary key column. */
  readonly key: string;
  /** An indexed column: the oldest rows go first and the scan stops after `limit` of them. */
  readonly orderBy: string;
  /** The owner's "expired" condition over the table's own columns, with `?` placeholders. */
  readonly where: string;
  readonly params: readonly unknown[];
}

/** Deletes up to `limit` expired rows; returns how many it deleted. */
export async function deleteExpiredBatch(m: EntityManager, rows: ExpiredRows, limit: number): Promise<number> {
  const n = batchLimit(limit);
  return withRunner(m, async (qr, dialect) => {
    if (dialect === 'sqlite') {
      const r = await qr.query(
        `DELETE FROM ${rows.table} WHERE ${rows.key} IN (SELECT ${rows.key} FROM ${rows.table} WHERE ${rows.where} ORDER BY ${rows.orderBy} LIMIT ${n})`,
        [...rows.params],
        true,
      );
      return r.affected ?? 0;
    }
    return inShortTransaction(qr, async () => {
      const claimed: Array<{ k: unknown }> = await qr.query(
        `SELECT ${rows.key} AS k FROM ${rows.table} WHERE ${rows.where} ORDER BY ${rows.orderBy} LIMIT ${n} FOR UPDATE SKIP LOCKED`,
        [...rows.params],
      );
      return deleteClaimed(qr, rows, claimed.map((c) => c.k));
    });
  });
}

/**
 * Deletes those of `keys` that still match the owner's condition; for owners that choose their
 * candidates with a read the batch cannot lock (see sms-log.ts). Rows another process holds are skipped.
 */
export async function deleteKeysIfStill(
  m: EntityManager,
  rows: Omit<ExpiredRows, 'orderBy'>,
  keys: readonly unknown[],
): Promise<number> {
  if (keys.length === 0) return 0;
  batchLimit(keys.length);
  const marks = keys.map(() => '?').join(', ');
  return withRunner(m, async (qr, dialect) => {
    if (dialect === 'sqlite') {
      const r = await qr.query(`DELETE FROM ${rows.table} WHERE ${rows.key} IN (${marks}) AND (${rows.where})`, [...keys, ...rows.params], true);
      return r.affected ?? 0;
    }
    return inShortTransaction(qr, async () => {
      const claimed: Array<{ k: unknown }> = await qr.query(
        // SKIP LOCKED: whatever plan the optimizer picks, this read never waits on a row someone holds.
        `SELECT ${rows.key} AS k FROM ${rows.table} WHERE ${rows.key} IN (${marks}) AND (${rows.where}) FOR UPDATE SKIP LOCKED`,
        [...keys, ...rows.params],
      );
      return deleteClaimed(qr, rows, claimed.map((c) => c.k));
    });
  });
}

/** A batch is a few hundred rows; a bigger one would hold its locks (and SQLite's writer) too long. */
const MAX_BATCH = 5_000;

function batchLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_BATCH) throw new RangeError(`batch size must be 1..${MAX_BATCH}`);
  return limit;
}

/**
 * Deletes rows this transaction claimed. The claim read each row's latest committed version under its
 * lock, so the owner's condition held when the lock was taken, and nobody can change the row before this
 * commit: a counter hit again or a session touched at that moment waits for the lock and then finds no row
 * (and inserts a fresh one, as for any missing key), or was first and made the claim skip it.
 *
 *
 * Each claimed row is deleted by its own `DELETE … WHERE key = ?`. A DELETE must read only its own rows:
 * one that scanned anything else would meet the rows another pruner (or a request) holds and wait on
 * them while that pruner waits on its rows, a deadlock. `WHERE key IN (…)` over the batch is not safe:
 * the optimizer turns it into a full table scan when the table being pruned looks small to its statistics
 * (MariaDB 10.11 did so, with FORCE INDEX too, and the two-pruner test deadlocked). An equality on the
 * whole primary key is always a single-row lookup. The round trips cost little next to the locks they avoid.
 */
async function deleteClaimed(qr: QueryRunner, rows: Pick<ExpiredRows, 'table' | 'key'>, keys: unknown[]): Promise<number> {
  let deleted = 0;
  for (const key of keys) {
    const r = await qr.query(`DELETE FROM ${rows.table} WHERE ${rows.key} = ?`, [key], true);
    deleted += r.affected ?? 0;
  }
  return deleted;
}

async function withRunner<T>(m: EntityManager, run: (qr: QueryRunner, dialect: 'mysql' | 'sqlite') => Promise<T>): Promise<T> {
  const qr = m.connection.createQueryRunner();
  try {
    return await run(qr, dialectOfSource(m.connection));
  } finally {
    await qr.release();
  }
}

async function inShortTransaction(qr: QueryRunner, work: () => Promise<number>): Promise<number> {
  await qr.startTransaction('READ COMMITTED');
  try {
    const n = await work();
    await qr.commitTransaction();
    return n;
  } catch (err) {
    if (qr.isTransactionActive) await qr.rollbackTransaction();
    throw err;
  }
}
