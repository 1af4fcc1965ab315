import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ID_LENGTH, IntColumn, TimeColumn } from '../db/columns';

/**
 * One single-use recovery code of a customer's current set, as a keyed hash (lib/tokens.ts): the
 * codes themselves are shown once and never stored. A new set deletes the old one.
 */
@Entity('recovery_codes')
export class RecoveryCodeRow {
  @PrimaryColumn({ type: 'varchar', length: ID_LENGTH }) id: string;
  @Column({ name: 'account_id', type: 'varchar', length: ID_LENGTH }) accountId: string;
  @Column({ name: 'portal_id', type: 'varchar', length: ID_LENGTH }) portalId: string;
  @Column({ name: 'code_hash', type: 'varchar', length: 64 }) codeHash: string;
  @Column({ name: 'key_id', type: 'varchar', length: 16 }) keyId: string;
  @IntColumn() generation: number;
  @TimeColumn({ name: 'used_at', nullable: true }) usedAt: Date | null;
  @TimeColumn({ name: 'created_at' }) createdAt: Date;
}
