import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { Dialect } from '../data-source';

/**
 * The columns that name something people type, and that a unique index or a sign-in lookup compares.
 * The code writes and looks them up in one normal form (identityKey in lib/identity-key.ts), so the
 * database must compare them exactly as written. MySQL's utf8mb4_unicode_ci ignores accents,
 * zero-width characters and width ("mállory" = "mallory\u200b" = "mallory"), which let a spelling
 * the rate limit counted as another name find an account's row. utf8mb4_bin exists on MySQL 8 and
 * MariaDB 10.11 alike; it pads trailing spaces, which the keys never end with (they are trimmed).
 *
 * SQLite already compares TEXT in binary, its unique indexes included: nothing to do there. The keys
 * themselves need no rewrite: accounts.username_key was always written in identityKey's form, and
 * slugs were always lower-case ASCII.
 */
const BINARY_KEY_COLUMNS: ReadonlyArray<{ table: string; column: string; length: number }> = [
  { table: 'accounts', column: 'username_key', length: 191 },
  { table: 'portals', column: 'slug', length: 64 },
  { table: 'profiles', column: 'name', length: 100 },
];

function alterAll(collation: string): string[] {
  return BINARY_KEY_COLUMNS.map(
    (c) => `ALTER TABLE \`${c.table}\` MODIFY \`${c.column}\` VARCHAR(${c.length}) CHARACTER SET utf8mb4 COLLATE ${collation} NOT NULL`,
  );
}

export function identityKeysMigration(name: string, dialect: Dialect): new () => MigrationInterface {
  const cls = class implements MigrationInterface {
    name = name;
    async up(runner: QueryRunner): Promise<void> {
      if (dialect !== 'mysql') return;
      // Each statement is idempotent, so a run cut short (MySQL commits DDL at once) can simply run again.
      for (const sql of alterAll('utf8mb4_bin')) await runner.query(sql);
    }
    async down(runner: QueryRunner): Promise<void> {
      if (dialect !== 'mysql') return;
      for (const sql of alterAll('utf8mb4_unicode_ci')) await runner.query(sql);
    }
  };
  Object.defineProperty(cls, 'name', { value: name });
  return cls;
}
