import type { MigrationInterface, QueryRunner } from 'typeorm';
import { type SearchableCustomer, writeSearchTerms } from '../../portals/search-terms';
import type { Dialect } from '../data-source';
import { firstTermsIndexSql, firstTermsTableSql, writeTermsByAccount } from './0006-admin-reads';

/**
 * The search's terms in list order (docs/PERFORMANCE.md, Admin reads at a million customers): every
 * search page is bounded work, also for a common prefix whose matches sit late in username order.
 *
 * `customer_search_terms` is rebuilt as (portal_id, rooted, term, username_key, account_id), primary
 * key in that order: a prefix's range reads the rows that are not rooted (portals/search-terms.ts),
 * each with the username_key the page is sorted by, without a read of accounts. The index
 * (portal_id, username_key, account_id, term) replaces (account_id, term): a walk of the list probes
 * each customer's terms in list order, neighbour after neighbour, instead of at a random account id.
 * `username_key` compares in binary on MySQL, as accounts.username_key does (migration 0004).
 *
 * Existing rows: the table is dropped and written again for every customer, 1000 at a time, by the
 * module that writes them for new customers. On MySQL each DDL statement commits at once; a run cut
 * short is finished by hand (drop the table, run again: up() recreates it).
 */
const BACKFILL_BATCH = 1000;

export function searchTermsByUsernameMigration(name: string, dialect: Dialect): new () => MigrationInterface {
  const q = (n: string): string => (dialect === 'mysql' ? `\`${n}\`` : `"${n}"`);
  const newTable =
    dialect === 'mysql'
      ? 'CREATE TABLE `customer_search_terms` (`portal_id` VARCHAR(36) NOT NULL, `rooted` TINYINT NOT NULL, ' +
        '`term` VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL, ' +
        '`username_key` VARCHAR(191) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL, `account_id` VARCHAR(36) NOT NULL, ' +
        'PRIMARY KEY (`portal_id`, `rooted`, `term`, `username_key`, `account_id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci'
      : 'CREATE TABLE "customer_search_terms" ("portal_id" TEXT NOT NULL, "rooted" INTEGER NOT NULL, "term" TEXT NOT NULL, ' +
        '"username_key" TEXT NOT NULL, "account_id" TEXT NOT NULL, ' +
        'PRIMARY KEY ("portal_id", "rooted", "term", "username_key", "account_id")) WITHOUT ROWID';
  const newIndex = `CREATE INDEX ${q('ix_search_terms_username')} ON ${q('customer_search_terms')} (${['portal_id', 'username_key', 'account_id', 'term'].map(q).join(', ')})`;
  const oldTable = firstTermsTableSql(dialect);
  const oldIndex = firstTermsIndexSql(dialect);

  /** Every customer, along the primary key a batch at a time, handed to `write`. */
  async function backfill(runner: QueryRunner, write: (rows: CustomerRow[]) => Promise<void>): Promise<void> {
    let after = '';
    for (;;) {
      const rows: Array<{ id: string; portal_id: string; username: string; username_key: string; display_name: string; email: string | null }> =
        await runner.query(
          `SELECT id, portal_id, username, username_key, display_name, email FROM accounts WHERE kind = 'customer' AND id > ? ORDER BY id LIMIT ${BACKFILL_BATCH}`,
          [after],
        );
      if (!rows.length) break;
      await write(rows.map((r) => ({ id: r.id, portalId: r.portal_id, username: r.username, usernameKey: r.username_key, displayName: r.display_name, email: r.email })));
      after = rows[rows.length - 1].id;
    }
  }

  const cls = class implements MigrationInterface {
    name = name;
    async up(runner: QueryRunner): Promise<void> {
      await runner.query(`DROP TABLE ${q('customer_search_terms')}`);
      await runner.query(newTable);
      await runner.query(newIndex);
      await backfill(runner, (rows) => writeSearchTerms(runner.manager, rows));
    }
    async down(runner: QueryRunner): Promise<void> {
      await runner.query(`DROP TABLE ${q('customer_search_terms')}`);
      await runner.query(oldTable);
      await runner.query(oldIndex);
      await backfill(runner, (rows) => writeTermsByAccount(runner.manager, rows));
    }
  };
  Object.defineProperty(cls, 'name', { value: name });
  return cls;
}

/** A customer as the backfill reads it: what the terms' writer takes. */
type CustomerRow = SearchableCustomer;
