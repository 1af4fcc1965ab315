import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { Dialect } from '../data-source';

/**
 * portals.legacy_password_cost: the highest bcrypt cost a portal file imported into the portal (null:
 * none). In such a portal a wrong password is made to cost one bcrypt run at that cost too, whatever
 * the account, so bcrypt accounts cannot be told apart by time (docs/SECURITY.md, Accounts and enumeration).
 */
export function legacyPasswordCostMigration(name: string, dialect: Dialect): new () => MigrationInterface {
  const q = (n: string): string => (dialect === 'mysql' ? `\`${n}\`` : `"${n}"`);
  const type = dialect === 'mysql' ? 'INT' : 'INTEGER';
  const cls = class implements MigrationInterface {
    name = name;
    async up(runner: QueryRunner): Promise<void> {
      await runner.query(`ALTER TABLE ${q('portals')} ADD COLUMN ${q('legacy_password_cost')} ${type} NULL`);
    }
    async down(runner: QueryRunner): Promise<void> {
      await runner.query(`ALTER TABLE ${q('portals')} DROP COLUMN ${q('legacy_password_cost')}`);
    }
  };
  Object.defineProperty(cls, 'name', { value: name });
  return cls;
}
