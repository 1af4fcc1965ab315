import type { EntityManager } from 'typeorm';
import { IsNull } from 'typeorm';
import { deleteExpiredBatch } from '../db/expired-rows';
import type { ChallengeStep } from './challenge-step';
import { ChallengeRow } from './challenge.entity';
import { changedRows, insertRow } from '../db/raw-rows';
import { graceRunningWhere } from '../portals/enrollment-grace';
import { enrolledWhere } from '../two-factor/enrollment.store';

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
    await insertRow(this.db, ChallengeRow, row);
  }

  /** Takes one attempt if any is left; false when none is (or the challenge is consumed). */
  async takeAttempt(m: EntityManager, id: string, maxAttempts: number): Promise<boolean> {
    const changed = await changedRows(
      m,
      'UPDATE login_challenges SET attempts = attempts + 1 WHERE id = ? AND attempts < ? AND consumed_at IS NULL',
      [id, maxAttempts],
    );
    return changed === 1;
  }

  /**
   * Marks the challenge used, but only if the code it was checked against is still its code (and the
   * IP key charged for that code's text is still the one read): a resend racing with this request
   * leaves the old code unable to win, and the refund that follows goes to the key that paid for it.
   */
  async consume(
    m: EntityManager,
    c: Pick<ChallengeRow, 'id' | 'codeHash' | 'codeIpKey'>,
    now: Date,
  ): Promise<boolean> {
    if (c.codeHash === null) return false;
    const ipKey = c.codeIpKey === null ? 'code_ip_key IS NULL' : 'code_ip_key = ?';
    const changed = await changedRows(
      m,
      `UPDATE login_challenges SET consumed_at = ? WHERE id = ? AND consumed_at IS NULL AND code_hash = ? AND ${ipKey}`,
      [now.getTime(), c.id, c.codeHash, ...(c.codeIpKey === null ? [] : [c.codeIpKey])],
    );
    return changed === 1;
  }

  /**
   * Marks the challenge used for a code that is not a texted one (an app's code, a recovery code), but
   * only while it is still at the step that was read: "Text me a code instead" racing with this request
   * moves it to VERIFY_CODE, and then the app's code loses.
   */
  async consumeAtStep(m: EntityManager, c: Pick<ChallengeRow, 'id' | 'step'>, now: Date): Promise<boolean> {
    const changed = await changedRows(m, 'UPDATE login_challenges SET consumed_at = ? WHERE id = ? AND consumed_at IS NULL AND step = ?', [
      now.getTime(),
      c.id,
      c.step,
    ]);
    return changed === 1;
  }

  /**
   * "Remind me later": marks an enrollment challenge used, but only if, at `now`, it is still live, its
   * portal is still under the generation it was made in with the grace deadline ahead, and its account is
   * not enrolled under that generation. All of it is one conditional UPDATE, decided by the database at
   * the request's time: of concurrent postpones one wins, and a token kept past the deadline, or across
   * a policy off-and-on, wins nothing (docs/SECURITY.md, Enrollment grace period).
   */
  async consumeForPostpone(m: EntityManager, id: string, now: Date): Promise<boolean> {
    const t = now.getTime();
    const changed = await changedRows(
      m,
      `UPDATE login_challenges SET consumed_at = ?
        WHERE id = ? AND consumed_at IS NULL AND expires_at > ? AND step IN ('ENROLL_PHONE', 'CONFIRM_ENROLLMENT')
          AND EXISTS (SELECT 1 FROM portals p WHERE p.id = login_challenges.portal_id
                        AND p.two_factor_generation = login_challenges.policy_generation AND ${graceRunningWhere('p')})
          AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = login_challenges.account_id
                        AND a.portal_id = login_challenges.portal_id AND ${enrolledWhere('a', 'login_challenges.policy_generation')})`,
      [t, id, t, t],
    );
    return changed === 1;
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
    await this.db.query(
      `UPDATE login_challenges SET code_hash = ?, phone_e164 = ?, code_expires_at = ?, last_sent_at = ?, step = ?, code_ip_key = ?
        WHERE id = ? AND consumed_at IS NULL`,
      [fields.codeHash, fields.phoneE164, fields.codeExpiresAt.getTime(), fields.lastSentAt.getTime(), fields.step, fields.codeIpKey, id],
    );
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
