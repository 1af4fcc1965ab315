import type { EntityManager } from 'typeorm';
import type { Clock } from '../lib/clock';
import { AccountRow } from '../portals/account.entity';
import { PortalRow } from '../portals/portal.entity';
import { ProfileRow } from '../portals/profile.entity';
import type { SessionService } from '../auth/session.service';
import type { EnrollmentStore } from './enrollment.store';
import { TwoFactorEventType } from './event.entity';
import type { EventService } from './event.service';

export interface PolicyView {
  enabled: boolean;
  updatedAt: Date | null;
  customerCount: number;
  enrolledCount: number;
}

export type PolicyChange = { ok: true; policy: PolicyView } | { ok: false; reason: 'not_master_admin' };

/**
 * The portal's 2FA switch. Each change is a constant number of statements whatever the number of
 * customers: turning off bumps the generation (every enrollment goes stale at once), turning on
 * deletes the customer sessions that passed no code under the current generation.
 */
export class PolicyService {
  constructor(
    private readonly db: EntityManager,
    private readonly sessions: SessionService,
    private readonly enrollments: EnrollmentStore,
    private readonly events: EventService,
    private readonly clock: Clock,
  ) {}

  async isMasterAdmin(admin: AccountRow): Promise<boolean> {
    if (admin.kind !== 'admin' || !admin.profileId) return false;
    const profile = await this.db.findOneBy(ProfileRow, { id: admin.profileId, portalId: admin.portalId });
    return profile?.masterAdmin === true;
  }

  async read(portalId: string): Promise<PolicyView> {
    const portal = await this.db.findOneByOrFail(PortalRow, { id: portalId });
    return this.view(this.db, portal);
  }

  async set(admin: AccountRow, enabled: boolean, ip: string): Promise<PolicyChange> {
    if (!(await this.isMasterAdmin(admin))) return { ok: false, reason: 'not_master_admin' };
    const portalId = admin.portalId;
    await this.db.transaction(async (m) => {
      const now = this.clock.now();
      // The conditional UPDATE is the decision: of two admins flipping at once, one changes it.
      const flipped = await m
        .createQueryBuilder()
        .update(PortalRow)
        .set(
          enabled
            ? { twoFactorEnabled: true, twoFactorUpdatedAt: now }
            : { twoFactorEnabled: false, twoFactorUpdatedAt: now, twoFactorGeneration: () => 'two_factor_generation + 1' },
        )
        .where('id = :id AND two_factor_enabled = :was', { id: portalId, was: !enabled })
        .execute();
      if (flipped.affected !== 1) return; // already so: nothing changes
      if (enabled) {
        const portal = await m.findOneByOrFail(PortalRow, { id: portalId });
        await this.sessions.endCustomerSessionsNotUnder(m, portalId, portal.twoFactorGeneration);
      }
      await this.events.record(
        { portalId, type: enabled ? TwoFactorEventType.POLICY_ENABLED : TwoFactorEventType.POLICY_DISABLED, adminId: admin.id, ip },
        m,
      );
    });
    return { ok: true, policy: await this.read(portalId) };
  }

  private async view(m: EntityManager, portal: PortalRow): Promise<PolicyView> {
    const [customerCount, enrolledCount] = await Promise.all([
      m.createQueryBuilder(AccountRow, 'a')
        .where('a.portal_id = :p AND a.kind = :k', { p: portal.id, k: 'customer' })
        .getCount(),
      this.enrollments.countEnrolled(m, portal),
    ]);
    return { enabled: portal.twoFactorEnabled, updatedAt: portal.twoFactorUpdatedAt, customerCount, enrolledCount };
  }
}
