import type { TableDef } from './ddl';

/** The sign-in challenge, the 2FA event log, and SMS messages with their delivery status. */
export const TWO_FACTOR_TABLES: readonly TableDef[] = [
  {
    name: 'login_challenges',
    columns: [
      { name: 'id', type: 'id', primary: true },
      { name: 'token_hash', type: 'str(64)' },
      { name: 'portal_id', type: 'id' },
      { name: 'account_id', type: 'id' },
      { name: 'step', type: 'str(24)' },
      { name: 'policy_generation', type: 'int' },
      { name: 'code_hash', type: 'str(64)', nullable: true },
      { name: 'phone_e164', type: 'str(20)', nullable: true },
      { name: 'code_expires_at', type: 'bigint', nullable: true },
      { name: 'expires_at', type: 'bigint' },
      { name: 'attempts', type: 'int', default: 0 },
      { name: 'sends', type: 'int', default: 0 },
      { name: 'last_sent_at', type: 'bigint', nullable: true },
      { name: 'resend_available_at', type: 'bigint', nullable: true },
      { name: 'consumed_at', type: 'bigint', nullable: true },
      { name: 'created_at', type: 'bigint' },
    ],
    indexes: [
      { name: 'uq_login_challenges_token', columns: ['token_hash'], unique: true },
      { name: 'ix_login_challenges_account', columns: ['account_id', 'consumed_at'] },
    ],
  },
  {
    name: 'two_factor_events',
    columns: [
      { name: 'id', type: 'autoid' },
      { name: 'portal_id', type: 'id' },
      { name: 'type', type: 'str(40)' },
      { name: 'customer_id', type: 'id', nullable: true },
      { name: 'admin_id', type: 'id', nullable: true },
      { name: 'ip', type: 'str(64)', nullable: true },
      { name: 'detail', type: 'str(255)', nullable: true },
      { name: 'created_at', type: 'bigint' },
    ],
    indexes: [
      { name: 'ix_events_portal_id', columns: ['portal_id', 'id'] },
      { name: 'ix_events_portal_customer_id', columns: ['portal_id', 'customer_id', 'id'] },
      { name: 'ix_events_portal_type_id', columns: ['portal_id', 'type', 'id'] },
    ],
  },
  {
    name: 'sms_messages',
    columns: [
      { name: 'id', type: 'id', primary: true },
      { name: 'portal_id', type: 'id' },
      { name: 'account_id', type: 'id' },
      { name: 'provider', type: 'str(16)' },
      { name: 'provider_message_id', type: 'str(64)', nullable: true },
      { name: 'status', type: 'str(24)' },
      { name: 'error_code', type: 'str(32)', nullable: true },
      { name: 'created_at', type: 'bigint' },
      { name: 'updated_at', type: 'bigint' },
    ],
    indexes: [
      { name: 'ix_sms_messages_provider_id', columns: ['provider_message_id'] },
      { name: 'ix_sms_messages_account_created', columns: ['account_id', 'created_at'] },
    ],
  },
];
