import type { EntityManager } from 'typeorm';
import { IsNull } from 'typeorm';
import { deleteExpiredBatch } from '../db/expired-rows';
import type { ChallengeStep } from './challenge-step';
import { ChallengeRow } from './challenge.entity';

/**
 * The challenge's atomic moves. Each is one conditional UPDATE whose affected-row count says whether
 * this request won; that is what keeps attempts, sends and consumption exact across concurrent
 * requests and server processes (count before comparing, consume once: docs/ARCHITECTURE.md).
 */
export class ChallengeStore {
  constructor(private readonly db: EntityManager) {}

  findById(id: string): Promise<ChallengeRow | null> {
    return this.db.findOneBy(ChallengeRow, { id });
  }

  findByTokenHash(tokenHash: string): Promise<ChallengeRow | null> {
    return this.db.findOneBy(ChallengeRow, { tokenHash });
  }

  async insert(row: ChallengeRow): Promise<void> {
    await this.db.insert(ChallengeRow, row);
  }

  /** Takes one attempt if any is left; false when none is (or the challenge is consumed). */
  async takeAttempt(id: string, maxAttempts: number): Promise<boolean> {
    const r = await this.db
      .createQueryBuilder()
      .update(ChallengeRow)
      .set({ attempts: () => 'attempts + 1' })
      .where('id = :id AND attempts < :max AND consumed_at IS NULL', { id, max: maxAttempts })
      .execute();
    return r.affected === 1;
  }

  /**
   * Marks the challenge used, but only if the code it was checked against is still its code: a resend
   * racing with this request leaves the old code unable to win.
   */
  async consume(m: EntityManager, id: string, codeHash: string, now: Date): Promise<boolean> {
    const r = await m
      .createQueryBuilder()
      .update(ChallengeRow)
      .set({ consumedAt: now })
      .where('id = :id AND consumed_at IS NULL AND code_hash = :codeHash', { id, codeHash })
      .execute();
    return r.affected === 1;
  }

  /**
   * Claims the right to send one SMS on this challenge: a send left under the per-challenge cap and the
   * resend cooldown over. The cooldown moves forward at once so a second concurrent send loses.
   */
  async claimSend(id: string, maxSends: number, maxAttempts: number, now: Date, nextResendAt: Date): Promise<boolean> {
    const r = await this.db
      .createQueryBuilder()
      .update(ChallengeRow)
      .set({ sends: () => 'sends + 1', resendAvailableAt: nextResendAt })
      // A challenge whose attempts are spent is dead: no SMS for it, even racing the last wrong code.
      .where('id = :id AND sends < :max AND attempts < :maxAttempts AND consumed_at IS NULL AND (resend_available_at IS NULL OR resend_available_at <= :now)', {
        id,
        max: maxSends,
        maxAttempts,
        now: now.getTime(),
      })
      .execute();
    return r.affected === 1;
  }

  /** Undoes a claim whose SMS failed: a failed send uses up nothing. */
  async releaseSend(id: string, previousResendAt: Date | null): Promise<void> {
    await this.db
      .createQueryBuilder()
      .update(ChallengeRow)
      .set({ sends: () => 'sends - 1', resendAvailableAt: previousResendAt })
      .where('id = :id AND sends > 0', { id })
      .execute();
  }

  /** Records the code that was just sent; the previous code stops working. */
  async storeCode(
    id: string,
    fields: { codeHash: string; phoneE164: string; codeExpiresAt: Date; lastSentAt: Date; step: ChallengeStep; codeIpKey: string },
  ): Promise<void> {
    await this.db.update(ChallengeRow, { id, consumedAt: IsNull() }, fields);
  }

  /**
   * The IP key charged for the code a consumed challenge was consumed with. Read after `consume` won:
   * from then on no send can change the row (storeCode needs an unconsumed challenge).
   */
  async chargedIpKey(m: EntityManager, id: string): Promise<string | null> {
    const row = await m.findOne(ChallengeRow, { where: { id }, select: { id: true, codeIpKey: true } });
    return row?.codeIpKey ?? null;
  }

  /**
   * Retention: deletes up to `limit` challenges whose lifetime ended at or before `endedBy`. Past its
   * expires_at a challenge accepts no step whatever else it holds (challenge.rules.ts), consumed or not,
   * and nothing counts across challenges from these rows (the per-account counts are rate counters).
   * Open challenges are never touched: an open one's expires_at is in the future.
   */
  pruneExpired(endedBy: Date, limit: number): Promise<number> {
    return deleteExpiredBatch(
      this.db,
      { table: 'login_challenges', key: 'id', orderBy: 'expires_at', where: 'expires_at <= ?', params: [endedBy.getTime()] },
      limit,
    );
  }

  /** Ends every open challenge of an account (reset, lock). */
  async endAllForAccount(m: EntityManager, accountId: string, now: Date): Promise<void> {
    await m.update(ChallengeRow, { accountId, consumedAt: IsNull() }, { consumedAt: now });
  }
}
