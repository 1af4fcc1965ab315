import type { EntityManager } from 'typeorm';
import { decodeCursor } from '../lib/paging';
import { enrolledWhere, notEnrolledRanges, notEnrolledWhere, staleGenerations } from '../two-factor/enrollment.store';
import { graceRunning } from './enrollment-grace';
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
 * Term rows (not rooted) counted before a search picks its plan for them. Under it they are few: the
 * page is cut from all of them. At it the prefix is common: a walk of the list finds a page quickly.
 */
export const COMMON_PREFIX_TERMS = 5000;

/**
 * Customers after the cursor that a common prefix's walk probes at most. Past them the page is
 * finished from the prefix's term rows beyond the window's end (docs/PERFORMANCE.md, Admin reads at
 * a million customers: 20,000 probes in list order took 20–40 ms on SQLite at a million, 5000 stay under 10).
 */
export const SEARCH_WINDOW = 5000;

/** Term rows read per batch, per customer of the page, when a page is cut from the rows themselves. */
const TERM_BATCH = 2;

/** The two bounds above; a test passes smaller ones to cross them with few customers. */
export interface SearchBounds {
  readonly commonPrefixTerms: number;
  readonly window: number;
}
const BOUNDS: SearchBounds = { commonPrefixTerms: COMMON_PREFIX_TERMS, window: SEARCH_WINDOW };

