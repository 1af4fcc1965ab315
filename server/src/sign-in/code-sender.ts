import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { ChallengeStep } from './challenge-step';
import type { Config } from '../config';
import { ErrorCode } from './sign-in-errors';
import { addSeconds, type Clock, secondsUntil } from '../lib/clock';
import { ipRateKey } from '../lib/client-ip';
import { countryOfNumber } from '../lib/phone-number';
import type { Metrics } from '../metrics/metrics';
import type { LimitName } from '../rate-limits/limit-names';
import type { Limit, RateLimiter } from '../rate-limits/rate-limiter';
import type { Hasher } from '../lib/tokens';
import type { PortalRow } from '../portals/portal.entity';
import { codeMessageText } from '../sms/sms-message';
import type { SmsLog } from '../sms/sms-log';
import { SmsDeliveryError, type SmsSender } from '../sms/sms-sender';
import type { ChallengeRow } from './challenge.entity';
import type { ChallengeStore } from './challenge.store';
import { codeHash, newCode } from './one-time-code';
import { isDatabaseUnavailable } from '../db/unavailable';
import { TwoFactorEventType } from '../audit/event.entity';
import type { EventService } from '../audit/event.service';

const HOUR_SECONDS = 3600;
const DAY_SECONDS = 24 * HOUR_SECONDS;

/** Texts per IP key whose code was never used: a used code's text is refunded here (refundUsedText). */
function smsUnusedPerIpKey(ipKey: string): string {
  return `sms:ip:${ipKey}`;
}

export type SendOutcome =
  | { ok: true; resendAvailableAt: Date; codeExpiresAt: Date }
  | { ok: false; code: ErrorCode.RATE_LIMITED; retryAfterSeconds: number }
  | { ok: false; code: ErrorCode.SMS_DELIVERY_FAILED | ErrorCode.CHALLENGE_INVALID | ErrorCode.TOO_MANY_ATTEMPTS };


/**
 * Sends a fresh code for a challenge, inside every SMS limit (per challenge, customer, new enrollment
 * number, destination number per hour and per day, IP for unused codes, IP for all texts, and portal;
 * docs/SECURITY.md). Limits are reserved before the provider is called and given back if it fails, so a
 * failed send uses up nothing and concurrent sends cannot exceed a cap.
 */
export class CodeSender {
  constructor(
    private readonly store: ChallengeStore,
    private readonly smsLog: SmsLog,
    private readonly limiter: RateLimiter,
    private readonly sender: SmsSender,
    private readonly events: EventService,
    private readonly hasher: Hasher,
    private readonly clock: Clock,
    private readonly config: Pick<Config, 'limits' | 'otpTtlSeconds' | 'otpResendCooldownSeconds' | 'otpMaxAttempts' | 'publicUrl'>,
    private readonly log: Logger,
    private readonly metrics: Metrics,
  ) {}

