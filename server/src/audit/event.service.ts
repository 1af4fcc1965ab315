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
 * The audit trail. Writes go through `record`; there is deliberately no update, and the only delete is
 * retention's, of whole rows past EVENT_RETENTION_DAYS.
 */
export class EventService {
  constructor(
    private readonly db: EntityManager,
    private readonly clock: Clock,
  ) {}

  async record(e: EventInput, manager?: EntityManager): Promise<void> {
    await insertRow(manager ?? this.db, TwoFactorEventRow, {
      portalId: e.portalId,
      type: e.type,
      customerId: e.customerId ?? null,
      adminId: e.adminId ?? null,
      ip: e.ip ?? null,
      detail: e.detail?.slice(0, 255) ?? null,
      createdAt: this.clock.now(),
    });
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
