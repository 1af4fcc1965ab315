import type { EntityManager } from 'typeorm';
import { deleteKeysIfStill } from '../db/expired-rows';
import type { Clock } from '../lib/clock';
import { newId } from '../lib/tokens';
import { insertRow } from '../db/raw-rows';
import { SmsMessageRow } from './sms-message.entity';

/** What the log keeps of one text: who it was for and what the provider said. No text, no number. */
export interface SmsLogEntry {
  readonly portalId: string;
  readonly accountId: string;
  readonly provider: string;
  readonly providerMessageId: string | null;
  readonly status: string;
  readonly errorCode: string | null;
}

/** Where a walk over old messages stopped: the (created_at, id) of the last row it read. */
export interface SmsWalkCursor {
  readonly createdAt: number;
  readonly id: string;
}

/** A newer message of the same account exists: ordered by (created_at, id), as latestByAccount picks. */
const SUPERSEDED = `EXISTS (SELECT 1 FROM sms_messages newer WHERE newer.account_id = sms_messages.account_id
  AND (newer.created_at > sms_messages.created_at OR (newer.created_at = sms_messages.created_at AND newer.id > sms_messages.id)))`;

/** The only code that reads or writes sms_messages. */
export class SmsLog {
  constructor(
    private readonly db: EntityManager,
    private readonly clock: Clock,
  ) {}

  async record(e: SmsLogEntry): Promise<void> {
    const now = this.clock.now();
    await insertRow(this.db, SmsMessageRow, { id: newId(), ...e, createdAt: now, updatedAt: now });
  }

  findByProviderMessageId(providerMessageId: string): Promise<SmsMessageRow | null> {
    return this.db.findOneBy(SmsMessageRow, { providerMessageId });
  }

  async updateStatus(id: string, status: string, errorCode: string | null): Promise<void> {
    await this.db.update(SmsMessageRow, { id }, { status, errorCode, updatedAt: this.clock.now() });
  }

  /** The newest message of each account, for the admin's customer list. */
  async latestByAccount(accountIds: string[]): Promise<Map<string, SmsMessageRow>> {
    const latest = new Map<string, SmsMessageRow>();
    if (accountIds.length === 0) return latest;
    const messages = await this.db
      .createQueryBuilder(SmsMessageRow, 'm')
      .where('m.account_id IN (:...ids)', { ids: accountIds })
      .orderBy('m.created_at', 'DESC')
      .addOrderBy('m.id', 'DESC') // the same tie-break as the prune's "superseded", so the one shown is the one kept
      .getMany();
    for (const m of messages) if (!latest.has(m.accountId)) latest.set(m.accountId, m);
    return latest;
  }

  /**
   * Retention, one batch: reads up to `limit` messages created before `before`, in (created_at, id)
   * order after `after`, and deletes those that a newer message of the same account supersedes. The
   * newest message of each account stays whatever its age: it is the customer's "last SMS" an admin
   * sees (DirectoryService, through latestByAccount). Older ones are read by nothing but a delivery
   * report, which Plivo sends within a day (the caller keeps a week). `next` is null once the walk has
   * read every old message.
   *
   * The read is not locked (its EXISTS reads the same table, which MySQL cannot do in the DELETE);
   * the delete repeats the age condition, and "superseded" cannot stop being true: the newest message
   * of an account is never a candidate, and messages are only ever added.
   */
  async pruneSupersededBatch(
    before: Date,
    after: SmsWalkCursor | null,
    limit: number,
  ): Promise<{ removed: number; next: SmsWalkCursor | null }> {
    const cutoff = before.getTime();
    const params: unknown[] = [cutoff];
    let from = '';
    if (after) {
      from = ' AND (created_at > ? OR (created_at = ? AND id > ?))';
      params.push(after.createdAt, after.createdAt, after.id);
    }
    const rows: Array<{ id: string; created_at: number | string; superseded: number | string }> = await this.db.query(
      `SELECT id, created_at, ${SUPERSEDED} AS superseded FROM sms_messages
       WHERE created_at < ?${from} ORDER BY created_at, id LIMIT ${Math.trunc(limit)}`,
      params,
    );
    const doomed = rows.filter((r) => Number(r.superseded) === 1).map((r) => r.id);
    const removed = await deleteKeysIfStill(this.db, { table: 'sms_messages', key: 'id', where: 'created_at < ?', params: [cutoff] }, doomed);
    const last = rows[rows.length - 1];
    return { removed, next: rows.length < limit || !last ? null : { createdAt: Number(last.created_at), id: last.id } };
  }
}
