import type { Config } from '../config';
import { ErrorCode } from '../graphql/problem.types';
import type { Clock } from '../lib/clock';
import type { RateLimiter } from '../lib/rate-limiter';
import { Hasher, isSixDigits } from '../lib/tokens';
import type { DataSource } from 'typeorm';
import type { ChallengeRow } from './challenge.entity';
import { codeExpired } from './challenge.rules';
import type { ChallengeStore } from './challenge.store';
import { codeHash } from './code-sender';
import { TwoFactorEventType } from './event.entity';
import type { EventService } from './event.service';

export type CodeCheck =
  | { ok: true; codeHash: string }
  | { ok: false; code: ErrorCode; attemptsRemaining?: number; retryAfterSeconds?: number };

function codeLockKey(accountId: string): string {
  return `code:lock:${accountId}`;
}

/**
 * Weighs one typed code against a challenge. The attempt is taken in SQL before the comparison, so
 * however many requests arrive at once, on however many processes, at most OTP_MAX_ATTEMPTS are
 * compared. Wrong codes also count per account across challenges; reaching that limit locks the
 * account's sign-ins for a while and ends its open challenges.
 */
export class CodeChecker {
  constructor(
    private readonly ds: DataSource,
    private readonly store: ChallengeStore,
    private readonly limiter: RateLimiter,
    private readonly events: EventService,
    private readonly hasher: Hasher,
    private readonly clock: Clock,
    private readonly config: Pick<Config, 'limits' | 'otpMaxAttempts'>,
  ) {}

  async check(c: ChallengeRow, typed: string, ip: string): Promise<CodeCheck> {
    const now = this.clock.now();
    const lockedFor = await this.lockedForSeconds(c.accountId);
    if (lockedFor !== null) return { ok: false, code: ErrorCode.RATE_LIMITED, retryAfterSeconds: lockedFor };
    if (c.attempts >= this.config.otpMaxAttempts) return { ok: false, code: ErrorCode.TOO_MANY_ATTEMPTS };
    // An expired code is refused before an attempt is taken: it cannot be guessed, so nothing to count.
    if (codeExpired(c, now) || c.codeHash === null || c.phoneE164 === null) return { ok: false, code: ErrorCode.CODE_EXPIRED };
    if (!(await this.store.takeAttempt(c.id, this.config.otpMaxAttempts))) {
      const fresh = await this.store.findByTokenHash(c.tokenHash);
      return fresh && fresh.consumedAt === null
        ? { ok: false, code: ErrorCode.TOO_MANY_ATTEMPTS }
        : { ok: false, code: ErrorCode.CHALLENGE_INVALID };
    }
    const expected = c.codeHash;
    const candidate = codeHash(this.hasher, c, c.step, c.phoneE164, isSixDigits(typed) ? typed : 'malformed');
    if (isSixDigits(typed) && Hasher.equal(candidate, expected)) return { ok: true, codeHash: expected };
    return this.wrongCode(c, ip);
  }

  /** Seconds left on the account's wrong-code lock, or null when it is not locked. */
  async lockedForSeconds(accountId: string): Promise<number | null> {
    const lock = await this.limiter.peek(codeLockKey(accountId), { points: 1, windowSeconds: 1 });
    return lock.allowed ? null : lock.retryAfterSeconds;
  }

  private async wrongCode(c: ChallengeRow, ip: string): Promise<CodeCheck> {
    const fresh = await this.store.findByTokenHash(c.tokenHash);
    const used = fresh?.attempts ?? this.config.otpMaxAttempts;
    const remaining = Math.max(0, this.config.otpMaxAttempts - used);
    await this.events.record({
      portalId: c.portalId,
      type: TwoFactorEventType.CODE_REJECTED,
      customerId: c.accountId,
      ip,
      detail: `${remaining} attempts left`,
    });
    if (remaining === 0) {
      await this.events.record({ portalId: c.portalId, type: TwoFactorEventType.CHALLENGE_LOCKED, customerId: c.accountId, ip });
    }
    const l = this.config.limits;
    const failures = await this.limiter.consume(`code:fail:${c.accountId}`, {
      points: l.codeFailuresPerAccount,
      windowSeconds: l.codeFailuresWindowSeconds,
    });
    if (failures.hits >= l.codeFailuresPerAccount) await this.lockAccount(c, ip);
    return { ok: false, code: ErrorCode.INVALID_CODE, attemptsRemaining: remaining };
  }

  /** The lock starts a new count: the failure counter is cleared when the lock begins. */
  private async lockAccount(c: ChallengeRow, ip: string): Promise<void> {
    const l = this.config.limits;
    await this.ds.transaction(async (m) => {
      await this.limiter.block(codeLockKey(c.accountId), l.codeLockSeconds, m);
      await this.limiter.clear(`code:fail:${c.accountId}`, m);
      await this.store.endAllForAccount(m, c.accountId, this.clock.now());
    });
    await this.events.record({
      portalId: c.portalId,
      type: TwoFactorEventType.ACCOUNT_LOCKED,
      customerId: c.accountId,
      ip,
      detail: `sign-in locked for ${Math.round(l.codeLockSeconds / 60)} min`,
    });
  }
}
