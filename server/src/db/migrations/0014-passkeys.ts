import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { Dialect } from '../data-source';
import { createTableSql, dropTableSql, type TableDef } from './ddl';

/**
 * Passkeys (WebAuthn) as a second factor (docs/SECURITY.md, Second factors):
 * - `passkeys`: the customer's credentials, each its public key and signature counter; like the other
 *   factor rows it carries the 2FA generation it was made under and counts only under it.
 * - `passkey_setups`: one open registration per account, bound to the session that asked for it, with
 *   the WebAuthn challenge it must answer and when it stops.
 * - `login_challenges.passkey_challenge`: the WebAuthn challenge a sign-in's assertion must sign.
 */
export const PASSKEY_TABLES: readonly TableDef[] = [
  {
    name: 'passkeys',
    columns: [
      { name: 'id', type: 'id', primary: true },
      { name: 'account_id', type: 'id' },
      { name: 'portal_id', type: 'id' },
      // Base64url of the credential id: WebAuthn caps ids at 1023 bytes, authenticators use 16 to 64.
      { name: 'credential_id', type: 'str(255)' },
      { name: 'public_key', type: 'str(1024)' },
      { name: 'counter', type: 'bigint', default: 0 },
      { name: 'transports', type: 'str(128)', nullable: true },
      { name: 'device_type', type: 'str(16)' },
      { name: 'generation', type: 'int' },
      { name: 'created_at', type: 'bigint' },
      { name: 'last_used_at', type: 'bigint', nullable: true },
    ],
    indexes: [{ name: 'ux_passkeys_account_credential', columns: ['account_id', 'credential_id'], unique: true }],
  },
  {
    name: 'passkey_setups',
    columns: [
      { name: 'account_id', type: 'id', primary: true },
      { name: 'portal_id', type: 'id' },
      { name: 'session_hash', type: 'str(64)' },
      { name: 'challenge', type: 'str(128)' },
      { name: 'generation', type: 'int' },
      { name: 'expires_at', type: 'bigint' },
      { name: 'created_at', type: 'bigint' },
    ],
  },
];

export function passkeysMigration(name: string, dialect: Dialect): new () => MigrationInterface {
  const q = (n: string): string => (dialect === 'mysql' ? `\`${n}\`` : `"${n}"`);
  const column = dialect === 'mysql' ? 'VARCHAR(128) NULL' : 'TEXT NULL';
  const cls = class implements MigrationInterface {
    name = name;
    async up(runner: QueryRunner): Promise<void> {
      await runner.query(`ALTER TABLE ${q('login_challenges')} ADD COLUMN ${q('passkey_challenge')} ${column}`);
      for (const t of PASSKEY_TABLES) for (const sql of createTableSql(dialect, t)) await runner.query(sql);
    }
    async down(runner: QueryRunner): Promise<void> {
      for (const t of [...PASSKEY_TABLES].reverse()) await runner.query(dropTableSql(dialect, t.name));
      await runner.query(`ALTER TABLE ${q('login_challenges')} DROP COLUMN ${q('passkey_challenge')}`);
    }
  };
  Object.defineProperty(cls, 'name', { value: name });
  return cls;
}
