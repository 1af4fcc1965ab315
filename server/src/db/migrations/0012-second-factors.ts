import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { Dialect } from '../data-source';
import { createTableSql, dropTableSql, type TableDef } from './ddl';

/**
 * Second factors beside the SMS phone (docs/SECURITY.md, Second factors):
 * - `portals.second_factors`: which factors the portal's customers may use, a comma list of
 *   `two-factor/second-factor.ts` names; SMS is always in it, so the default keeps today's flow.
 * - `totp_factors`: one authenticator app per account, its secret encrypted (lib/secret-box.ts).
 * - `recovery_codes`: ten single-use codes per set, kept as keyed hashes.
 * Each factor row carries the 2FA generation it was made under and counts only under it, like the phone
 * columns: turning the policy off and on stays one UPDATE of the portal row.
 */
export const SECOND_FACTOR_TABLES: readonly TableDef[] = [
  {
    name: 'totp_factors',
    columns: [
      { name: 'account_id', type: 'id', primary: true },
      { name: 'portal_id', type: 'id' },
      { name: 'secret_box', type: 'str(255)' },
      { name: 'key_id', type: 'str(16)' },
      { name: 'generation', type: 'int' },
      { name: 'confirm_attempts', type: 'int', default: 0 },
      { name: 'confirmed_at', type: 'bigint', nullable: true },
      { name: 'last_used_step', type: 'bigint', nullable: true },
      { name: 'created_at', type: 'bigint' },
    ],
  },
  {
    name: 'recovery_codes',
    columns: [
      { name: 'id', type: 'id', primary: true },
      { name: 'account_id', type: 'id' },
      { name: 'portal_id', type: 'id' },
      { name: 'code_hash', type: 'str(64)' },
      { name: 'key_id', type: 'str(16)' },
      { name: 'generation', type: 'int' },
      { name: 'used_at', type: 'bigint', nullable: true },
      { name: 'created_at', type: 'bigint' },
    ],
    indexes: [{ name: 'ix_recovery_codes_account', columns: ['account_id', 'used_at'] }],
  },
];

export function secondFactorsMigration(name: string, dialect: Dialect): new () => MigrationInterface {
  const q = (n: string): string => (dialect === 'mysql' ? `\`${n}\`` : `"${n}"`);
  const column = dialect === 'mysql' ? "VARCHAR(64) NOT NULL DEFAULT 'SMS'" : "TEXT NOT NULL DEFAULT 'SMS'";
  const cls = class implements MigrationInterface {
    name = name;
    async up(runner: QueryRunner): Promise<void> {
      await runner.query(`ALTER TABLE ${q('portals')} ADD COLUMN ${q('second_factors')} ${column}`);
      for (const t of SECOND_FACTOR_TABLES) for (const sql of createTableSql(dialect, t)) await runner.query(sql);
    }
    async down(runner: QueryRunner): Promise<void> {
      for (const t of [...SECOND_FACTOR_TABLES].reverse()) await runner.query(dropTableSql(dialect, t.name));
      await runner.query(`ALTER TABLE ${q('portals')} DROP COLUMN ${q('second_factors')}`);
    }
  };
  Object.defineProperty(cls, 'name', { value: name });
  return cls;
}
