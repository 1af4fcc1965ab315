import type { EntityManager } from 'typeorm';
import type { Clock } from '../lib/clock';
import { newId } from '../lib/tokens';
import { SmsMessageRow } from './sms-message.entity';

/** What the log keeps of one text: who it was for and what the provider said. No text, no number. */
export interface SmsLogEntry {
  readonly portalId: string;
  readonly accountId: string;
  readonly provider: string;
  readonly providerMessageId: string | null;
  readonly status: string;
  readonly errorCode: string | null;
}

/** The only code that reads or writes sms_messages. */
export class SmsLog {
  constructor(
    private readonly db: EntityManager,
    private readonly clock: Clock,
  ) {}

  async record(e: SmsLogEntry): Promise<void> {
    const now = this.clock.now();
    await this.db.insert(SmsMessageRow, { id: newId(), ...e, createdAt: now, updatedAt: now });
  }

  findByProviderMessageId(providerMessageId: string): Promise<SmsMessageRow | null> {
    return this.db.findOneBy(SmsMessageRow, { providerMessageId });
  }

  async updateStatus(id: string, status: string, errorCode: string | null): Promise<void> {
    await this.db.update(SmsMessageRow, { id }, { status, errorCode, updatedAt: this.clock.now() });
  }

  /** The newest message of each account, for the admin's customer list. */
  async latestByAccount(accountIds: string[]): Promise<Map<string, SmsMessageRow>> {
    const latest = new Map<string, SmsMessageRow>();
    if (accountIds.length === 0) return latest;
    const messages = await this.db
      .createQueryBuilder(SmsMessageRow, 'm')
      .where('m.account_id IN (:...ids)', { ids: accountIds })
      .orderBy('m.created_at', 'DESC')
      .getMany();
    for (const m of messages) if (!latest.has(m.accountId)) latest.set(m.accountId, m);
    return latest;
  }
}
