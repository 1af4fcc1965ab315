import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ID_LENGTH, IntColumn, TimeColumn } from '../db/columns';

/**
 * A customer's passkey (a WebAuthn credential): its id and public key as the authenticator gave them at
 * registration, and the signature counter it last showed. Nothing here is secret; what proves the
 * customer is the private key, which never leaves the authenticator. It counts only under the 2FA
 * generation it was made in (two-factor/passkey.store.ts passkeysActive).
 */
@Entity('passkeys')
export class PasskeyRow {
  @PrimaryColumn({ type: 'varchar', length: ID_LENGTH }) id: string;
  @Column({ name: 'account_id', type: 'varchar', length: ID_LENGTH }) accountId: string;
  @Column({ name: 'portal_id', type: 'varchar', length: ID_LENGTH }) portalId: string;
  /** Base64url, as WebAuthn's JSON carries it; unique per account. */
  @Column({ name: 'credential_id', type: 'varchar', length: 255 }) credentialId: string;
  /** The COSE public key, base64url. */
  @Column({ name: 'public_key', type: 'varchar', length: 1024 }) publicKey: string;
  /** The signature counter last accepted; an assertion must show a higher one (or both stay 0). */
  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } }) counter: number;
  /** Comma list of the transports the browser reported (usb, internal, hybrid…), passed back as hints. */
  @Column({ type: 'varchar', length: 128, nullable: true }) transports: string | null;
  /** WebAuthn's credentialDeviceType: `singleDevice` (kept on one authenticator) or `multiDevice` (synced). */
  @Column({ name: 'device_type', type: 'varchar', length: 16 }) deviceType: string;
  @IntColumn() generation: number;
  @TimeColumn({ name: 'created_at' }) createdAt: Date;
  @TimeColumn({ name: 'last_used_at', nullable: true }) lastUsedAt: Date | null;
}

/**
 * An open registration from the account page: the WebAuthn challenge the new credential must sign, for
 * the session that asked (a keyed hash of its token) and until `expiresAt`. One per account; used once.
 */
@Entity('passkey_setups')
export class PasskeySetupRow {
  @PrimaryColumn({ name: 'account_id', type: 'varchar', length: ID_LENGTH }) accountId: string;
  @Column({ name: 'portal_id', type: 'varchar', length: ID_LENGTH }) portalId: string;
  @Column({ name: 'session_hash', type: 'varchar', length: 64 }) sessionHash: string;
  @Column({ type: 'varchar', length: 128 }) challenge: string;
  @IntColumn() generation: number;
  @TimeColumn({ name: 'expires_at' }) expiresAt: Date;
  @TimeColumn({ name: 'created_at' }) createdAt: Date;
}
