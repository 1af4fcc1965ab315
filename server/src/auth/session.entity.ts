import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ID_LENGTH, IntColumn, TimeColumn } from '../db/columns';
import type { AccountKindValue } from '../portals/account.entity';

/** A signed-in browser. The row's id is a keyed hash of the cookie's token, never the token itself. */
@Entity('sessions')
export class SessionRow {
  @PrimaryColumn({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ name: 'portal_id', type: 'varchar', length: ID_LENGTH })
  portalId: string;

  @Column({ name: 'account_id', type: 'varchar', length: ID_LENGTH })
  accountId: string;

  @Column({ name: 'account_kind', type: 'varchar', length: 16 })
  accountKind: AccountKindValue;

  /** The policy generation under which this session passed an SMS code; null if it passed none. */
  @IntColumn({ name: 'two_factor_generation', nullable: true })
  twoFactorGeneration: number | null;

  /**
   * The policy generation under which "Remind me later" let this session in without a code during the
   * portal's enrollment grace period (portals/enrollment-grace.ts); null for every other session.
   */
  @IntColumn({ name: 'postponed_generation', nullable: true })
  postponedGeneration?: number | null;

  @TimeColumn({ name: 'created_at' })
  createdAt: Date;

  @TimeColumn({ name: 'last_seen_at' })
  lastSeenAt: Date;

  /** Which SECRET_KEY wrote the hash (lib/tokens.ts keyIdOf); null: before key ids were recorded. */
  @Column({ name: 'key_id', type: 'varchar', length: 16, nullable: true })
  keyId?: string | null;
}
