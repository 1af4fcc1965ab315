import type { EntityManager } from 'typeorm';
import { deleteExpiredBatch } from '../db/expired-rows';
import { SessionRow } from './session.entity';

/** The only code that reads or writes the sessions table. */
export class SessionStore {
  constructor(private readonly db: EntityManager) {}

  async insert(m: EntityManager, row: SessionRow): Promise<void> {
    await m.insert(SessionRow, row);
  }

  findByTokenHash(tokenHash: string): Promise<SessionRow | null> {
    return this.db.findOneBy(SessionRow, { tokenHash });
  }

  async touch(tokenHash: string, lastSeenAt: Date): Promise<void> {
    await this.db.update(SessionRow, { tokenHash }, { lastSeenAt });
  }

  async deleteByTokenHash(tokenHash: string): Promise<void> {
    await this.db.delete(SessionRow, { tokenHash });
  }

  async deleteAllForAccount(m: EntityManager, accountId: string): Promise<void> {
    await m.delete(SessionRow, { accountId });
  }

  /**
   * Retention: deletes up to `limit` sessions last seen at or before `lastSeenBy` (the caller passes now
   * minus the idle limit: such a session can never sign anyone in again, see session.service.ts#resolve).
   * The idle limit alone reaches every dead session: one past its absolute age but still in use is
   * deleted by resolve() at its next request, and one nobody uses goes idle. The condition is read under
   * the row's lock (db/expired-rows.ts): a session touched first is no longer idle and stays.
   */
  pruneNotSeenSince(lastSeenBy: Date, limit: number): Promise<number> {
    return deleteExpiredBatch(
      this.db,
      { table: 'sessions', key: 'token_hash', orderBy: 'last_seen_at', where: 'last_seen_at <= ?', params: [lastSeenBy.getTime()] },
      limit,
    );
  }

  /** Customer sessions of a portal that passed no code under `generation` (made while the policy was off, or before). */
  async deleteCustomerSessionsNotUnder(m: EntityManager, portalId: string, generation: number): Promise<void> {
    await m
      .createQueryBuilder()
      .delete()
      .from(SessionRow)
      .where('portal_id = :portalId AND account_kind = :kind', { portalId, kind: 'customer' })
      .andWhere('(two_factor_generation IS NULL OR two_factor_generation <> :gen)', { gen: generation })
      .execute();
  }
}
