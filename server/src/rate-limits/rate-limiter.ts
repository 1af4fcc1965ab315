import { randomInt } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { deleteExpiredBatch } from '../db/expired-rows';
import type { Clock } from '../lib/clock';
import { secondsUntil } from '../lib/clock';
import { type Metrics, noMetrics } from '../metrics/metrics';
import type { LimitName } from './limit-names';

/**
 * Counters that every server process shares through the database (never process memory: a limit must hold across several server processes).
 *
 * Each key has one window that starts at its first hit and lasts `windowSeconds`; the increment and the
 * window reset are one atomic upsert, so concurrent requests on any number of processes each see a
 * distinct count. We write this rather than use rate-limiter-flexible because its stores cover MySQL
 * but not SQLite (the embedded default), and because a counter here can join the caller's transaction.
 */
export interface Limit {
  readonly points: number;
  readonly windowSeconds: number;
  /**
   * A limit that refuses requests names itself, and its refusals are counted under that name
   * (portal_rate_limit_refusals_total). A counter that only counts (wrong codes towards a lock, a marker)
   * has no name: going past its points refuses nobody.
   */
  readonly name?: LimitName;
}

export type Refused = { allowed: false; hits: number; retryAfterSeconds: number };
export type Consumed = { allowed: true; hits: number } | Refused;
/** consumeAllSpread's answer: when allowed, the slot that was counted (to be refunded if the text fails). */
export type SpreadConsumed = { allowed: true; hits: number; slotKey: string } | Refused;

/** A counter row as read: its count and the end of its window. */
export interface CounterState {
  readonly hits: number;
  readonly resetAtMs: number;
}

/** What `peek` answers for a counter already read (null: no row), so a join that read it needs no second query. */
export function judge(state: CounterState | null, limit: Limit, nowMs: number): Consumed {
  if (state === null || state.resetAtMs <= nowMs) return { allowed: true, hits: 0 };
  return state.hits < limit.points ? { allowed: true, hits: state.hits } : refused(state.hits, nowMs, state.resetAtMs);
}

export class RateLimiter {
  constructor(
    private readonly db: EntityManager,
    /** Which SQL the atomic upsert is written in; the composition root reads it off the connection. */
    private readonly dialect: 'mysql' | 'sqlite',
    private readonly clock: Clock,
    private readonly metrics: Metrics = noMetrics,
  ) {}

  /** Counts one hit against `key`; allowed while the count stays within the limit. */
  async consume(key: string, limit: Limit, manager?: EntityManager): Promise<Consumed> {
    return this.counted(limit, await this.consumeOne(key, limit, manager));
  }

  private async consumeOne(key: string, limit: Limit, manager?: EntityManager): Promise<Consumed> {
    const now = this.clock.now().getTime();
    const resetAt = now + limit.windowSeconds * 1000;
    const m = manager ?? this.db;
    if (this.dialect === 'mysql') {
      // MySQL evaluates ON DUPLICATE KEY assignments left to right: `hits` is computed from the old
      // reset_at before reset_at itself moves. LAST_INSERT_ID(expr) hands the new count back atomically.
      const res = await m.query(
        `INSERT INTO rate_counters (counter_key, hits, reset_at) VALUES (?, LAST_INSERT_ID(1), ?)
         ON DUPLICATE KEY UPDATE hits = LAST_INSERT_ID(IF(reset_at <= ?, 1, hits + 1)),
                                 reset_at = IF(reset_at <= ?, ?, reset_at)`,
        [key, resetAt, now, now, resetAt],
      );
      const hits = Number(res.insertId);
      if (hits <= limit.points) return { allowed: true, hits };
      // Refused: only now is the window's end worth a second read.
      const rows: Array<{ reset_at: number | string }> = await m.query('SELECT reset_at FROM rate_counters WHERE counter_key = ?', [key]);
      return refused(hits, now, rows.length ? Number(rows[0].reset_at) : resetAt);
    }
    const rows: Array<{ hits: number; reset_at: number }> = await m.query(
      `INSERT INTO rate_counters (counter_key, hits, reset_at) VALUES (?, 1, ?)
       ON CONFLICT(counter_key) DO UPDATE SET
         hits = CASE WHEN reset_at <= ? THEN 1 ELSE hits + 1 END,
         reset_at = CASE WHEN reset_at <= ? THEN ? ELSE reset_at END
       RETURNING hits, reset_at`,
      [key, resetAt, now, now, resetAt],
    );
    const hits = Number(rows[0].hits);
    return hits <= limit.points ? { allowed: true, hits } : refused(hits, now, Number(rows[0].reset_at));
  }

  /**
   * Counts one hit against each key, all or nothing: when any key is past its limit, none is counted and
   * the answer is the first refused key's, in the order given. One transaction of two statements on
   * MySQL (a multi-row upsert, then a locking read of the new counts; the rows stay locked between the
   * two, so each caller reads its own distinct counts) and one statement on SQLite (RETURNING), instead
   * of a round trip and a commit per key (docs/PERFORMANCE.md, Round trips).
   */
  async consumeAll(wanted: ReadonlyArray<readonly [string, Limit]>): Promise<Consumed> {
    const r = await this.tryAll(wanted);
    return r.refusal ? this.counted(r.refusal.limit, r.refusal.answer) : r.answer;
  }

