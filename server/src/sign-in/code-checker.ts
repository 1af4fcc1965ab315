import type { Config } from '../config';
import { ErrorCode } from './sign-in-errors';
import type { Clock } from '../lib/clock';
import { type CounterState, judge, type Limit, type RateLimiter } from '../rate-limits/rate-limiter';
import { Hasher } from '../lib/tokens';
import type { EntityManager } from 'typeorm';
import type { ChallengeRow } from './challenge.entity';
import { codeExpired } from './challenge.rules';
import type { ChallengeStore } from './challenge.store';
import { codeFailKey, codeLockKey, codeRunKey } from './code-lock-keys';
import type { StepContext } from './step-context.query';
import { codeHashes, isSixDigits } from './one-time-code';
import { TwoFactorEventType } from '../audit/event.entity';
import type { EventService } from '../audit/event.service';
import type { Metrics } from '../metrics/metrics';

export type CodeCheck<T> =
  | { ok: true; value: T }
  | { ok: false; code: ErrorCode; attemptsRemaining?: number; retryAfterSeconds?: number; message?: string };

/**
 * How one kind of code is weighed inside the attempt's transaction (the SMS one is CodeChecker's own;
 * the app's and the recovery code's are in factor-match.ts).
 */
export interface CodeMatch {
  /** A refusal before any attempt is taken (an expired texted code: nothing to guess, nothing to count). */
  readonly refusal?: ErrorCode;
  /** After the attempt is taken: whether the code is right and this request may use it (a one-use claim, written in `m`). */
  matches(m: EntityManager): Promise<boolean>;
  /** Consumes the challenge; false when it was used or changed since it was read. */
  consume(m: EntityManager): Promise<boolean>;
  /** Whether `matches` writes a claim, which must roll back when the consume loses. */
  readonly claims: boolean;
}

/** A match that refuses before any attempt is taken. */
export function refusedMatch(code: ErrorCode): CodeMatch {
  return { refusal: code, claims: false, matches: async () => false, consume: async () => false };
}

