import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { Dialect } from '../data-source';

/**
 * The IP key whose per-IP SMS budget paid for a challenge's current code. When that code signs someone
 * in (or confirms a phone), the hit goes back to that key: the per-IP limit counts codes nobody used.
 */
export function codeIpKeyMigration(name: string, dialect: Dialect): new () => MigrationInterface {
  const q = (n: string): string => (dialect === 'mysql' ? `\`${n}\`` : `"${n}"`);
  const type = dialect === 'mysql' ? 'VARCHAR(64)' : 'TEXT';
  const cls = class implements MigrationInterface {
    name = name;
    async up(runner: QueryRunner): Promise<void> {
      await runner.query(`ALTER TABLE ${q('login_challenges')} ADD COLUMN ${q('code_ip_key')} ${type} NULL`);
    }
    async down(runner: QueryRunner): Promise<void> {
      await runner.query(`ALTER TABLE ${q('login_challenges')} DROP COLUMN ${q('code_ip_key')}`);
    }
  };
  Object.defineProperty(cls, 'name', { value: name });
  return cls;
}
