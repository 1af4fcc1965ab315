import type { EntityManager, QueryDeepPartialEntity } from 'typeorm';
import type { Clock } from '../lib/clock';
import type { AccountRow } from '../portals/account.entity';
import { PortalRow } from '../portals/portal.entity';
import type { SessionService } from '../auth/session.service';
import { TwoFactorEventType } from '../audit/event.entity';
import type { EventService } from '../audit/event.service';
import { allowedFactors, factorsColumn, type SecondFactor } from './second-factor';
import { graceEndsAt, graceRunning } from '../portals/enrollment-grace';

export interface PolicyView {
  enabled: boolean;
  updatedAt: Date | null;
  customerCount: number;
  enrolledCount: number;
  factors: SecondFactor[];
  enrollmentGraceDays: number;
  /** The current (or last) grace deadline; null when the policy is off or the portal grants none. */
  graceEndsAt: Date | null;
  /** Customers still in grace: the not-enrolled ones while the deadline is ahead, from the stored counts. */
  inGraceCount: number;
}

/**
 * The portal's 2FA switch. Each change is a constant number of statements whatever the number of
 * customers: turning off bumps the generation (every enrollment goes stale at once), turning on
 * deletes the customer sessions that passed no code under the current generation.
 */
export class PolicyService {
  constructor(
    private readonly db: EntityManager,
    private readonly sessions: SessionService,
    private readonly events: EventService,
    private readonly clock: Clock,
  ) {}

  /** The counts are the portal's stored ones (portals/customer-counts.ts): one read of one row. */
  async read(portalId: string): Promise<PolicyView> {
    const portal = await this.db.findOneByOrFail(PortalRow, { id: portalId });
    const inGrace = graceRunning(portal, this.clock.now()) !== null;
    return {
      enabled: portal.twoFactorEnabled,
      updatedAt: portal.twoFactorUpdatedAt,
      customerCount: portal.customerCount,
      enrolledCount: portal.enrolledCount,
      factors: allowedFactors(portal),
      enrollmentGraceDays: portal.enrollmentGraceDays,
      graceEndsAt: graceEndsAt(portal),
      inGraceCount: inGrace ? Math.max(0, portal.customerCount - portal.enrolledCount) : 0,
    };
  }

  /**
   * Turns 2FA on in the admin's portal. Customer sessions that passed no code under the current
   * generation end in the same transaction. Already on: nothing changes.
   */
  async enable(admin: AccountRow, ip: string): Promise<PolicyView> {
    const portalId = admin.portalId;
    await this.db.transaction(async (m) => {
      // The grace period (if the portal grants one) starts again from this moment: enrollment-grace.ts.
      const now = this.clock.now();
      if (!(await this.flip(m, portalId, { twoFactorEnabled: true, twoFactorUpdatedAt: now, twoFactorEnabledAt: now }, false))) return;
      const portal = await m.findOneByOrFail(PortalRow, { id: portalId });
      await this.sessions.endCustomerSessionsNotUnder(m, portalId, portal.twoFactorGeneration);
      await this.events.record({ portalId, type: TwoFactorEventType.POLICY_ENABLED, adminId: admin.id, ip }, m);
    });
    return this.read(portalId);
  }

  /**
   * Turns 2FA off in the admin's portal and bumps the generation: every enrollment and every open
   * challenge goes stale at once, in one statement. Already off: nothing changes.
   */
  async disable(admin: AccountRow, ip: string): Promise<PolicyView> {
    const portalId = admin.portalId;
    await this.db.transaction(async (m) => {
      // Every enrollment goes stale with the old generation, so the stored count is 0 in the same UPDATE.
      const off = {
        twoFactorEnabled: false,
        twoFactorUpdatedAt: this.clock.now(),
        twoFactorGeneration: () => 'two_factor_generation + 1',
        enrolledCount: 0,
      };
      if (!(await this.flip(m, portalId, off, true))) return;
      await this.events.record({ portalId, type: TwoFactorEventType.POLICY_DISABLED, adminId: admin.id, ip }, m);
    });
    return this.read(portalId);
  }

  /**
   * Which second factors the portal's customers may use (SMS always). An app stops counting while its
   * factor is not offered and counts again when it is (two-factor/totp.store.ts totpActive); nothing is
   * deleted. One conditional UPDATE: nothing changes, and no event, when the choice is the stored one.
   */
  async setFactors(admin: AccountRow, chosen: readonly SecondFactor[], ip: string): Promise<PolicyView> {
    const portalId = admin.portalId;
    const column = factorsColumn(chosen);
    await this.db.transaction(async (m) => {
      const r = await m
        .createQueryBuilder()
        .update(PortalRow)
        .set({ secondFactors: column, twoFactorUpdatedAt: this.clock.now() })
        .where('id = :id AND second_factors <> :column', { id: portalId, column })
        .execute();
      if (r.affected !== 1) return;
      await this.events.record({ portalId, type: TwoFactorEventType.SECOND_FACTORS_CHANGED, adminId: admin.id, ip, detail: column }, m);
    });
    return this.read(portalId);
  }

  /**
   * How many days customers may postpone enrolling after the policy is turned on (0-30, checked by the
   * caller). The deadline is computed from the policy's last turn-on, so a change moves it at once for
   * everyone not enrolled: fewer days can end the grace period now, more can reopen it. One conditional
   * UPDATE: the same value again changes nothing and records nothing.
   */
  async setGraceDays(admin: AccountRow, days: number, ip: string): Promise<PolicyView> {
    const portalId = admin.portalId;
    await this.db.transaction(async (m) => {
      const r = await m
        .createQueryBuilder()
        .update(PortalRow)
        .set({ enrollmentGraceDays: days })
        .where('id = :id AND enrollment_grace_days <> :days', { id: portalId, days })
        .execute();
      if (r.affected !== 1) return;
      await this.events.record(
        { portalId, type: TwoFactorEventType.ENROLLMENT_GRACE_CHANGED, adminId: admin.id, ip, detail: `${days} days` },
        m,
      );
    });
    return this.read(portalId);
  }

  /** The conditional UPDATE is the decision: of two admins flipping at once, one changes it. */
  private async flip(m: EntityManager, portalId: string, set: QueryDeepPartialEntity<PortalRow>, was: boolean): Promise<boolean> {
    const r = await m
      .createQueryBuilder()
      .update(PortalRow)
      .set(set)
      .where('id = :id AND two_factor_enabled = :was', { id: portalId, was })
      .execute();
    return r.affected === 1;
  }
}