interface Condition {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/** A customer's place in list order: (username_key, id). */
type Key = readonly [string, string];
interface Row {
  readonly id: string;
  readonly username_key: string;
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
 * - IN_GRACE: NOT_ENROLLED's ranges while the portal's grace deadline (one value of the portal row,
 *   portals/enrollment-grace.ts) is ahead, and then NOT_ENROLLED is empty; once it has passed,
 *   IN_GRACE is empty. Either empty side is answered without a read;
 * - a search: the page is cut from three sources, merged (`searchPageIds`).
 */
export async function customerPageIds(
  m: EntityManager,
  portal: PortalRow,
  f: CustomerFilter,
  now: Date,
  bounds: SearchBounds = BOUNDS,
): Promise<string[]> {
  const limit = Math.trunc(f.first) + 1;
  const cursor = decodeCursor(f.after, 2) as Key | null;
  const list = await ListPlan.of(m, portal, f, now);
  if (!list) return [];
  const range = f.search ? prefixRange(f.search) : null;
  if (!range) return (await list.walk(cursor, [], limit)).map((r) => r.id);
  return searchPageIds(m, list, range, cursor, limit, bounds);
}

/**
 * A search's page, `limit` customers after `cursor` whose terms start with the prefix
 * (portals/search-terms.ts says which terms are stored, and how):
 *
 * 1. the customers whose username starts with it: the list's walk restricted to the range of
 *    username_key, `limit` entries;
 * 2. the customers whose username is a proper prefix of it (at most one per character of the search)
 *    with a rooted term that starts with it ("bob@g" finds bob by bob@globex.test);
 * 3. the customers of the terms that are not rooted. Under COMMON_PREFIX_TERMS of them, all their
 *    accounts, sorted and cut. At or over it, the list is walked from the cursor, SEARCH_WINDOW
 *    customers at most, each probed for a term of the range along (portal_id, username_key,
 *    account_id, term); if that leaves the page short, it is finished from the term rows beyond the
 *    window's end, sorted by the username_key they carry and cut. When (1) alone fills the page, no
 *    customer after its last one can be on it, so the window also stops there.
 *
 * Each source gives at most `limit` customers in list order after the cursor; the page is the first
 * `limit` of their union, which is the page a scan of every customer would give.
 */
async function searchPageIds(
  m: EntityManager,
  list: ListPlan,
  range: { from: string; to: string | null },
  cursor: Key | null,
  limit: number,
  bounds: SearchBounds,
): Promise<string[]> {
  const inRange = (col: string): Condition =>
    range.to === null ? { sql: `${col} >= ?`, params: [range.from] } : { sql: `${col} >= ? AND ${col} < ?`, params: [range.from, range.to] };
  const found: Row[] = [];

  // 1. Usernames that start with the search: the list's own range.
  const below: Condition[] = range.to === null ? [] : [{ sql: 'a.username_key < ?', params: [range.to] }];
  const byUsername = await list.walk(cursor, below, limit, range.from);
  found.push(...byUsername);
  const bound = byUsername.length === limit ? keyOf(byUsername[limit - 1]) : null;

  // 2. Usernames that are a proper prefix of the search, with a rooted term that starts with it.
  const chars = Array.from(range.from);
  if (chars.length > 1) {
    const heads = chars.slice(1).map((_, i) => chars.slice(0, i + 1).join(''));
    found.push(
      ...(await list.matching(cursor, [
        { sql: `a.username_key IN (${heads.map(() => '?').join(', ')})`, params: heads },
        termOf(inRange('t.term')),
      ])),
    );
  }

  // 3. The terms that are not rooted.
  const terms: Condition = { sql: `t.portal_id = ? AND t.rooted = 0 AND ${inRange('t.term').sql}`, params: [list.portal.id, ...inRange('t.term').params] };
  if ((await countTerms(m, terms, bounds.commonPrefixTerms)) < bounds.commonPrefixTerms) {
    found.push(...(await list.fromTerms(terms, cursor, limit)));
  } else {
    const windowEnd = await list.nth(cursor, bounds.window);
    const stop = windowEnd && (!bound || compareKeys(windowEnd, bound) < 0) ? windowEnd : bound;
    const walked = await list.walk(cursor, [...(stop ? [upTo(stop)] : []), termOf(inRange('t.term'))], limit);
    found.push(...walked);
    if (walked.length < limit && stop === windowEnd && windowEnd) found.push(...(await list.fromTerms(terms, windowEnd, limit)));
  }

  const seen = new Set<string>();
  return found
    .filter((r) => !seen.has(r.id) && seen.add(r.id))
    .sort((x, y) => compareKeys(keyOf(x), keyOf(y)))
    .slice(0, limit)
    .map((r) => r.id);
}

/** The reads of one list (the portal's or a company's, with a status filter or none) that a page is cut from. */
class ListPlan {
  private constructor(
    private readonly m: EntityManager,
    readonly portal: PortalRow,
    /** portal, kind and company: the list's own conditions. */
    private readonly base: readonly Condition[],
    /** The status filter as disjoint index ranges, each in list order (one when there is no filter). */
    private readonly branches: readonly Condition[],
    /** The status filter as one condition (none when there is no filter). */
    private readonly status: Condition | null,
  ) {}

  /** Null when the status filter matches nobody by the portal row alone (customer-status.ts). */
  static async of(m: EntityManager, portal: PortalRow, f: CustomerFilter, now: Date): Promise<ListPlan | null> {
    const base: Condition[] = [{ sql: "a.portal_id = ? AND a.kind = 'customer'", params: [portal.id] }];
    if (f.companyId) base.push({ sql: 'a.company_id = ?', params: [f.companyId] });
    const gen = portal.twoFactorGeneration;
    if (f.twoFactorStatus === TwoFactorStatus.ENROLLED) {
      const c = { sql: enrolledWhere('a', '?'), params: [gen] };
      return new ListPlan(m, portal, base, [c], c);
    }
    const inGrace = graceRunning(portal, now) !== null;
    if (f.twoFactorStatus === TwoFactorStatus.IN_GRACE && !inGrace) return null;
    if (f.twoFactorStatus === TwoFactorStatus.NOT_ENROLLED && inGrace) return null;
    if (f.twoFactorStatus === TwoFactorStatus.NOT_ENROLLED || f.twoFactorStatus === TwoFactorStatus.IN_GRACE) {
      const ranges = notEnrolledRanges('a', await staleGenerations(m, portal.id, gen));
      return new ListPlan(m, portal, base, ranges, { sql: notEnrolledWhere('a', '?'), params: [gen] });
    }
    return new ListPlan(m, portal, base, [{ sql: '1 = 1', params: [] }], null);
  }

