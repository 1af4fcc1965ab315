import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ID_LENGTH, TimeColumn } from '../db/columns';

/** One SMS we handed to the provider, and the delivery status it reported back. No text, no number. */
@Entity('sms_messages')
export class SmsMessageRow {
  @PrimaryColumn({ type: 'varchar', length: ID_LENGTH }) id: string;
  @Column({ name: 'portal_id', type: 'varchar', length: ID_LENGTH }) portalId: string;
  @Column({ name: 'account_id', type: 'varchar', length: ID_LENGTH }) accountId: string;
  @Column({ type: 'varchar', length: 16 }) provider: string;
  @Column({ name: 'provider_message_id', type: 'varchar', length: 64, nullable: true }) providerMessageId: string | null;
  @Column({ type: 'varchar', length: 24 }) status: string;
  @Column({ name: 'error_code', type: 'varchar', length: 32, nullable: true }) errorCode: string | null;
  @TimeColumn({ name: 'created_at' }) createdAt: Date;
  @TimeColumn({ name: 'updated_at' }) updatedAt: Date;
}
