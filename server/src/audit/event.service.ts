import type { EntityManager } from 'typeorm';
import { deleteExpiredBatch } from '../db/expired-rows';
import type { Clock } from '../lib/clock';
import { insertRow } from '../db/raw-rows';
import { TwoFactorEventRow, TwoFactorEventType } from './event.entity';

export interface EventInput {
  readonly portalId: string;
  readonly type: TwoFactorEventType;
  readonly customerId?: string | null;
  readonly adminId?: string | null;
  readonly ip?: string | null;
  /** Short and safe to show an admin: never a code, a token or a whole phone number. */
  readonly detail?: string | null;
}

/**
 * Told of the events it follows, inside the transaction that records them: the email notices
 * (notify/) queue their message this way, so a notice exists exactly when its event committed. A port,
 * so audit/ knows nothing of email; the composition root wires it.
 */
export interface EventFollower {
  follows(type: TwoFactorEventType): boolean;
  recorded(e: EventInput, at: Date, m: EntityManager): Promise<void>;
}

/**
 * The audit trail. Writes go through `record`; there is deliberately no update, and the only delete is
 * retention's, of whole rows past EVENT_RETENTION_DAYS.
 */
export class EventService {
  constructor(
    private readonly db: EntityManager,
    private readonly clock: Clock,
    private readonly follower: EventFollower | null = null,
  ) {}

  async record(e: EventInput, manager?: EntityManager): Promise<void> {
    const follower = this.follower?.follows(e.type) ? this.follower : null;
    // A followed event recorded on its own gets a transaction of its own, so its follower's row and
    // the event commit together; every other event stays one plain INSERT.
    if (follower && !manager) return this.db.transaction((m) => this.record(e, m));
    const at = this.clock.now();
    const m = manager ?? this.db;
    await insertRow(m, TwoFactorEventRow, {
      portalId: e.portalId,
      type: e.type,
      customerId: e.customerId ?? null,
      adminId: e.adminId ?? null,
      ip: e.ip ?? null,
      detail: e.detail?.slice(0, 255) ?? null,
      createdAt: at,
    });
    if (follower) await follower.recorded(e, at, m);
  }

  /**
   * Retention (EVENT_RETENTION_DAYS): deletes up to `limit` events recorded before `before`, oldest
   * first. The feed pages by id, so a cursor a client holds stays valid when older rows go.
   */
  pruneOlderThan(before: Date, limit: number): Promise<number> {
    return deleteExpiredBatch(
      this.db,
      { table: 'two_factor_events', key: 'id', orderBy: 'created_at', where: 'created_at < ?', params: [before.getTime()] },
      limit,
    );
  }
}
