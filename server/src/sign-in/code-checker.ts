import type { Config } from '../config';
import { ErrorCode } from './sign-in-errors';
import type { Clock } from '../lib/clock';
import type { Limit, RateLimiter } from '../rate-limits/rate-limiter';
import { Hasher } from '../lib/tokens';
import type { EntityManager } from 'typeorm';
import type { ChallengeRow } from './challenge.entity';
import { codeExpired } from './challenge.rules';
import type { ChallengeStore } from './challenge.store';
import { codeHash, isSixDigits } from './one-time-code';
import { TwoFactorEventType } from '../audit/event.entity';
import type { EventService } from '../audit/event.service';

export type CodeCheck =
  | { ok: true; codeHash: string; phoneE164: string }
  | { ok: false; code: ErrorCode; attemptsRemaining?: number; retryAfterSeconds?: number; message?: string };

function codeLockKey(accountId: string): string {
  return `code:lock:${accountId}`;
}

function codeFailKey(accountId: string): string {
  return `code:fail:${accountId}`;
}

/**
 * Wrong codes in a row per account, across windows. A rate_counters row whose window never ends in
 * practice: it reuses the limiter's atomic upsert (one distinct count per concurrent request, on MySQL
 * and SQLite alike), needs no new column on accounts, and is deleted by a right code or an admin's reset.
 */
function codeRunKey(accountId: string): string {
  return `code:run:${accountId}`;
}
const RUN_WINDOW_SECONDS = 100 * 365 * 24 * 3600;

/** Why an account's sign-ins are held after wrong codes. */
export type AccountLock = { until: 'time'; retryAfterSeconds: number } | { until: 'reset' };

export const LOCKED_UNTIL_RESET_MESSAGE =
  'Too many wrong codes in a row. This account is locked: an administrator of this portal must reset its two-factor authentication.';
const LOCKED_UNTIL_RESET_DETAIL = 'locked until an administrator resets two-factor';

/**
 * Weighs one typed code against a challenge. The attempt is taken in SQL before the comparison, so
 * however many requests arrive at once, on however many processes, at most OTP_MAX_ATTEMPTS are
 * compared. Wrong codes also count per account across challenges: 10 in a window lock the account's
 * sign-ins for a while, and wrong codes in a row (across windows; only a right code or an admin's
 * reset ends a run) lock them until an admin resets two-factor. Either lock ends its open challenges.
 */
export class CodeChecker {
  constructor(
    private readonly db: EntityManager,
    private readonly store: ChallengeStore,
    private readonly limiter: RateLimiter,
    private readonly events: EventService,
    private readonly hasher: Hasher,
    private readonly clock: Clock,
    private readonly config: Pick<Config, 'limits' | 'otpMaxAttempts'>,
  ) {}

  async check(c: ChallengeRow, typed: string, ip: string): Promise<CodeCheck> {
    const now = this.clock.now();
    const lock = await this.accountLock(c.accountId);
    if (lock) return { ok: false, code: ErrorCode.RATE_LIMITED, ...lockAnswer(lock) };
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
    if (isSixDigits(typed) && Hasher.equal(candidate, expected)) {
      await this.limiter.clear(codeRunKey(c.accountId)); // a right code ends the run of wrong ones
      return { ok: true, codeHash: expected, phoneE164: c.phoneE164 };
    }
    return this.wrongCode(c, ip);
  }

  /** The account's wrong-code lock, or null when it is not locked. The lock until reset comes first. */
  async accountLock(accountId: string): Promise<AccountLock | null> {
    const run = await this.limiter.peek(codeRunKey(accountId), this.runLimit());
    if (!run.allowed) return { until: 'reset' };
    const lock = await this.limiter.peek(codeLockKey(accountId), { points: 1, windowSeconds: 1 });
    return lock.allowed ? null : { until: 'time', retryAfterSeconds: lock.retryAfterSeconds };
  }

  /**
   * An admin's reset: the run of wrong codes (and with it the lock until reset) is over, and so are the
   * window's count and a timed lock, so that "an administrator reset it" always means "it can sign in".
   */
  async forgetWrongCodes(m: EntityManager, accountId: string): Promise<void> {
    for (const key of [codeRunKey(accountId), codeFailKey(accountId), codeLockKey(accountId)]) await this.limiter.clear(key, m);
  }

  private runLimit(): Limit {
    return { points: this.config.limits.codeFailuresConsecutiveMax, windowSeconds: RUN_WINDOW_SECONDS };
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
    const failures = await this.limiter.consume(codeFailKey(c.accountId), {
      points: l.codeFailuresPerAccount,
      windowSeconds: l.codeFailuresWindowSeconds,
    });
    if (failures.hits >= l.codeFailuresPerAccount) await this.lockAccount(c, ip);
    // Counted in SQL: concurrent wrong codes each get a distinct number, so exactly one reaches the max.
    const run = await this.limiter.consume(codeRunKey(c.accountId), this.runLimit());
    if (run.hits === l.codeFailuresConsecutiveMax) await this.lockUntilReset(c, ip);
    return { ok: false, code: ErrorCode.INVALID_CODE, attemptsRemaining: remaining };
  }

  /** NIST SP 800-63B §5.2.2's ceiling on consecutive failures: no more guesses until an admin resets. */
  private async lockUntilReset(c: ChallengeRow, ip: string): Promise<void> {
    await this.db.transaction((m) => this.store.endAllForAccount(m, c.accountId, this.clock.now()));
    await this.events.record({
      portalId: c.portalId,
      type: TwoFactorEventType.ACCOUNT_LOCKED,
      customerId: c.accountId,
      ip,
      detail: LOCKED_UNTIL_RESET_DETAIL,
    });
  }

  /** The lock starts a new count: the failure counter is cleared when the lock begins. */
  private async lockAccount(c: ChallengeRow, ip: string): Promise<void> {
    const l = this.config.limits;
    await this.db.transaction(async (m) => {
      await this.limiter.block(codeLockKey(c.accountId), l.codeLockSeconds, m);
      await this.limiter.clear(codeFailKey(c.accountId), m);
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

/** The Problem fields of a lock: a timed one says when; one until reset says who can lift it. */
export function lockAnswer(lock: AccountLock): { retryAfterSeconds?: number; message?: string } {
  return lock.until === 'time' ? { retryAfterSeconds: lock.retryAfterSeconds } : { message: LOCKED_UNTIL_RESET_MESSAGE };
}
