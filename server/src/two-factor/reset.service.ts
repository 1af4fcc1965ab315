import type { EntityManager } from 'typeorm';
import type { SessionService } from '../auth/session.service';
import type { Clock } from '../lib/clock';
import { AccountRow } from '../portals/account.entity';
import type { EnrollmentStore } from './enrollment.store';
import type { FactorService } from './factors.service';
import { TwoFactorEventType } from '../audit/event.entity';
import type { EventService } from '../audit/event.service';

/**
 * What a reset needs from the sign-in: end the account's open challenges and forget its wrong codes
 * (which lifts a lock that waits for an administrator). A port, so two-factor/ does not import the
 * sign-in folder above it; the composition root wires it to the challenge store and code checker.
 */
export interface OpenSignIns {
  endAllForAccount(m: EntityManager, accountId: string, now: Date): Promise<void>;
}

/**
 * RESET TWO FACTOR: one customer enrolls again, every factor gone (the phone, the app, the recovery
 * codes); nobody else is touched. It also ends the customer's run
 * of wrong codes, which is what lifts a lock that waits for an administrator.
 */
export class ResetService {
  constructor(
    private readonly db: EntityManager,
    private readonly enrollments: EnrollmentStore,
    private readonly factors: FactorService,
    private readonly sessions: SessionService,
    private readonly signIns: OpenSignIns,
    private readonly events: EventService,
    private readonly clock: Clock,
  ) {}

  /** False when there is no such customer in the admin's portal (another portal's id included). */
  async reset(admin: AccountRow, customerId: string, ip: string): Promise<boolean> {
    return this.db.transaction(async (m) => {
      const customer = await m.findOneBy(AccountRow, { id: customerId, portalId: admin.portalId, kind: 'customer' });
      if (!customer) return false;
      await this.enrollments.forget(m, customer);
      await this.sessions.endAllForAccount(m, customer.id);
      await this.signIns.endAllForAccount(m, customer.id, this.clock.now());
      await this.factors.forgetAll(m, customer.id);
      await this.events.record(
        { portalId: admin.portalId, type: TwoFactorEventType.RESET, customerId: customer.id, adminId: admin.id, ip },
        m,
      );
      return true;
    });
  }
}