  /**
   * The first `limit` customers after `cursor` that meet `extra`, in list order: each branch one index
   * range from the cursor (or from `from`, when that is further on), cut at `limit`, merged.
   */
  async walk(cursor: Key | null, extra: readonly Condition[], limit: number, from?: string): Promise<Row[]> {
    const where = [...this.base, ...after(cursor, from), ...extra];
    const params = this.branches.flatMap((b) => [...where.flatMap((c) => c.params), ...b.params]);
    if (this.branches.length === 1) return this.rows(branchSql('accounts a', [...where, this.branches[0]], limit), params);
    const union = this.branches
      .map((b, i) => `SELECT id, username_key FROM (${branchSql('accounts a', [...where, b], limit)}) b${i}`)
      .join(' UNION ALL ');
    return this.rows(`${union} ORDER BY username_key, id LIMIT ${limit}`, params);
  }

  /** The few customers after `cursor` that meet `extra` (a lookup by username_key), in no order. */
  async matching(cursor: Key | null, extra: readonly Condition[]): Promise<Row[]> {
    const where = [...this.base, ...(this.status ? [this.status] : []), ...(cursor ? [strictlyAfter('a', cursor)] : []), ...extra];
    return this.rows(`SELECT a.id, a.username_key FROM accounts a WHERE ${and(where)}`, where.flatMap((c) => c.params));
  }

  /**
   * The first `limit` customers after `key` that have a term of `terms`, from the term rows: with no
   * filter, from the username_key each row carries, without a read of accounts; with one, their
   * accounts joined by primary key and filtered. Sorted and cut: the caller bounds how many rows
   * `terms` holds, or knows they are few past `key`.
   */
  async fromTerms(terms: Condition, key: Key | null, limit: number): Promise<Row[]> {
    if (this.base.length === 1 && !this.status) return this.termRows(terms, key, limit);
    const termWhere = [terms, ...(key ? [strictlyAfter('t', key, 'account_id')] : [])];
    const where = [...this.base, ...(this.status ? [this.status] : [])];
    const from = `(SELECT DISTINCT t.account_id FROM customer_search_terms t WHERE ${and(termWhere)}) m JOIN accounts a ON a.id = m.account_id`;
    return this.rows(branchSql(from, where, limit), [...termWhere.flatMap((c) => c.params), ...where.flatMap((c) => c.params)]);
  }

  /**
   * The accounts of the term rows after `key`, `limit` of them, in list order. The rows come sorted by
   * (username_key, account_id), TERM_BATCH × limit at a time (the engines keep only that many while
   * they sort): a customer with several terms in the range is several neighbouring rows, counted once,
   * and the next batch starts after the last row's customer. A DISTINCT over the range would sort
   * every row of it instead (about 4 times slower over 111,111 rows on SQLite).
   */
  private async termRows(terms: Condition, key: Key | null, limit: number): Promise<Row[]> {
    const batch = TERM_BATCH * limit;
    const found: Row[] = [];
    const seen = new Set<string>();
    for (let from = key; ; ) {
      const where = [terms, ...(from ? [strictlyAfter('t', from, 'account_id')] : [])];
      const rows = await this.rows(
        `SELECT t.account_id AS id, t.username_key FROM customer_search_terms t WHERE ${and(where)} ORDER BY t.username_key, t.account_id LIMIT ${batch}`,
        where.flatMap((c) => c.params),
      );
      for (const r of rows) if (!seen.has(r.id) && seen.add(r.id)) found.push(r);
      if (found.length >= limit || rows.length < batch) return found.slice(0, limit);
      from = keyOf(rows[rows.length - 1]);
    }
  }

