import type { DataSource } from 'typeorm';
import type { Clock } from '../lib/clock';
import { AccountRow } from '../portals/account.entity';
import { SessionRow } from '../auth/session.entity';
import type { ChallengeStore } from '../sign-in/challenge.store';
import type { CodeChecker } from '../sign-in/code-checker';
import { TwoFactorEventType } from './event.entity';
import type { EventService } from './event.service';

/**
 * RESET TWO FACTOR: one customer enrolls again; nobody else is touched. It also ends the customer's run
 * of wrong codes, which is what lifts a lock that waits for an administrator.
 */
export class ResetService {
  constructor(
    private readonly ds: DataSource,
    private readonly store: ChallengeStore,
    private readonly checker: CodeChecker,
    private readonly events: EventService,
    private readonly clock: Clock,
  ) {}

  /** False when there is no such customer in the admin's portal (another portal's id included). */
  async reset(admin: AccountRow, customerId: string, ip: string): Promise<boolean> {
    return this.ds.transaction(async (m) => {
      const customer = await m.findOneBy(AccountRow, { id: customerId, portalId: admin.portalId, kind: 'customer' });
      if (!customer) return false;
      await m.update(
        AccountRow,
        { id: customer.id, portalId: admin.portalId },
        { phoneE164: null, phoneGeneration: null, phoneEnrolledAt: null },
      );
      await m.delete(SessionRow, { accountId: customer.id });
      await this.store.endAllForAccount(m, customer.id, this.clock.now());
      await this.checker.forgetWrongCodes(m, customer.id);
      await this.events.record(
        { portalId: admin.portalId, type: TwoFactorEventType.RESET, customerId: customer.id, adminId: admin.id, ip },
        m,
      );
      return true;
    });
  }
}
