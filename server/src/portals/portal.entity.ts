import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ID_LENGTH, IntColumn, TimeColumn } from '../db/columns';

@Entity('portals')
export class PortalRow {
  @PrimaryColumn({ type: 'varchar', length: ID_LENGTH })
  id: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  slug: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** ISO 3166 codes, comma separated, in the portal file's order (the first reads numbers without +). Null: all. */
  @Column({ name: 'sms_countries', type: 'varchar', length: 1000, nullable: true })
  smsCountries: string | null;

  @Column({ name: 'two_factor_enabled', type: 'boolean', default: false })
  twoFactorEnabled: boolean;

  /** Bumped when the policy is turned off: enrollments of an older generation no longer count. */
  @IntColumn({ name: 'two_factor_generation', default: 1 })
  twoFactorGeneration: number;

  /**
   * Which second factors customers may use, a comma list of two-factor/second-factor.ts names (SMS always
   * among them). Written by the policy's conditional UPDATE (two-factor/policy.service.ts).
   */
  @Column({ name: 'second_factors', type: 'varchar', length: 64, default: 'SMS' })
  secondFactors: string;

  /**
   * When the policy was last turned on: the enrollment grace period runs from here
   * (enrollment-grace.ts). Null while it has never been on.
   */
  @TimeColumn({ name: 'two_factor_enabled_at', nullable: true })
  twoFactorEnabledAt: Date | null;

  /** Days customers may postpone enrolling after the policy is turned on (0-30); 0: enrollment is forced at once. */
  @IntColumn({ name: 'enrollment_grace_days', default: 0 })
  enrollmentGraceDays: number;

  @TimeColumn({ name: 'two_factor_updated_at', nullable: true })
  twoFactorUpdatedAt: Date | null;

  /** Stored counts (portals/customer-counts.ts): the portal's customers, and those enrolled under its generation. */
  @IntColumn({ name: 'customer_count', default: 0 })
  customerCount: number;

  /** Moved by two-factor/enrollment.store.ts; the policy's UPDATE sets it to 0 as it bumps the generation. */
  @IntColumn({ name: 'enrolled_count', default: 0 })
  enrolledCount: number;

  @TimeColumn({ name: 'created_at' })
  createdAt: Date;

  /** The highest bcrypt cost a portal file imported here, null when none (auth/passwords.ts#checkPassword pads wrong answers to it). */
  @IntColumn({ name: 'legacy_password_cost', nullable: true })
  legacyPasswordCost: number | null;
}

export function smsCountryList(portal: Pick<PortalRow, 'smsCountries'>): string[] | null {
  return portal.smsCountries ? portal.smsCountries.split(',') : null;
}
