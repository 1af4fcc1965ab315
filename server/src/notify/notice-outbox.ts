import type { EntityManager } from 'typeorm';
import { deleteExpiredBatch } from '../db/expired-rows';
import { changedRows } from '../db/raw-rows';
import { newId } from '../lib/tokens';

/**
 * The owner of `email_notices` (migration 0011): the outbox of the emails that tell a customer their
 * sign-in changed (docs/OPERATIONS.md, Email notices). Rows are written inside the transaction of the
 * event they tell about, so a notice exists exactly when its event committed; the worker
 * (notice-worker.ts) sends them afterwards, which is what keeps the mail server off the sign-in's path.
 *
 * `next_attempt_at` is the schedule and the claim at once: a worker takes a due row by moving it
 * forward (a lease) with a conditional UPDATE whose affected-row count is the decision, so several
 * server processes share the outbox and a notice is handed to the mail server by one of them. A process
 * that dies holding a lease leaves the row due again when the lease ends.
 */

export type NoticeStatus = 'pending' | 'sent' | 'failed';

export interface NoticeFacts {
  readonly portalId: string;
  readonly customerId: string;
  readonly eventType: string;
  readonly ip: string | null;
  readonly detail: string | null;
  readonly occurredAt: Date;
}

export interface DueNotice extends NoticeFacts {
  readonly id: string;
  readonly to: string;
  /** Attempts made before this one. */
  readonly attempts: number;
}

interface NoticeSqlRow {
  id: string;
  portal_id: string;
  customer_id: string;
  event_type: string;
  ip: string | null;
  detail: string | null;
  occurred_at: string | number;
  to_address: string;
  attempts: string | number;
  next_attempt_at: string | number;
}

export class NoticeOutbox {
  constructor(private readonly db: EntityManager) {}

  /**
   * Queues a notice for the customer, in the caller's transaction, if the customer has an email address:
   * one INSERT … SELECT, so a customer without one costs a statement that writes nothing. The address is
   * the one on file now; the row is due at once (0), whatever any process's clock says.
   */
  async enqueue(m: EntityManager, facts: NoticeFacts, now: Date): Promise<void> {
    await m.query(
      `INSERT INTO email_notices (id, portal_id, customer_id, event_type, ip, detail, occurred_at, to_address, status, attempts, next_attempt_at, created_at)
       SELECT ?, portal_id, id, ?, ?, ?, ?, email, 'pending', 0, 0, ? FROM accounts
       WHERE id = ? AND portal_id = ? AND kind = 'customer' AND email IS NOT NULL AND email <> ''`,
      [newId(), facts.eventType, facts.ip, facts.detail, facts.occurredAt.getTime(), now.getTime(), facts.customerId, facts.portalId],
    );
  }

  /** Up to `limit` notices due at `nowMs`, oldest schedule first. Reading one does not claim it. */
  async due(nowMs: number, limit: number): Promise<DueNotice[]> {
    const rows: NoticeSqlRow[] = await this.db.query(
      `SELECT id, portal_id, customer_id, event_type, ip, detail, occurred_at, to_address, attempts, next_attempt_at
       FROM email_notices WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ${Math.max(1, Math.floor(limit))}`,
      [nowMs],
    );
    return rows.map((r) => ({
      id: r.id,
      portalId: r.portal_id,
      customerId: r.customer_id,
      eventType: r.event_type,
      ip: r.ip,
      detail: r.detail,
      occurredAt: new Date(Number(r.occurred_at)),
      to: r.to_address,
      attempts: Number(r.attempts),
    }));
  }

  /**
   * Takes the notice for one attempt until `leaseUntilMs`: true only for the one caller whose UPDATE
   * found it still pending, due and at the attempt count it read.
   */
  async claim(n: DueNotice, nowMs: number, leaseUntilMs: number): Promise<boolean> {
    const changed = await changedRows(
      this.db,
      `UPDATE email_notices SET attempts = attempts + 1, next_attempt_at = ?
       WHERE id = ? AND status = 'pending' AND attempts = ? AND next_attempt_at <= ?`,
      [leaseUntilMs, n.id, n.attempts, nowMs],
    );
    return changed === 1;
  }

  async markSent(id: string, now: Date): Promise<void> {
    await this.db.query(`UPDATE email_notices SET status = 'sent', sent_at = ?, last_error = NULL WHERE id = ?`, [now.getTime(), id]);
  }

  /** A failed attempt: due again at `retryAtMs`, or given up for good when that is null. */
  async markFailed(id: string, reason: string, retryAtMs: number | null): Promise<void> {
    if (retryAtMs === null) {
      await this.db.query(`UPDATE email_notices SET status = 'failed', last_error = ? WHERE id = ?`, [reason.slice(0, 255), id]);
    } else {
      await this.db.query(`UPDATE email_notices SET next_attempt_at = ?, last_error = ? WHERE id = ?`, [retryAtMs, reason.slice(0, 255), id]);
    }
  }

  /** Retention: sent and given-up notices queued before `before`; pending ones stay until they end. */
  pruneFinished(before: Date, limit: number): Promise<number> {
    return deleteExpiredBatch(
      this.db,
      { table: 'email_notices', key: 'id', orderBy: 'created_at', where: "created_at < ? AND status <> 'pending'", params: [before.getTime()] },
      limit,
    );
  }
}
