import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ID_LENGTH, TimeColumn } from '../db/columns';

export enum TwoFactorEventType {
  POLICY_ENABLED = 'POLICY_ENABLED',
  POLICY_DISABLED = 'POLICY_DISABLED',
  ENROLLMENT_STARTED = 'ENROLLMENT_STARTED',
  ENROLLMENT_CONFIRMED = 'ENROLLMENT_CONFIRMED',
  CODE_SENT = 'CODE_SENT',
  CODE_ACCEPTED = 'CODE_ACCEPTED',
  CODE_REJECTED = 'CODE_REJECTED',
  CHALLENGE_LOCKED = 'CHALLENGE_LOCKED',
  ACCOUNT_LOCKED = 'ACCOUNT_LOCKED',
  RESET = 'RESET',
  SMS_DELIVERY_FAILED = 'SMS_DELIVERY_FAILED',
  SMS_DELIVERY_REPORT = 'SMS_DELIVERY_REPORT',
  API_KEY_CREATED = 'API_KEY_CREATED',
  API_KEY_REVOKED = 'API_KEY_REVOKED',
  SECOND_FACTORS_CHANGED = 'SECOND_FACTORS_CHANGED',
  TOTP_SETUP_STARTED = 'TOTP_SETUP_STARTED',
  TOTP_ADDED = 'TOTP_ADDED',
  TOTP_REMOVED = 'TOTP_REMOVED',
  TOTP_ACCEPTED = 'TOTP_ACCEPTED',
  RECOVERY_CODES_ISSUED = 'RECOVERY_CODES_ISSUED',
  RECOVERY_CODE_USED = 'RECOVERY_CODE_USED',
  /** "Remind me later" during the enrollment grace period: signed in with the password alone. */
  ENROLLMENT_POSTPONED = 'ENROLLMENT_POSTPONED',
  /** A Master Admin changed the portal's enrollment grace period; detail: the new number of days. */
  ENROLLMENT_GRACE_CHANGED = 'ENROLLMENT_GRACE_CHANGED',
  PASSKEY_SETUP_STARTED = 'PASSKEY_SETUP_STARTED',
  PASSKEY_ADDED = 'PASSKEY_ADDED',
  PASSKEY_REMOVED = 'PASSKEY_REMOVED',
  PASSKEY_ACCEPTED = 'PASSKEY_ACCEPTED',
}

/** Append-only: nothing in the application updates these rows; retention deletes those past EVENT_RETENTION_DAYS. */
@Entity('two_factor_events')
export class TwoFactorEventRow {
  /** Auto-increment: the stable order a sync client pages by. BIGINT, so it arrives as a string. */
  @PrimaryColumn({ type: 'bigint', generated: 'increment' }) id: string;
  @Column({ name: 'portal_id', type: 'varchar', length: ID_LENGTH }) portalId: string;
  @Column({ type: 'varchar', length: 40 }) type: TwoFactorEventType;
  @Column({ name: 'customer_id', type: 'varchar', length: ID_LENGTH, nullable: true }) customerId: string | null;
  @Column({ name: 'admin_id', type: 'varchar', length: ID_LENGTH, nullable: true }) adminId: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) ip: string | null;
  @Column({ type: 'varchar', length: 255, nullable: true }) detail: string | null;
  @TimeColumn({ name: 'created_at' }) createdAt: Date;
}
