import type { TableDef } from './ddl';

/** Read-only API keys for third parties, one portal each; only a keyed hash of the secret is kept. */
export const API_KEY_TABLES: readonly TableDef[] = [
  {
    name: 'api_keys',
    columns: [
      { name: 'id', type: 'id', primary: true },
      { name: 'portal_id', type: 'id' },
      { name: 'name', type: 'str(100)' },
      { name: 'prefix', type: 'str(32)' },
      { name: 'secret_hash', type: 'str(64)' },
      { name: 'created_by', type: 'id' },
      { name: 'created_at', type: 'bigint' },
      { name: 'last_used_at', type: 'bigint', nullable: true },
      { name: 'revoked_at', type: 'bigint', nullable: true },
    ],
    indexes: [
      { name: 'uq_api_keys_secret', columns: ['secret_hash'], unique: true },
      { name: 'ix_api_keys_portal', columns: ['portal_id', 'created_at'] },
    ],
  },
];