  /** The key of the `n`th customer of the list (status aside) after `cursor`; null when there are fewer. */
  async nth(cursor: Key | null, n: number): Promise<Key | null> {
    const where = [...this.base, ...after(cursor)];
    const rows = await this.rows(`SELECT a.id, a.username_key FROM accounts a WHERE ${and(where)} ORDER BY a.username_key, a.id LIMIT 1 OFFSET ${n - 1}`, where.flatMap((c) => c.params));
    return rows.length ? keyOf(rows[0]) : null;
  }

  private async rows(sql: string, params: readonly unknown[]): Promise<Row[]> {
    return this.m.query(sql, [...params]);
  }
}

function and(where: readonly Condition[]): string {
  return where.map((c) => c.sql).join(' AND ');
}

function branchSql(from: string, where: readonly Condition[], limit: number): string {
  return `SELECT a.id, a.username_key FROM ${from} WHERE ${and(where)} ORDER BY a.username_key, a.id LIMIT ${limit}`;
}

/**
 * After the cursor, as an index range: `>=` first, so both engines start the range there (an OR alone
 * is not a range to SQLite). `from` moves the range's start further when it is past the cursor: two
 * lower bounds on one column would leave the engine to pick one.
 */
function after(cursor: Key | null, from?: string): Condition[] {
  if (!cursor) return from === undefined ? [] : [{ sql: 'a.username_key >= ?', params: [from] }];
  const start = from !== undefined && compareText(from, cursor[0]) > 0 ? from : cursor[0];
  return [{ sql: 'a.username_key >= ? AND (a.username_key > ? OR a.id > ?)', params: [start, cursor[0], cursor[1]] }];
}

/** After `key` in list order, as a filter on alias's (username_key, idColumn). */
function strictlyAfter(alias: string, key: Key, idColumn = 'id'): Condition {
  return { sql: `${alias}.username_key >= ? AND (${alias}.username_key > ? OR ${alias}.${idColumn} > ?)`, params: [key[0], key[0], key[1]] };
}

/** Up to `key` in list order, that key included. */
function upTo(key: Key): Condition {
  return { sql: 'a.username_key <= ? AND (a.username_key < ? OR a.id <= ?)', params: [key[0], key[0], key[1]] };
}

/** The customer has a term of the range: one seek of (portal_id, username_key, account_id, term), in list order. */
function termOf(range: Condition): Condition {
  return {
    sql: `EXISTS (SELECT 1 FROM customer_search_terms t WHERE t.portal_id = a.portal_id AND t.username_key = a.username_key AND t.account_id = a.id AND ${range.sql})`,
    params: range.params,
  };
}

function keyOf(r: Row): Key {
  return [r.username_key, r.id];
}

/**
 * The databases' order of keys: username_key compares in binary on both engines, which is code point
 * order. JavaScript compares UTF-16 code units, which puts U+E000–U+FFFF after the astral characters:
 * each unit is moved so that the surrogates come last.
 */
function compareText(x: string, y: string): number {
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const a = x.charCodeAt(i);
    const b = y.charCodeAt(i);
    if (a !== b) return codePointRank(a) - codePointRank(b);
  }
  return x.length - y.length;
}

function codePointRank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  return unit >= 0xe000 ? unit - 0x800 : unit;
}

function compareKeys(x: Key, y: Key): number {
  return compareText(x[0], y[0]) || compareText(x[1], y[1]);
}

/** How many terms match, counted no further than `cap` (an index range, cut). */
async function countTerms(m: EntityManager, terms: Condition, cap: number): Promise<number> {
  const rows: Array<{ n: number | string }> = await m.query(
    `SELECT COUNT(*) AS n FROM (SELECT 1 AS x FROM customer_search_terms t WHERE ${terms.sql} LIMIT ${Math.trunc(cap)}) c`,
    [...terms.params],
  );
  return Number(rows[0].n);
}
