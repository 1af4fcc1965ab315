import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ID_LENGTH, IntColumn, TimeColumn } from '../db/columns';

export type AccountKindValue = 'admin' | 'customer';

/**
 * Admins and customers share one table because a username is unique within a portal across both,
 * and sign-in looks an account up by (portal, username) before it knows which kind it is.
 */
@Entity('accounts')
export class AccountRow {
  @PrimaryColumn({ type: 'varchar', length: ID_LENGTH })
  id: string;

  @Column({ name: 'portal_id', type: 'varchar', length: ID_LENGTH })
  portalId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: AccountKindValue;

  @Column({ type: 'varchar', length: 191 })
  username: string;

  /**
   * identityKey(username) (lib/identity-key.ts): the unique key, so "Bob" and "bob" are one account.
   * Compared in binary on MySQL too (migration 0004), so only this form finds the row.
   */
  @Column({ name: 'username_key', type: 'varchar', length: 191 })
  usernameKey: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash: string;

  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName: string;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ name: 'profile_id', type: 'varchar', length: ID_LENGTH, nullable: true })
  profileId: string | null;

  @Column({ name: 'company_id', type: 'varchar', length: ID_LENGTH, nullable: true })
  companyId: string | null;

  /** E.164 of the enrolled phone; counts only while phoneGeneration equals the portal's generation. */
  @Column({ name: 'phone_e164', type: 'varchar', length: 20, nullable: true })
  phoneE164: string | null;

  @IntColumn({ name: 'phone_generation', nullable: true })
  phoneGeneration: number | null;

  @TimeColumn({ name: 'phone_enrolled_at', nullable: true })
  phoneEnrolledAt: Date | null;

  @TimeColumn({ name: 'created_at' })
  createdAt: Date;
}
