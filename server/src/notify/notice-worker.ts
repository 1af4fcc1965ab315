import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import type { TwoFactorEventType } from '../audit/event.entity';
import { type Clock, systemClock } from '../lib/clock';
import { maskPhoneNumber } from '../lib/phone-number';
import type { Metrics } from '../metrics/metrics';
import { isEnrolled } from '../two-factor/enrollment.store';
import { MailDeliveryError, type MailSender } from './mail-sender';
import type { DueNotice, NoticeOutbox } from './notice-outbox';
import { noticeMessage } from './notice-message';
import { NOTICES } from './notices';

export interface NoticeSchedule {
  /** How often this process looks for due notices (default 1 s). */
  readonly pollMs?: number;
  /** The first retry's delay; each next one doubles, up to an hour (default 30 s). */
  readonly retryBaseMs?: number;
  /** Attempts before a notice is given up (default 10: about three hours of retries). */
  readonly maxAttempts?: number;
}

const DEFAULT_POLL_MS = 1000;
const DEFAULT_RETRY_BASE_MS = 30_000;
const DEFAULT_MAX_ATTEMPTS = 10;
const MAX_RETRY_DELAY_MS = 3600_000;
const BATCH = 20;
const STOP_WAIT_MS = 2000;

/**
 * Sends the outbox's notices (docs/OPERATIONS.md, Email notices), in every server process, after the
 * transactions that wrote them have committed. A request never waits for it: a slow or failing mail
 * server only delays the email. Each notice is claimed before it is sent (notice-outbox.ts), retried with
 * a doubling delay, and every failure is logged without the address or the server's words and counted.
 *
 * Its schedule runs on the system clock, never on the app's: the app clock is what the events say
 * happened when (and tests move it), while retries and leases are about real seconds.
 */
export class NoticeWorker {
  private timer: NodeJS.Timeout | null = null;
  private pass: Promise<void> | null = null;
  private stopping = false;
  private readonly pollMs: number;
  private readonly retryBaseMs: number;
  private readonly maxAttempts: number;
  private readonly leaseMs: number;

  constructor(
    private readonly db: EntityManager,
    private readonly outbox: NoticeOutbox,
    private readonly sender: MailSender,
    private readonly metrics: Metrics,
    private readonly log: Logger,
    timeoutSeconds: number,
    schedule: NoticeSchedule = {},
    private readonly clock: Clock = systemClock,
  ) {
    this.pollMs = schedule.pollMs ?? DEFAULT_POLL_MS;
    this.retryBaseMs = schedule.retryBaseMs ?? DEFAULT_RETRY_BASE_MS;
    this.maxAttempts = schedule.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    // Longer than the sender's own overall limit (3 timeouts), so a live attempt keeps its claim.
    this.leaseMs = timeoutSeconds * 3000 + 30_000;
  }

  start(): void {
    const tick = () => {
      this.timer = null;
      this.pass = this.runOnce()
        .then(() => undefined)
        .catch((err) => this.log.warn({ err: { message: String((err as Error)?.message ?? err) } }, 'email notice pass failed'))
        .finally(() => {
          this.pass = null;
          if (!this.stopping) this.timer = setTimeout(tick, this.pollMs).unref();
        });
    };
    this.timer = setTimeout(tick, this.pollMs).unref();
  }

  /**
   * Stops the timer and gives a send under way a moment to finish. A send still hanging after that is
   * left to its lease: once it ends, another process (or this one, restarted) tries the notice again.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    let wait: NodeJS.Timeout | undefined;
    await Promise.race([this.pass, new Promise((resolve) => (wait = setTimeout(resolve, STOP_WAIT_MS)))]);
    clearTimeout(wait);
    this.sender.close();
  }

  /** Sends every notice due now; returns how many attempts this process made. */
  async runOnce(): Promise<number> {
    let attempts = 0;
    while (!this.stopping) {
      const now = this.clock.now().getTime();
      const due = await this.outbox.due(now, BATCH);
      for (const n of due) {
        if (this.stopping) break;
        if (!(await this.outbox.claim(n, now, this.clock.now().getTime() + this.leaseMs))) continue;
        attempts += 1;
        await this.attempt(n);
      }
      if (due.length < BATCH) break;
    }
    return attempts;
  }

