import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ID_LENGTH, IntColumn, TimeColumn } from '../db/columns';

/**
 * A customer's authenticator app (RFC 6238). One per account. The shared secret is kept sealed
 * (lib/secret-box.ts), never in the clear and never shown after it was set up. It counts only once
 * confirmed with a code, and only under the 2FA generation it was made in (two-factor/totp.store.ts).
 */
@Entity('totp_factors')
export class TotpFactorRow {
  @PrimaryColumn({ name: 'account_id', type: 'varchar', length: ID_LENGTH }) accountId: string;
  @Column({ name: 'portal_id', type: 'varchar', length: ID_LENGTH }) portalId: string;
  @Column({ name: 'secret_box', type: 'varchar', length: 255 }) secretBox: string;
  /** Which SECRET_KEY sealed the secret (lib/tokens.ts keyIdOf). */
  @Column({ name: 'key_id', type: 'varchar', length: 16 }) keyId: string;
  @IntColumn() generation: number;
  /** Wrong codes while confirming the setup; the setup is dead at OTP_MAX_ATTEMPTS. */
  @IntColumn({ name: 'confirm_attempts' }) confirmAttempts: number;
  @TimeColumn({ name: 'confirmed_at', nullable: true }) confirmedAt: Date | null;
  /** The last time step whose code was accepted: a code of this step or an earlier one is refused. */
  @Column({ name: 'last_used_step', type: 'bigint', nullable: true, transformer: { to: (v: number | null) => v, from: (v: string | number | null) => (v === null ? null : Number(v)) } })
  lastUsedStep: number | null;
  @TimeColumn({ name: 'created_at' }) createdAt: Date;
}
