import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { Dialect } from '../data-source';
import { createTableSql, dropTableSql, type TableDef } from './ddl';
import { FOUNDATION_TABLES } from './0001-foundation';
import { TWO_FACTOR_TABLES } from './0002-two-factor';
import { API_KEY_TABLES } from './0003-api-keys';
import { identityKeysMigration } from './0004-identity-keys';
import { codeIpKeyMigration } from './0005-code-ip-key';
import { adminReadsMigration } from './0006-admin-reads';
import { retentionIndexesMigration } from './0007-retention-indexes';
import { legacyPasswordCostMigration } from './0008-legacy-password-cost';
import { keyIdsMigration } from './0009-key-ids';
import { searchTermsByUsernameMigration } from './0010-search-terms-by-username';
import { emailNoticesMigration } from './0011-email-notices';
import { secondFactorsMigration } from './0012-second-factors';
import { passkeysMigration } from './0014-passkeys';
import { enrollmentGraceMigration } from './0017-enrollment-grace';

/**
 * Each schema step is one neutral table list rendered per dialect. TypeORM records applied migrations
 * by class name in its `migrations` table, which is what makes `db:migrate` safe to run twice.
 */
function tablesMigration(name: string, dialect: Dialect, tables: readonly TableDef[]): new () => MigrationInterface {
  const cls = class implements MigrationInterface {
    name = name;
    async up(runner: QueryRunner): Promise<void> {
      for (const t of tables) for (const sql of createTableSql(dialect, t)) await runner.query(sql);
    }
    async down(runner: QueryRunner): Promise<void> {
      for (const t of [...tables].reverse()) await runner.query(dropTableSql(dialect, t.name));
    }
  };
  Object.defineProperty(cls, 'name', { value: name });
  return cls;
}

const STEPS: ReadonlyArray<[string, readonly TableDef[]]> = [
  ['Foundation1764260000001', FOUNDATION_TABLES],
  ['TwoFactor1764260000002', TWO_FACTOR_TABLES],
  ['ApiKeys1764260000003', API_KEY_TABLES],
];

/** Steps that change existing tables rather than add new ones, in order after the table steps. */
const CHANGES: ReadonlyArray<[string, (name: string, dialect: Dialect) => new () => MigrationInterface]> = [
  ['IdentityKeys1764260000004', identityKeysMigration],
  ['ChallengeCodeIpKey1764260000005', codeIpKeyMigration],
  ['AdminReads1764260000006', adminReadsMigration],
  ['RetentionIndexes1764260000007', retentionIndexesMigration],
  ['LegacyPasswordCost1764260000008', legacyPasswordCostMigration],
  ['KeyIds1764260000009', keyIdsMigration],
  ['SearchTermsByUsername1764260000010', searchTermsByUsernameMigration],
  ['EmailNotices1764260000011', emailNoticesMigration],
  ['SecondFactors1764260000012', secondFactorsMigration],
  ['Passkeys1764260000014', passkeysMigration],
  ['EnrollmentGrace1764260000017', enrollmentGraceMigration],
];

function migrationsFor(dialect: Dialect): Array<new () => MigrationInterface> {
  return [...STEPS.map(([n, t]) => tablesMigration(n, dialect, t)), ...CHANGES.map(([n, make]) => make(n, dialect))];
}

export const MYSQL_MIGRATIONS = migrationsFor('mysql');
export const SQLITE_MIGRATIONS = migrationsFor('sqlite');