  /**
   * consumeAll with one more counter, `spread`, that many requests share (a portal's SMS budget: every
   * text of the portal, from every server, counts against it). One row written by every request is a
   * hot row: on one server its lock queues them, and on a multi-primary cluster (Galera) every node
   * writes it at once and all but one of them meet a write conflict. So it is kept in SPREAD_SLOTS rows,
   * each with its share of the points (the shares add up to the limit exactly): a request counts
   * against one slot, picked at random, and only when that slot is full does it try the next. It is
   * refused only when every slot is full, so the limit is neither loosened nor, while any slot has room,
   * tightened (docs/OPERATIONS.md, Galera). Each slot's window starts at its own first hit.
   */
  async consumeAllSpread(wanted: ReadonlyArray<readonly [string, Limit]>, spread: readonly [string, Limit]): Promise<SpreadConsumed> {
    const [key, limit] = spread;
    const slots = Math.max(1, Math.min(SPREAD_SLOTS, limit.points));
    const first = randomInt(slots);
    let refusal: Refusal | null = null;
    for (let i = 0; i < slots; i += 1) {
      const slot = (first + i) % slots;
      const slotKey = spreadSlotKey(key, slot);
      const share = Math.floor(limit.points / slots) + (slot < limit.points % slots ? 1 : 0);
      const r = await this.tryAll([...wanted, [slotKey, { ...limit, points: share }]]);
      if (!r.refusal) return { allowed: true, hits: 0, slotKey };
      // Another budget refused: no other slot changes that.
      if (r.refusal.key !== slotKey) return this.counted(r.refusal.limit, r.refusal.answer) as Refused;
      // The earliest slot to reopen says when to come back.
      if (!refusal || retryAfter(r.refusal.answer) < retryAfter(refusal.answer)) refusal = r.refusal;
    }
    return this.counted(limit, (refusal as Refusal).answer) as Refused;
  }

  /** consumeAll's work: the answer, or the refusal (not yet counted in the metrics) and the key that refused. */
  private async tryAll(wanted: ReadonlyArray<readonly [string, Limit]>): Promise<{ answer: Consumed; refusal: null } | { answer: null; refusal: Refusal }> {
    const now = this.clock.now().getTime();
    // One order for every caller, so that two sends sharing keys (a portal, an IP) lock them in the
    // same order and cannot deadlock each other on MySQL.
    const rows = [...wanted].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const values = rows.map(() => '(?, 1, ?)').join(', ');
    const params = [...rows.flatMap(([key, limit]) => [key, now + limit.windowSeconds * 1000]), now, now];
    const judgeAll = (counts: CounterRow[]): void => {
      const byKey = new Map(counts.map((r) => [r.counter_key, r]));
      for (const [key, limit] of wanted) {
        const r = byKey.get(key);
        const hits = r ? Number(r.hits) : Number.MAX_SAFE_INTEGER;
        if (hits > limit.points) throw new Refusal(refused(hits, now, r ? Number(r.reset_at) : now + limit.windowSeconds * 1000), limit, key);
      }
    };
    try {
      if (this.dialect === 'mysql') {
        // InnoDB may still pick this multi-row upsert as a deadlock victim (its gap locks on new keys do
        // not follow the rows' order), and on Galera two nodes may write one counter at once: the
        // transaction is then run again from its start (db/conflict-retry.ts, applied to this manager).
        await this.db.transaction(async (m) => {
          await m.query(
            `INSERT INTO rate_counters (counter_key, hits, reset_at) VALUES ${values}
             ON DUPLICATE KEY UPDATE hits = IF(reset_at <= ?, 1, hits + 1), reset_at = IF(reset_at <= ?, VALUES(reset_at), reset_at)`,
            params,
          );
          judgeAll(await m.query(`SELECT counter_key, hits, reset_at FROM rate_counters WHERE counter_key IN (${rows.map(() => '?').join(', ')}) FOR UPDATE`, rows.map(([k]) => k)));
        });
      } else {
        // SQLite: one statement hands back every new count; the transaction is better-sqlite3's own,
        // synchronous, so no other request's statements can fall between the upsert and its rollback.
        const raw = sqliteHandle(this.db);
        const upsert = raw.prepare(
          `INSERT INTO rate_counters (counter_key, hits, reset_at) VALUES ${values}
           ON CONFLICT(counter_key) DO UPDATE SET
             hits = CASE WHEN reset_at <= ? THEN 1 ELSE hits + 1 END,
             reset_at = CASE WHEN reset_at <= ? THEN excluded.reset_at ELSE reset_at END
           RETURNING counter_key, hits, reset_at`,
        );
        raw.transaction(() => judgeAll(upsert.all(...params) as CounterRow[]))();
      }
      return { answer: { allowed: true, hits: 0 }, refusal: null };
    } catch (err) {
      // Rolled back: a refused send counted against none of its budgets.
      if (err instanceof Refusal) return { answer: null, refusal: err };
      throw err;
    }
  }

