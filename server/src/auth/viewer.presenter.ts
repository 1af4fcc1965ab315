import type { DirectoryService } from '../portals/directory.service';
import type { AccountRow } from '../portals/account.entity';
import type { PortalRow } from '../portals/portal.entity';
import { ProfileRow } from '../portals/profile.entity';
import { type Customer, TwoFactorStatus } from '../portals/customer.types';
import { maskPhoneNumber } from '../lib/phone-number';
import type { Clock } from '../lib/clock';
import { customerStatus } from '../portals/customer-status';
import { allowedFactors } from '../two-factor/second-factor';
import type { EntityManager } from 'typeorm';
import { AccountKind, type Viewer } from './viewer.types';

/** Builds the `Viewer` for a signed-in account: its portal, and its profile (admins) or customer record. */
export class ViewerPresenter {
  constructor(
    private readonly db: EntityManager,
    private readonly directory: DirectoryService,
    private readonly clock: Clock,
  ) {}

  /** `profile`: the admin's profile when the caller already read it (a session resolve joins it). */
  async present(account: AccountRow, portal: PortalRow, profile?: ProfileRow | null): Promise<Viewer> {
    const admin = account.kind === 'admin';
    const adminProfile =
      admin && account.profileId
        ? profile !== undefined
          ? profile
          : await this.db.findOneBy(ProfileRow, { id: account.profileId, portalId: portal.id })
        : null;
    return {
      id: account.id,
      kind: admin ? AccountKind.ADMIN : AccountKind.CUSTOMER,
      username: account.username,
      displayName: account.displayName,
      portal: { slug: portal.slug, name: portal.name, secondFactors: allowedFactors(portal) },
      profile: adminProfile ? { name: adminProfile.name, masterAdmin: adminProfile.masterAdmin } : null,
      customer: admin ? null : this.lazyCustomer(account, portal),
    };
  }

  /**
   * The customer record, read only if the query asks for it: a field's value may be a promise, so
   * `viewer { customer { … } }` costs its reads (company, counts, last SMS) only when selected, and a
   * sign-in's answer that does not select it costs none (docs/PERFORMANCE.md, Round trips).
   */
  private lazyCustomer(account: AccountRow, portal: PortalRow): Customer {
    let read: Promise<Customer> | null = null;
    const { status, graceEndsAt } = customerStatus(account, portal, this.clock.now());
    const enrolled = status === TwoFactorStatus.ENROLLED;
    const full = () => (read ??= this.directory.toCustomers([account], portal).then((rows) => rows[0]));
    return {
      get id() { return account.id; },
      get username() { return account.username; },
      get displayName() { return account.displayName; },
      get email() { return account.email; },
      get company() { return full().then((c) => c.company); },
      // Status and phone come from the account and the portal at hand (the one rule, isEnrolled); only
      // the last SMS needs a read.
      twoFactor: {
        status,
        maskedPhone: enrolled && account.phoneE164 ? maskPhoneNumber(account.phoneE164) : null,
        enrolledAt: enrolled ? account.phoneEnrolledAt : null,
        graceEndsAt,
        get lastSmsStatus() { return full().then((c) => c.twoFactor.lastSmsStatus); },
        get lastSmsAt() { return full().then((c) => c.twoFactor.lastSmsAt); },
        get factors() { return full().then((c) => c.twoFactor.factors); },
        get recoveryCodesRemaining() { return full().then((c) => c.twoFactor.recoveryCodesRemaining); },
        get authenticatorAppAddedAt() { return full().then((c) => c.twoFactor.authenticatorAppAddedAt); },
        get passkeys() { return full().then((c) => c.twoFactor.passkeys); },
      },
    } as unknown as Customer;
  }
}