  private async attempt(n: DueNotice): Promise<void> {
    const attempt = n.attempts + 1;
    const kind = n.eventType;
    const template = NOTICES[n.eventType as TwoFactorEventType];
    const letter = template ? await this.letterOf(n) : null;
    if (!template || !letter) {
      // Nothing to say (an event type no longer notified) or nobody to say it to (the account is gone).
      await this.outbox.markFailed(n.id, template ? 'no such customer' : 'no template', null);
      this.log.warn({ noticeId: n.id, kind, attempt }, 'email notice dropped');
      return;
    }
    try {
      await this.sender.send(noticeMessage(template, letter.context, letter.letter));
    } catch (err) {
      const reason = err instanceof MailDeliveryError ? err.reason : 'ERROR';
      const last = attempt >= this.maxAttempts;
      const retryAt = last ? null : this.clock.now().getTime() + this.retryDelayMs(attempt);
      await this.outbox.markFailed(n.id, reason, retryAt);
      this.metrics.emailNotice(kind, last ? 'given_up' : 'failed');
      this.log.warn({ noticeId: n.id, kind, attempt, reason, retryAt: retryAt === null ? undefined : new Date(retryAt).toISOString() }, last ? 'email notice given up' : 'email notice failed; will retry');
      return;
    }
    await this.outbox.markSent(n.id, this.clock.now());
    this.metrics.emailNotice(kind, 'sent');
    this.log.info({ noticeId: n.id, kind, attempt }, 'email notice sent');
  }

  private retryDelayMs(attempt: number): number {
    return Math.min(MAX_RETRY_DELAY_MS, this.retryBaseMs * 2 ** (attempt - 1));
  }

  /** What the message says about the customer now: name, portal, masked phone, and whether this happened before. */
  private async letterOf(n: DueNotice) {
    const rows: Array<{ display_name: string; phone_e164: string | null; phone_generation: number | string | null; portal_name: string; generation: number | string }> =
      await this.db.query(
        `SELECT a.display_name, a.phone_e164, a.phone_generation, p.name AS portal_name, p.two_factor_generation AS generation
         FROM accounts a JOIN portals p ON p.id = a.portal_id WHERE a.id = ? AND a.portal_id = ?`,
        [n.customerId, n.portalId],
      );
    const row = rows[0];
    if (!row) return null;
    // ix_events_portal_customer_id: this customer's events only, up to this one's time (a later one,
    // recorded while this notice waited for a retry, does not count). Two of one type in the same
    // millisecond both read as "before": only a test's frozen clock does that.
    const earlier: Array<{ n: number | string }> = await this.db.query(
      'SELECT COUNT(*) AS n FROM two_factor_events WHERE portal_id = ? AND customer_id = ? AND type = ? AND created_at <= ?',
      [n.portalId, n.customerId, n.eventType, n.occurredAt.getTime()],
    );
    const account = { phoneE164: row.phone_e164, phoneGeneration: row.phone_generation === null ? null : Number(row.phone_generation) };
    const enrolled = isEnrolled(account, { twoFactorGeneration: Number(row.generation) });
    return {
      context: {
        portalName: row.portal_name,
        maskedPhone: enrolled && row.phone_e164 ? maskPhoneNumber(row.phone_e164) : null,
        detail: n.detail,
        happenedBefore: Number(earlier[0]?.n ?? 0) > 1,
      },
      letter: { to: n.to, displayName: row.display_name, occurredAt: n.occurredAt, ip: n.ip },
    };
  }
}
