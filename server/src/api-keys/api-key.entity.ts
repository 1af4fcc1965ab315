import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ID_LENGTH, TimeColumn } from '../db/columns';

@Entity('api_keys')
export class ApiKeyRow {
  @PrimaryColumn({ type: 'varchar', length: ID_LENGTH }) id: string;
  @Column({ name: 'portal_id', type: 'varchar', length: ID_LENGTH }) portalId: string;
  @Column({ type: 'varchar', length: 100 }) name: string;
  /** The recognisable start of the secret, shown in lists ("p2fa_3kd9x0aq"). */
  @Column({ type: 'varchar', length: 32 }) prefix: string;
  @Column({ name: 'secret_hash', type: 'varchar', length: 64 }) secretHash: string;
  @Column({ name: 'created_by', type: 'varchar', length: ID_LENGTH }) createdBy: string;
  @TimeColumn({ name: 'created_at' }) createdAt: Date;
  @TimeColumn({ name: 'last_used_at', nullable: true }) lastUsedAt: Date | null;
  @TimeColumn({ name: 'revoked_at', nullable: true }) revokedAt: Date | null;
  /** Which SECRET_KEY wrote the hash (lib/tokens.ts keyIdOf); null: before key ids were recorded. */
  @Column({ name: 'key_id', type: 'varchar', length: 16, nullable: true }) keyId?: string | null;
}
