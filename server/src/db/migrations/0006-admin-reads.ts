import type { MigrationInterface, QueryRunner } from 'typeorm';
import { recountPortal } from '../../portals/customer-counts';
import type { EntityManager } from 'typeorm';
import { searchTermsOf } from '../../portals/search-terms';
import type { Dialect } from '../data-source';

/**
 * Admin reads at a million customers (docs/PERFORMANCE.md): the customer search's terms table, the
 * list indexes that keep every page index-ordered, and the stored counts.
 *
 * - `customer_search_terms` (portal_id, term, account_id), primary key in that order: a search is one
 *   range of it. `term` compares in binary on MySQL (as username_key does since 0004), so the range is
 *   code point order on both engines. (account_id, term) is the probe of a common prefix's walk.
 * - accounts: (portal_id, kind, username_key, id) for the list; (portal_id, kind, phone_generation,
 *   username_key, id) for the status filter, replacing (portal_id, kind, phone_generation);
 *   (company_id, username_key, id) and (company_id, phone_generation, username_key, id) for one
 *   company's list, replacing (company_id, username_key). The id ends each key because SQLite's
 *   indexes end in the rowid, not the id.
 * - portals.customer_count and enrolled_count, companies.customer_count.
 *
 * Existing rows: terms are written for every customer, 1000 at a time, in this table's shape (the
 * writer below, kept as it was: migration 0010 reshapes the table), and every portal is recounted
 * by `recountPortal`. On MySQL each DDL
 * statement commits at once; a run cut short is finished by hand (drop what it created, run again).
 */
const NEW_INDEXES: ReadonlyArray<{ name: string; columns: readonly string[] }> = [
  { name: 'ix_accounts_portal_kind_username', columns: ['portal_id', 'kind', 'username_key', 'id'] },
  { name: 'ix_accounts_portal_kind_gen_username', columns: ['portal_id', 'kind', 'phone_generation', 'username_key', 'id'] },
  { name: 'ix_accounts_company_username_id', columns: ['company_id', 'username_key', 'id'] },
  { name: 'ix_accounts_company_gen_username', columns: ['company_id', 'phone_generation', 'username_key', 'id'] },
];
const REPLACED_INDEXES: ReadonlyArray<{ name: string; columns: readonly string[] }> = [
  { name: 'ix_accounts_portal_kind_generation', columns: ['portal_id', 'kind', 'phone_generation'] },
  { name: 'ix_accounts_company_username', columns: ['company_id', 'username_key'] },
];
const COUNT_COLUMNS: ReadonlyArray<{ table: string; column: string }> = [
  { table: 'portals', column: 'customer_count' },
  { table: 'portals', column: 'enrolled_count' },
  { table: 'companies', column: 'customer_count' },
];
const BACKFILL_BATCH = 1000;

interface CustomerTerms {
  readonly id: string;
  readonly portalId: string;
  readonly username: string;
  readonly displayName: string;
  readonly email: string | null;
}

/** The terms rows of this migration's table (portal_id, term, account_id): every term of each customer. */
export async function writeTermsByAccount(m: EntityManager, customers: readonly CustomerTerms[]): Promise<void> {
  const rows = customers.flatMap((c) => searchTermsOf(c).map((t) => [c.portalId, t, c.id]));
  for (let i = 0; i < rows.length; i += BACKFILL_BATCH) {
    const batch = rows.slice(i, i + BACKFILL_BATCH);
    await m.query(`INSERT INTO customer_search_terms (portal_id, term, account_id) VALUES ${batch.map(() => '(?, ?, ?)').join(', ')}`, batch.flat());
  }
}

/** The search terms table as this migration made it; 0010 reshapes it, and its down brings this back. */
export function firstTermsTableSql(dialect: Dialect): string {
  return dialect === 'mysql'
    ? 'CREATE TABLE `customer_search_terms` (`portal_id` VARCHAR(36) NOT NULL, ' +
        '`term` VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL, `account_id` VARCHAR(36) NOT NULL, ' +
        'PRIMARY KEY (`portal_id`, `term`, `account_id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci'
    : 'CREATE TABLE "customer_search_terms" ("portal_id" TEXT NOT NULL, "term" TEXT NOT NULL, "account_id" TEXT NOT NULL, ' +
        'PRIMARY KEY ("portal_id", "term", "account_id")) WITHOUT ROWID';
}

export function firstTermsIndexSql(dialect: Dialect): string {
  const q = (n: string): string => (dialect === 'mysql' ? `\`${n}\`` : `"${n}"`);
  return `CREATE INDEX ${q('ix_search_terms_account')} ON ${q('customer_search_terms')} (${q('account_id')}, ${q('term')})`;
}

export function adminReadsMigration(name: string, dialect: Dialect): new () => MigrationInterface {
  const q = (n: string): string => (dialect === 'mysql' ? `\`${n}\`` : `"${n}"`);
  const createIndex = (ix: { name: string; columns: readonly string[] }) =>
    `CREATE INDEX ${q(ix.name)} ON ${q('accounts')} (${ix.columns.map(q).join(', ')})`;
  const dropIndex = (n: string, table: string) => (dialect === 'mysql' ? `DROP INDEX ${q(n)} ON ${q(table)}` : `DROP INDEX ${q(n)}`);
  const termsTable = firstTermsTableSql(dialect);
  const cls = class implements MigrationInterface {
    name = name;
    async up(runner: QueryRunner): Promise<void> {
      await runner.query(termsTable);
      await runner.query(firstTermsIndexSql(dialect));
      for (const ix of NEW_INDEXES) await runner.query(createIndex(ix));
      for (const ix of REPLACED_INDEXES) await runner.query(dropIndex(ix.name, 'accounts'));
      for (const c of COUNT_COLUMNS) await runner.query(`ALTER TABLE ${q(c.table)} ADD COLUMN ${q(c.column)} INT NOT NULL DEFAULT 0`);

      // Backfill, along the primary key a batch at a time.
      let after = '';
      for (;;) {
        const rows: Array<{ id: string; portal_id: string; username: string; display_name: string; email: string | null }> = await runner.query(
          `SELECT id, portal_id, username, display_name, email FROM accounts WHERE kind = 'customer' AND id > ? ORDER BY id LIMIT ${BACKFILL_BATCH}`,
          [after],
        );
        if (!rows.length) break;
        const customers: CustomerTerms[] = rows.map((r) => ({
          id: r.id,
          portalId: r.portal_id,
          username: r.username,
          displayName: r.display_name,
          email: r.email,
        }));
        await writeTermsByAccount(runner.manager, customers);
        after = rows[rows.length - 1].id;
      }
      const portals: Array<{ id: string }> = await runner.query('SELECT id FROM portals');
      for (const p of portals) await recountPortal(runner.manager, p.id);
    }
    async down(runner: QueryRunner): Promise<void> {
      for (const c of [...COUNT_COLUMNS].reverse()) await runner.query(`ALTER TABLE ${q(c.table)} DROP COLUMN ${q(c.column)}`);
      for (const ix of REPLACED_INDEXES) await runner.query(createIndex(ix));
      for (const ix of [...NEW_INDEXES].reverse()) await runner.query(dropIndex(ix.name, 'accounts'));
      await runner.query(`DROP TABLE ${q('customer_search_terms')}`);
    }
  };
  Object.defineProperty(cls, 'name', { value: name });
  return cls;
}
