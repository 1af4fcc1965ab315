import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ID_LENGTH, IntColumn, TimeColumn } from '../db/columns';
import type { ChallengeStep } from './challenge-step';

/**
 * A sign-in that is not finished (see challenge.rules.ts for its steps). Holds keyed hashes only: the
 * client's token and the current code are never stored in the clear.
 */
@Entity('login_challenges')
export class ChallengeRow {
  @PrimaryColumn({ type: 'varchar', length: ID_LENGTH }) id: string;
  @Column({ name: 'token_hash', type: 'varchar', length: 64 }) tokenHash: string;
  @Column({ name: 'portal_id', type: 'varchar', length: ID_LENGTH }) portalId: string;
  @Column({ name: 'account_id', type: 'varchar', length: ID_LENGTH }) accountId: string;
  @Column({ type: 'varchar', length: 24 }) step: ChallengeStep;
  @IntColumn({ name: 'policy_generation' }) policyGeneration: number;
  @Column({ name: 'code_hash', type: 'varchar', length: 64, nullable: true }) codeHash: string | null;
  @Column({ name: 'phone_e164', type: 'varchar', length: 20, nullable: true }) phoneE164: string | null;
  @TimeColumn({ name: 'code_expires_at', nullable: true }) codeExpiresAt: Date | null;
  /** The IP key charged for the current code's text (see CodeSender): refunded when that code is used. */
  @Column({ name: 'code_ip_key', type: 'varchar', length: 64, nullable: true }) codeIpKey: string | null;
  @TimeColumn({ name: 'expires_at' }) expiresAt: Date;
  @IntColumn() attempts: number;
  @IntColumn() sends: number;
  @TimeColumn({ name: 'last_sent_at', nullable: true }) lastSentAt: Date | null;
  @TimeColumn({ name: 'resend_available_at', nullable: true }) resendAvailableAt: Date | null;
  @TimeColumn({ name: 'consumed_at', nullable: true }) consumedAt: Date | null;
  @TimeColumn({ name: 'created_at' }) createdAt: Date;
  /** At VERIFY_PASSKEY: the WebAuthn challenge (base64url) the assertion must sign; the sign-in's own, used once with it. */
  @Column({ name: 'passkey_challenge', type: 'varchar', length: 128, nullable: true }) passkeyChallenge?: string | null;
  /** Which SECRET_KEY wrote token_hash (lib/tokens.ts keyIdOf); null: before key ids were recorded. */
  @Column({ name: 'key_id', type: 'varchar', length: 16, nullable: true }) keyId?: string | null;
}
