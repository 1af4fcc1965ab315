import type { RateLimiter } from '../rate-limits/rate-limiter';
import type { SmsLog } from './sms-log';

const FAILED_STATUSES = new Set(['failed', 'undelivered', 'rejected']);
const KNOWN_STATUSES = new Set(['queued', 'sent', 'delivered', 'undelivered', 'failed', 'rejected', 'read']);
/** Plivo retries reports for a while; a nonce seen within a day is a replay. */
const NONCE_MEMORY_SECONDS = 24 * 3600;

/** Where a failed delivery is told (the audit log, wired at the composition root, so sms/ stays below it). */
export interface DeliveryFailures {
  record(failure: { portalId: string; accountId: string; detail: string }): Promise<void>;
}

export interface DeliveryReport {
  readonly messageUuid: string;
  readonly status: string;
  readonly errorCode: string | null;
  readonly nonce: string | null;
}

/** Records a provider's delivery report on our message row; a failure becomes a 2FA event. */
export class DeliveryReportService {
  constructor(
    private readonly smsLog: SmsLog,
    private readonly limiter: RateLimiter,
    private readonly failures: DeliveryFailures,
  ) {}

  /** 'recorded', 'unknown' (no such message, or a status we do not know) or 'replayed'. */
  async record(report: DeliveryReport): Promise<'recorded' | 'unknown' | 'replayed'> {
    const status = report.status.toLowerCase();
    if (!KNOWN_STATUSES.has(status) || !report.messageUuid) return 'unknown';
    if (report.nonce) {
      const seen = await this.limiter.consume(`plivo:nonce:${report.nonce}`, { name: 'plivo_webhook_nonce', points: 1, windowSeconds: NONCE_MEMORY_SECONDS });
      if (!seen.allowed) return 'replayed';
    }
    const message = await this.smsLog.findByProviderMessageId(report.messageUuid.slice(0, 64));
    if (!message) return 'unknown';
    await this.smsLog.updateStatus(message.id, status, report.errorCode?.slice(0, 32) ?? null);
    if (FAILED_STATUSES.has(status)) {
      await this.failures.record({
        portalId: message.portalId,
        accountId: message.accountId,
        detail: `provider reported ${status}${report.errorCode ? ` (error ${report.errorCode})` : ''}`,
      });
    }
    return 'recorded';
  }
}
