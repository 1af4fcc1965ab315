import type { EntityManager } from 'typeorm';
import { columnsOf, entityFrom, insertRow } from '../db/raw-rows';
import { AccountRow } from '../portals/account.entity';
import { PortalRow } from '../portals/portal.entity';
import { ProfileRow } from '../portals/profile.entity';
import { deleteExpiredBatch } from '../db/expired-rows';
import { SessionRow } from './session.entity';

/** The only code that reads or writes the sessions table. */
export class SessionStore {
  constructor(private readonly db: EntityManager) {}

  async insert(m: EntityManager, row: SessionRow): Promise<void> {
    await insertRow(m, SessionRow, row);
  }

  findByTokenHash(tokenHash: string): Promise<SessionRow | null> {
    return this.db.findOneBy(SessionRow, { tokenHash });
  }

  /**
   * A session with its account, portal and (admins) profile, in one round trip: what every signed-in
   * request needs before its first resolver runs (docs/PERFORMANCE.md, Round trips).
   */
  async findWithAccount(tokenHashes: readonly string[]): Promise<{ session: SessionRow; account: AccountRow | null; portal: PortalRow | null; profile: ProfileRow | null } | null> {
    const m = this.db;
    const rows: Array<Record<string, unknown>> = await m.query(
      `SELECT ${columnsOf(m, SessionRow, 's')}, ${columnsOf(m, AccountRow, 'a')}, ${columnsOf(m, PortalRow, 'p')}, ${columnsOf(m, ProfileRow, 'f')}
         FROM sessions s
         LEFT JOIN accounts a ON a.id = s.account_id AND a.portal_id = s.portal_id
         LEFT JOIN portals p ON p.id = s.portal_id
         LEFT JOIN profiles f ON f.id = a.profile_id AND f.portal_id = a.portal_id
        WHERE ${hashIn('s.token_hash', tokenHashes)}`,
      [...tokenHashes],
    );
    if (rows.length === 0) return null;
    const session = entityFrom(m, SessionRow, 's', rows[0]);
    if (!session) return null;
    return {
      session,
      account: entityFrom(m, AccountRow, 'a', rows[0]),
      portal: entityFrom(m, PortalRow, 'p', rows[0]),
      profile: entityFrom(m, ProfileRow, 'f', rows[0]),
    };
  }

  async touch(tokenHash: string, lastSeenAt: Date): Promise<void> {
    await this.db.update(SessionRow, { tokenHash }, { lastSeenAt });
  }

  async deleteByTokenHash(tokenHash: string): Promise<void> {
    await this.db.delete(SessionRow, { tokenHash });
  }

  async deleteByTokenHashes(tokenHashes: readonly string[]): Promise<void> {
    await this.db.query(`DELETE FROM sessions WHERE ${hashIn('token_hash', tokenHashes)}`, [...tokenHashes]);
  }

  /**
   * A session found under SECRET_KEY_PREVIOUS moves to the current key's hash in place: one UPDATE
   * conditional on the old hash, so of two requests racing on it one moves it and the other changes
   * nothing, and both go on with the session they read (docs/OPERATIONS.md, Rotating SECRET_KEY).
   */
  async rekey(oldHash: string, newHash: string, keyId: string): Promise<void> {
    await this.db.query('UPDATE sessions SET token_hash = ?, key_id = ? WHERE token_hash = ?', [newHash, keyId, oldHash]);
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

/** `column = ?`, or while SECRET_KEY is rotated `column IN (?, ?)`: both keys' hashes in one statement. */
function hashIn(column: string, hashes: readonly string[]): string {
  return hashes.length === 1 ? `${column} = ?` : `${column} IN (${hashes.map(() => '?').join(', ')})`;
}