  /** The answer, once its refusal (if any) is counted under the limit's name. */
  private counted(limit: Limit, answer: Consumed): Consumed {
    if (!answer.allowed && limit.name) this.metrics.rateLimitRefused(limit.name);
    return answer;
  }

  /** Is the key already past its limit? Reads only; used where a check must not count. */
  async peek(key: string, limit: Limit, manager?: EntityManager): Promise<Consumed> {
    return judge((await this.read([key], manager)).get(key) ?? null, limit, this.clock.now().getTime());
  }

  /** The rows of several keys in one round trip (missing keys are absent from the map), for `judge`. */
  async read(keys: readonly string[], manager?: EntityManager): Promise<Map<string, CounterState>> {
    const rows: Array<{ counter_key: string; hits: number | string; reset_at: number | string }> = await (manager ?? this.db).query(
      `SELECT counter_key, hits, reset_at FROM rate_counters WHERE counter_key IN (${keys.map(() => '?').join(', ')})`,
      [...keys],
    );
    return new Map(rows.map((r) => [r.counter_key, { hits: Number(r.hits), resetAtMs: Number(r.reset_at) }]));
  }

  /** Gives one hit back (a reservation that turned out not to count: a right password, a failed SMS). */
  async refund(key: string, manager?: EntityManager): Promise<void> {
    await this.refundEach([key], manager);
  }

  /** One hit back on each key, in one statement. */
  async refundEach(keys: readonly string[], manager?: EntityManager): Promise<void> {
    if (keys.length === 0) return;
    await (manager ?? this.db).query(
      `UPDATE rate_counters SET hits = hits - 1 WHERE counter_key IN (${keys.map(() => '?').join(', ')}) AND hits > 0`,
      [...keys],
    );
  }

  /** Starts a lock: the key counts as spent for `seconds` from now. */
  async block(key: string, seconds: number, manager?: EntityManager): Promise<void> {
    const until = this.clock.now().getTime() + seconds * 1000;
    const m = manager ?? this.db;
    const huge = 1_000_000_000;
    if (this.dialect === 'mysql') {
      await m.query(
        'INSERT INTO rate_counters (counter_key, hits, reset_at) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE hits = VALUES(hits), reset_at = VALUES(reset_at)',
        [key, huge, until],
      );
    } else {
      await m.query(
        'INSERT INTO rate_counters (counter_key, hits, reset_at) VALUES (?, ?, ?) ON CONFLICT(counter_key) DO UPDATE SET hits = excluded.hits, reset_at = excluded.reset_at',
        [key, huge, until],
      );
    }
  }

  async clear(key: string, manager?: EntityManager): Promise<void> {
    await (manager ?? this.db).query('DELETE FROM rate_counters WHERE counter_key = ?', [key]);
  }

  /**
   * Retention: deletes up to `limit` counters whose window ended at or before `endedBy`. Such a row means
   * exactly what no row means: consume() starts a fresh window over it, peek() reads it as no hits, a
   * refund on it changes nothing the next consume keeps. A window that still counts, a lock still in
   * force (block() moves reset_at to its end) and the run of wrong codes (a window of a century, ended
   * only by clear()) all have reset_at in the future and stay. The condition is read under the row's
   * lock (db/expired-rows.ts): a counter hit first has a new window and stays; one hit while the prune
   * holds it waits, finds no row, and starts a fresh window, as it would have over the expired one.
   */
  pruneExpired(endedBy: Date, limit: number): Promise<number> {
    return deleteExpiredBatch(
      this.db,
      { table: 'rate_counters', key: 'counter_key', orderBy: 'reset_at', where: 'reset_at <= ?', params: [endedBy.getTime()] },
      limit,
    );
  }

}

/** How many rows a spread counter is kept in (consumeAllSpread). */
export const SPREAD_SLOTS = 8;

/** The row of one slot of a spread counter. */
export function spreadSlotKey(key: string, slot: number): string {
  return `${key}#${slot}`;
}

function retryAfter(c: Consumed): number {
  return c.allowed ? 0 : c.retryAfterSeconds;
}

function refused(hits: number, nowMs: number, resetAtMs: number): Consumed {
  return { allowed: false, hits, retryAfterSeconds: secondsUntil(new Date(nowMs), new Date(resetAtMs)) };
}

interface CounterRow {
  readonly counter_key: string;
  readonly hits: number | string;
  readonly reset_at: number | string;
}

interface SqliteStatement {
  all(...params: unknown[]): unknown[];
}
interface SqliteHandle {
  prepare(sql: string): SqliteStatement;
  transaction(work: () => void): () => void;
}

/** better-sqlite3's own connection behind TypeORM's (the driver holds one per DataSource). */
function sqliteHandle(m: EntityManager): SqliteHandle {
  return (m.connection.driver as unknown as { databaseConnection: SqliteHandle }).databaseConnection;
}

/** Thrown inside consumeAll's transaction so that it rolls back; carries the answer out. */
class Refusal extends Error {
  constructor(
    readonly answer: Consumed,
    readonly limit: Limit,
    readonly key: string,
  ) {
    super('rate limit refused');
  }
}
