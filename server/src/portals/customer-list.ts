import type { EntityManager } from 'typeorm';
import { decodeCursor } from '../lib/paging';
import { enrolledWhere, notEnrolledRanges, notEnrolledWhere, staleGenerations } from '../two-factor/enrollment.store';
import { TwoFactorStatus } from './customer.types';
import type { PortalRow } from './portal.entity';
import { prefixRange } from './search-terms';

export interface CustomerFilter {
  first: number;
  after?: string | null;
  search?: string | null;
  twoFactorStatus?: TwoFactorStatus | null;
  companyId?: string | null;
}

/**
 * Term rows counted before a search picks its plan. Under it the matches are few: the page is cut from
 * all of them. At it the prefix is common: walking the customers in list order finds a page quickly.
 */
export const COMMON_PREFIX_TERMS = 5000;

interface Condition {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/**
 * The ids of one page of a portal's customers (and one more, which says there is a next page), in
 * list order (username_key, id), by keyset. Every plan reads a bounded number of index entries whatever
 * the portal's size (docs/PERFORMANCE.md, Admin reads at a million customers):
 *
 * - no search: one range of (portal_id, kind, username_key, id), or of (company_id, username_key, id)
 *   for a company, from the cursor on, `first + 1` entries;
 * - ENROLLED: one range of (portal_id, kind, phone_generation, username_key, id), or of the company's
 *   (company_id, phone_generation, username_key, id); NOT_ENROLLED: a UNION ALL of its few ranges
 *   (enrollment.store.ts `notEnrolledRanges`), each index-ordered and cut at `first + 1`, merged;
 * - a search with fewer than COMMON_PREFIX_TERMS matching terms: the distinct accounts of those terms,
 *   joined by primary key, filtered, sorted, cut;
 * - a common prefix: the customers walked as above, each probed with EXISTS on (account_id, term).
 */
export async function customerPageIds(m: EntityManager, portal: PortalRow, f: CustomerFilter): Promise<string[]> {
  const limit = Math.trunc(f.first) + 1;
  const where: Condition[] = [{ sql: "a.portal_id = ? AND a.kind = 'customer'", params: [portal.id] }];
  if (f.companyId) where.push({ sql: 'a.company_id = ?', params: [f.companyId] });
  const cursor = decodeCursor(f.after, 2);
  // `>=` first, so both engines start the index range at the cursor (an OR alone is not a range to SQLite).
  if (cursor) where.push({ sql: 'a.username_key >= ? AND (a.username_key > ? OR a.id > ?)', params: [cursor[0], cursor[0], cursor[1]] });
  const gen = portal.twoFactorGeneration;

  const range = f.search ? prefixRange(f.search) : null;
  if (range) {
    const terms: Condition = {
      sql: `t.portal_id = ? AND t.term >= ?${range.to === null ? '' : ' AND t.term < ?'}`,
      params: range.to === null ? [portal.id, range.from] : [portal.id, range.from, range.to],
    };
    if ((await countTerms(m, terms)) < COMMON_PREFIX_TERMS) {
      if (f.twoFactorStatus === TwoFactorStatus.ENROLLED) where.push({ sql: enrolledWhere('a', '?'), params: [gen] });
      if (f.twoFactorStatus === TwoFactorStatus.NOT_ENROLLED) where.push({ sql: notEnrolledWhere('a', '?'), params: [gen] });
      const from = `(SELECT DISTINCT t.account_id FROM customer_search_terms t WHERE ${terms.sql}) m JOIN accounts a ON a.id = m.account_id`;
      return ids(m, branchSql(from, where, limit), [...terms.params, ...where.flatMap((c) => c.params)]);
    }
    where.push({ sql: `EXISTS (SELECT 1 FROM customer_search_terms t WHERE t.account_id = a.id AND ${terms.sql})`, params: terms.params });
  }

  let branches: Condition[] = [{ sql: '1 = 1', params: [] }];
  if (f.twoFactorStatus === TwoFactorStatus.ENROLLED) branches = [{ sql: enrolledWhere('a', '?'), params: [gen] }];
  if (f.twoFactorStatus === TwoFactorStatus.NOT_ENROLLED) branches = notEnrolledRanges('a', await staleGenerations(m, portal.id, gen));
  const params = branches.flatMap((b) => [...where.flatMap((c) => c.params), ...b.params]);
  if (branches.length === 1) return ids(m, branchSql('accounts a', [...where, branches[0]], limit), params);
  const union = branches.map((b, i) => `SELECT id, username_key FROM (${branchSql('accounts a', [...where, b], limit)}) b${i}`).join(' UNION ALL ');
  return ids(m, `${union} ORDER BY username_key, id LIMIT ${limit}`, params);
}

function branchSql(from: string, where: readonly Condition[], limit: number): string {
  return `SELECT a.id, a.username_key FROM ${from} WHERE ${where.map((c) => c.sql).join(' AND ')} ORDER BY a.username_key, a.id LIMIT ${limit}`;
}

async function ids(m: EntityManager, sql: string, params: readonly unknown[]): Promise<string[]> {
  const rows: Array<{ id: string }> = await m.query(sql, [...params]);
  return rows.map((r) => r.id);
}

/** How many terms match, counted no further than COMMON_PREFIX_TERMS (an index range, cut). */
async function countTerms(m: EntityManager, terms: Condition): Promise<number> {
  const rows: Array<{ n: number | string }> = await m.query(
    `SELECT COUNT(*) AS n FROM (SELECT 1 AS x FROM customer_search_terms t WHERE ${terms.sql} LIMIT ${COMMON_PREFIX_TERMS}) c`,
    [...terms.params],
  );
  return Number(rows[0].n);
}
