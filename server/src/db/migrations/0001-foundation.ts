import type { TableDef } from './ddl';

/** Portals, their profiles, companies and accounts; sessions; rate-limit windows. */
export const FOUNDATION_TABLES: readonly TableDef[] = [
  {
    name: 'portals',
    columns: [
      { name: 'id', type: 'id', primary: true },
      { name: 'slug', type: 'str(64)' },
      { name: 'name', type: 'str(200)' },
      { name: 'sms_countries', type: 'str(1000)', nullable: true },
      { name: 'two_factor_enabled', type: 'bool', default: false },
      { name: 'two_factor_generation', type: 'int', default: 1 },
      { name: 'two_factor_updated_at', type: 'bigint', nullable: true },
      { name: 'created_at', type: 'bigint' },
    ],
    indexes: [{ name: 'uq_portals_slug', columns: ['slug'], unique: true }],
  },
  {
    name: 'profiles',
    columns: [
      { name: 'id', type: 'id', primary: true },
      { name: 'portal_id', type: 'id' },
      { name: 'name', type: 'str(100)' },
      { name: 'master_admin', type: 'bool', default: false },
    ],
    indexes: [{ name: 'uq_profiles_portal_name', columns: ['portal_id', 'name'], unique: true }],
  },
  {
    name: 'companies',
    columns: [
      { name: 'id', type: 'id', primary: true },
      { name: 'portal_id', type: 'id' },
      { name: 'name', type: 'str(200)' },
      { name: 'created_at', type: 'bigint' },
    ],
    indexes: [{ name: 'ix_companies_portal_name', columns: ['portal_id', 'name', 'id'] }],
  },
  {
    name: 'accounts',
    columns: [
      { name: 'id', type: 'id', primary: true },
      { name: 'portal_id', type: 'id' },
      { name: 'kind', type: 'str(16)' },
      { name: 'username', type: 'str(191)' },
      { name: 'username_key', type: 'str(191)' },
      { name: 'password_hash', type: 'str(255)' },
      { name: 'display_name', type: 'str(200)' },
      { name: 'email', type: 'str(254)', nullable: true },
      { name: 'profile_id', type: 'id', nullable: true },
      { name: 'company_id', type: 'id', nullable: true },
      { name: 'phone_e164', type: 'str(20)', nullable: true },
      { name: 'phone_generation', type: 'int', nullable: true },
      { name: 'phone_enrolled_at', type: 'bigint', nullable: true },
      { name: 'created_at', type: 'bigint' },
    ],
    indexes: [
      { name: 'uq_accounts_portal_username', columns: ['portal_id', 'username_key'], unique: true },
      // Customer lists page by (portal, kind, username); the policy counts enrolled by generation.
      { name: 'ix_accounts_portal_kind_generation', columns: ['portal_id', 'kind', 'phone_generation'] },
      { name: 'ix_accounts_company_username', columns: ['company_id', 'username_key'] },
    ],
  },
  {
    name: 'sessions',
    columns: [
      { name: 'token_hash', type: 'str(64)', primary: true },
      { name: 'portal_id', type: 'id' },
      { name: 'account_id', type: 'id' },
      { name: 'account_kind', type: 'str(16)' },
      { name: 'two_factor_generation', type: 'int', nullable: true },
      { name: 'created_at', type: 'bigint' },
      { name: 'last_seen_at', type: 'bigint' },
    ],
    indexes: [
      { name: 'ix_sessions_account', columns: ['account_id'] },
      // Turning the policy on deletes a portal's customer sessions in one statement.
      { name: 'ix_sessions_portal_kind', columns: ['portal_id', 'account_kind'] },
    ],
  },
  {
    name: 'rate_counters',
    columns: [
      { name: 'counter_key', type: 'str(191)', primary: true },
      { name: 'hits', type: 'int' },
      { name: 'reset_at', type: 'bigint' },
    ],
    indexes: [{ name: 'ix_rate_counters_reset', columns: ['reset_at'] }],
  },
];