  async send(
    challenge: ChallengeRow,
    portal: PortalRow,
    phoneE164: string,
    step: ChallengeStep,
    ip: string,
    options: { claimed?: boolean } = {},
  ): Promise<SendOutcome> {
    const now = this.clock.now();
    const nextResendAt = options.claimed && challenge.resendAvailableAt ? challenge.resendAvailableAt : addSeconds(now, this.config.otpResendCooldownSeconds);
    const claimed =
      options.claimed || (await this.store.claimSend(challenge.id, this.config.limits.smsPerChallenge, this.config.otpMaxAttempts, now, nextResendAt));
    if (!claimed) return this.whyNoSend(challenge.id, now);
    const previousResendAt = options.claimed ? null : challenge.resendAvailableAt;
    const reserved = await this.reserveLimits(challenge, portal, phoneE164, step, ip);
    if (!reserved.ok) {
      await this.store.releaseSend(challenge.id, previousResendAt);
      return { ok: false, code: ErrorCode.RATE_LIMITED, retryAfterSeconds: reserved.retryAfterSeconds };
    }
    const code = newCode();
    const purpose = step === ChallengeStep.VERIFY_CODE ? 'login' : 'enroll';
    const text = codeMessageText({ portalName: portal.name, code, publicUrl: this.config.publicUrl, purpose });
    // The destination's country, never the number, labels the metrics (docs/OPERATIONS.md, Metrics).
    const country = countryOfNumber(phoneE164);
    const providerStarted = performance.now();
    const providerSeconds = () => (performance.now() - providerStarted) / 1000;
    let providerTookIt = false;
    try {
      const sent = await this.sender.send({ to: phoneE164, text });
      providerTookIt = true;
      this.metrics.smsSend({ provider: this.sender.name, outcome: 'sent', country, seconds: providerSeconds() });
      const codeExpiresAt = addSeconds(now, this.config.otpTtlSeconds);
      await this.store.storeCode(challenge.id, {
        codeHash: codeHash(this.hasher, challenge, step, phoneE164, code),
        phoneE164,
        codeExpiresAt,
        lastSentAt: now,
        step,
        codeIpKey: reserved.ipKey,
      });
      await this.recordMessage(challenge, sent.providerMessageId, 'queued', null);
      await this.events.record({
        portalId: portal.id,
        type: TwoFactorEventType.CODE_SENT,
        customerId: challenge.accountId,
        ip,
        detail: purpose,
      });
      return { ok: true, resendAvailableAt: nextResendAt, codeExpiresAt };
    } catch (err) {
      // A failed send is the provider's refusal; a failure after it took the text is the database's.
      if (!providerTookIt) this.metrics.smsSend({ provider: this.sender.name, outcome: 'failed', country, seconds: providerSeconds() });
      // The database going away after the text left is an outage (SERVICE_UNAVAILABLE), not a failed
      // delivery: nothing could be given back or recorded anyway (docs/OPERATIONS.md, Database outages).
      if (isDatabaseUnavailable(err)) throw err;
      const reason = err instanceof SmsDeliveryError ? err.reason : 'unexpected error';
      this.log.warn({ challengeId: challenge.id, reason }, 'sms delivery failed');
      await this.limiter.refundEach(reserved.keys);
      if (reserved.numberMarker) await this.limiter.clear(reserved.numberMarker);
      await this.store.releaseSend(challenge.id, previousResendAt);
      await this.recordMessage(challenge, null, 'failed', reason.slice(0, 32));
      await this.events.record({
        portalId: portal.id,
        type: TwoFactorEventType.SMS_DELIVERY_FAILED,
        customerId: challenge.accountId,
        ip,
        detail: reason,
      });
      return { ok: false, code: ErrorCode.SMS_DELIVERY_FAILED };
    }
  }

  /**
   * The claim of a new challenge's first send, as columns of the row about to be inserted (pass
   * `{ claimed: true }` to `send` then): the same as `claimSend` would write, one UPDATE fewer.
   */
  claimOnInsert(now: Date): { sends: number; resendAvailableAt: Date } {
    return { sends: 1, resendAvailableAt: addSeconds(now, this.config.otpResendCooldownSeconds) };
  }

  private async whyNoSend(id: string, now: Date): Promise<SendOutcome> {
    const c = await this.store.findById(id);
    if (!c || c.consumedAt) return { ok: false, code: ErrorCode.CHALLENGE_INVALID };
    if (c.attempts >= this.config.otpMaxAttempts) return { ok: false, code: ErrorCode.TOO_MANY_ATTEMPTS };
    if (c.resendAvailableAt && c.resendAvailableAt.getTime() > now.getTime()) {
      this.metrics.rateLimitRefused('sms_resend_cooldown');
      return { ok: false, code: ErrorCode.RATE_LIMITED, retryAfterSeconds: secondsUntil(now, c.resendAvailableAt) };
    }
    // The per-challenge cap is spent: only a new sign-in gets more codes.
    this.metrics.rateLimitRefused('sms_per_challenge');
    return { ok: false, code: ErrorCode.RATE_LIMITED, retryAfterSeconds: secondsUntil(now, c.expiresAt) };
  }

