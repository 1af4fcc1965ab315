import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { Dialect } from '../data-source';

/**
 * The enrollment grace period (docs/SECURITY.md, Enrollment grace period):
 * - `portals.enrollment_grace_days`: how many days customers may postpone enrolling once the policy is
 *   turned on; 0 (the default) keeps the forced enrollment of every portal as it was.
 * - `portals.two_factor_enabled_at`: when the policy was last turned on (epoch ms), where the grace
 *   period starts. Portals already on take their last policy change as that moment, the closest the
 *   rows remember; with 0 days it changes nothing.
 * - `sessions.postponed_generation`: the policy generation under which a session was let in without a
 *   code by "Remind me later"; null for every other session.
 */
export function enrollmentGraceMigration(name: string, dialect: Dialect): new () => MigrationInterface {
  const q = (n: string): string => (dialect === 'mysql' ? `\`${n}\`` : `"${n}"`);
  const int = dialect === 'mysql' ? 'INT' : 'INTEGER';
  const bigint = dialect === 'mysql' ? 'BIGINT' : 'INTEGER';
  const cls = class implements MigrationInterface {
    name = name;
    async up(runner: QueryRunner): Promise<void> {
      await runner.query(`ALTER TABLE ${q('portals')} ADD COLUMN ${q('enrollment_grace_days')} ${int} NOT NULL DEFAULT 0`);
      await runner.query(`ALTER TABLE ${q('portals')} ADD COLUMN ${q('two_factor_enabled_at')} ${bigint} NULL`);
      await runner.query(
        `UPDATE ${q('portals')} SET ${q('two_factor_enabled_at')} = ${q('two_factor_updated_at')} WHERE ${q('two_factor_enabled')} = 1`,
      );
      await runner.query(`ALTER TABLE ${q('sessions')} ADD COLUMN ${q('postponed_generation')} ${int} NULL`);
    }
    async down(runner: QueryRunner): Promise<void> {
      await runner.query(`ALTER TABLE ${q('sessions')} DROP COLUMN ${q('postponed_generation')}`);
      await runner.query(`ALTER TABLE ${q('portals')} DROP COLUMN ${q('two_factor_enabled_at')}`);
      await runner.query(`ALTER TABLE ${q('portals')} DROP COLUMN ${q('enrollment_grace_days')}`);
    }
  };
  Object.defineProperty(cls, 'name', { value: name });
  return cls;
}