/** Thrown inside the attempt's transaction to roll back a claim whose consume lost. */
class LostRace extends Error {}

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
    private readonly metrics: Metrics,
  ) {}

  /**
   * Weighs a texted `typed` code against the context's challenge (checkWith, with the SMS match below).
   * For a right code the challenge is consumed and `onRight`'s writes (the session, or the enrollment)
   * are made in the attempt's transaction — so a sign-in is one transaction, and the row stays locked
   * from the attempt to the consume (docs/PERFORMANCE.md).
   */
  check<T>(ctx: StepContext, typed: string, ip: string, onRight: (m: EntityManager) => Promise<T>): Promise<CodeCheck<T>> {
    return this.checkWith(ctx, ip, this.smsMatch(ctx.challenge, typed), onRight);
  }

  /**
   * Weighs one code of any kind (a text's, an app's, a recovery code) under the same rules and the same
   * counts: the account lock, the challenge's attempts (one budget whichever kinds are tried), then in
   * one transaction take the attempt (a conditional UPDATE that only succeeds while attempts are left),
   * match, consume, and `onRight`. A wrong code of any kind counts against the account as well.
   */
  async checkWith<T>(ctx: StepContext, ip: string, match: CodeMatch, onRight: (m: EntityManager) => Promise<T>): Promise<CodeCheck<T>> {
    const c = ctx.challenge;
    const lock = this.lockOf(ctx.codeRun, ctx.codeLock, this.clock.now().getTime());
    if (lock) return { ok: false, code: ErrorCode.RATE_LIMITED, ...lockAnswer(lock) };
    if (c.attempts >= this.config.otpMaxAttempts) return { ok: false, code: ErrorCode.TOO_MANY_ATTEMPTS };
    if (match.refusal) return { ok: false, code: match.refusal };
    let outcome: 'spent' | 'wrong' | 'lost' | { value: T };
    try {
      outcome = await this.db.transaction(async (m): Promise<'spent' | 'wrong' | 'lost' | { value: T }> => {
        if (!(await this.store.takeAttempt(m, c.id, this.config.otpMaxAttempts))) return 'spent';
        if (!(await match.matches(m))) return 'wrong';
        if (!(await match.consume(m))) {
          // A one-use claim made by `matches` (a recovery code, an app's time step) must not be spent on
          // a sign-in that did not happen: undo the whole transaction.
          if (match.claims) throw new LostRace();
          return 'lost';
        }
        // A right code ends the run of wrong ones; there is nothing to end when the read found no run.
        if (ctx.codeRun) await this.limiter.clear(codeRunKey(c.accountId), m);
        return { value: await onRight(m) };
      });
    } catch (err) {
      if (!(err instanceof LostRace)) throw err;
      outcome = 'lost';
    }
    if (outcome === 'spent') return this.whyNotTaken(c);
    if (outcome === 'wrong') return this.wrongCode(c, ip);
    // Lost: the challenge was given a new code (or used) after this request read it.
    if (outcome === 'lost') return { ok: false, code: ErrorCode.CHALLENGE_INVALID };
    return { ok: true, value: outcome.value };
  }

  /** A texted code: compared as keyed hashes, and the consume holds only while the code is still the challenge's. */
  private smsMatch(c: ChallengeRow, typed: string): CodeMatch {
    const now = this.clock.now();
    // An expired code is refused before an attempt is taken: it cannot be guessed, so nothing to count.
    if (codeExpired(c, now) || c.codeHash === null || c.phoneE164 === null) return refusedMatch(ErrorCode.CODE_EXPIRED);
    const expected = c.codeHash;
    const phoneE164 = c.phoneE164;
    return {
      claims: false,
      matches: async () => {
        // Under each key a code may have been sent under while SECRET_KEY is rotated (docs/OPERATIONS.md):
        // every candidate is compared, so the time does not tell which key matched.
        const candidates = codeHashes(this.hasher, c, c.step, phoneE164, isSixDigits(typed) ? typed : 'malformed');
        const matches = candidates.map((h) => Hasher.equal(h, expected));
        return isSixDigits(typed) && matches.includes(true);
      },
      consume: (m) => this.store.consume(m, c, now),
    };
  }

  /** No attempt was left to take: they are spent, or the challenge was used meanwhile. */
  private async whyNotTaken(c: ChallengeRow): Promise<CodeCheck<never>> {
    const fresh = await this.store.findByTokenHash(c.tokenHash);
    return fresh && fresh.consumedAt === null
      ? { ok: false, code: ErrorCode.TOO_MANY_ATTEMPTS }
      : { ok: false, code: ErrorCode.CHALLENGE_INVALID };
  }

  /** The account's wrong-code lock, or null when it is not locked. The lock until reset comes first. */
  async accountLock(accountId: string): Promise<AccountLock | null> {
    const rows = await this.limiter.read([codeRunKey(accountId), codeLockKey(accountId)]);
    return this.lockOf(rows.get(codeRunKey(accountId)) ?? null, rows.get(codeLockKey(accountId)) ?? null, this.clock.now().getTime());
  }

  /** Every caller refuses the request when there is a lock, so the refusal is counted here, once. */
  private lockOf(run: CounterState | null, timed: CounterState | null, nowMs: number): AccountLock | null {
    const lock = this.lockIn(run, timed, nowMs);
    if (lock) this.metrics.rateLimitRefused('account_lock');
    return lock;
  }

  private lockIn(run: CounterState | null, timed: CounterState | null, nowMs: number): AccountLock | null {
    if (!judge(run, this.runLimit(), nowMs).allowed) return { until: 'reset' };
    const lock = judge(timed, { points: 1, windowSeconds: 1 }, nowMs);
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

  private async wrongCode(c: ChallengeRow, ip: string): Promise<CodeCheck<never>> {
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
    this.metrics.accountLocked('until_reset');
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
    this.metrics.accountLocked('timed');
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