  /**
   * The text whose code was just used (it signed someone in or confirmed a phone) gives its per-IP hit
   * back to the IP key that paid for it, so RATE_SMS_PER_IP_HOUR counts codes nobody used: a whole office
   * behind one address can sign in, while SMS pumping, which never completes a sign-in, is still held.
   * The caller passes the challenge's key, which its consume was conditioned on, inside the consume's
   * transaction: it runs once per challenge, for the code that was accepted, and commits with it. The
   * total per-IP ceiling is not refunded.
   */
  async refundUsedText(chargedIpKey: string | null, m: EntityManager): Promise<void> {
    if (chargedIpKey) await this.limiter.refund(smsUnusedPerIpKey(chargedIpKey), m);
  }

  private async reserveLimits(
    challenge: ChallengeRow,
    portal: PortalRow,
    phoneE164: string,
    step: ChallengeStep,
    ip: string,
  ): Promise<{ ok: true; keys: string[]; numberMarker: string | null; ipKey: string } | { ok: false; retryAfterSeconds: number }> {
    const l = this.config.limits;
    const hourly = (name: LimitName, points: number): Limit => ({ name, points, windowSeconds: HOUR_SECONDS });
    const ipKey = ipRateKey(ip);
    // The destination as a keyed hash: one budget per number whoever asks, in whichever portal, and no
    // phone number in the counters table.
    const destination = this.hasher.hash('sms-destination', phoneE164);
    const wanted: Array<[string, Limit]> = [
      [`sms:acct:${challenge.accountId}`, hourly('sms_per_customer_hour', l.smsPerCustomerHour)],
      [smsUnusedPerIpKey(ipKey), hourly('sms_per_ip_hour', l.smsPerIpHour)],
      [`sms:ip-all:${ipKey}`, hourly('sms_per_ip_hour_total', l.smsPerIpHourTotal)],
      [`sms:to:hour:${destination}`, hourly('sms_per_number_hour', l.smsPerNumberHour)],
      [`sms:to:day:${destination}`, { name: 'sms_per_number_day', points: l.smsPerNumberDay, windowSeconds: DAY_SECONDS }],
    ];
    let numberMarker: string | null = null;
    if (step === ChallengeStep.CONFIRM_ENROLLMENT) {
      // Distinct enrollment numbers per customer: only a number not seen this hour takes a point.
      const marker = `sms:num:${challenge.accountId}:${this.hasher.hash('phone', phoneE164)}`;
      const marker1 = { points: 1, windowSeconds: HOUR_SECONDS };
      const seen = await this.limiter.peek(marker, marker1);
      if (seen.allowed) {
        wanted.push([`sms:nums:${challenge.accountId}`, hourly('sms_numbers_per_customer_hour', l.smsNumbersPerCustomerHour)]);
        numberMarker = marker;
      }
    }
    // All or nothing: a refused send counts against none of its budgets.
    // The portal's budget is the one every text of the portal shares: spread over slots, so that it is
    // not one hot row (rate-limits/rate-limiter.ts, consumeAllSpread).
    const r = await this.limiter.consumeAllSpread(wanted, [`sms:portal:${portal.id}`, hourly('sms_per_portal_hour', l.smsPerPortalHour)]);
    if (!r.allowed) return { ok: false, retryAfterSeconds: r.retryAfterSeconds };
    if (numberMarker) await this.limiter.consume(numberMarker, { points: 1, windowSeconds: HOUR_SECONDS });
    return { ok: true, keys: [...wanted.map(([key]) => key), r.slotKey], numberMarker, ipKey };
  }

  private async recordMessage(
    challenge: ChallengeRow,
    providerMessageId: string | null,
    status: string,
    errorCode: string | null,
  ): Promise<void> {
    await this.smsLog.record({
      portalId: challenge.portalId,
      accountId: challenge.accountId,
      provider: this.sender.name,
      providerMessageId,
      status,
      errorCode,
    });
  }
}
