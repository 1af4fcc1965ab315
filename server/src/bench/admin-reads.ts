import { encodeCursor } from '../lib/paging';
import { JSON_HEADERS } from './graphql-bodies';
import { progress } from './progress';
import type { RawSql } from './raw-sql';

/**
 * The admin panes at portal scale (docs/PERFORMANCE.md, Admin reads): each request the SPA sends for
 * search, the status filter, a page deep in the list, the policy's counts, the toggle, and Customer
 * Details of one big company, timed one at a time from the client, as an admin clicking sees them.
 * The query texts are the SPA's (client/src/features/admin/admin.operations.ts), fragments inlined.
 */

const CUSTOMER_ROW = `id username displayName email twoFactor { status maskedPhone enrolledAt lastSmsStatus lastSmsAt }`;
const PAGE = `pageInfo { hasNextPage endCursor }`;
const CUSTOMERS = `query Customers($first: Int!, $after: String, $search: String, $twoFactorStatus: TwoFactorStatus) {
  customers(first: $first, after: $after, search: $search, twoFactorStatus: $twoFactorStatus) { edges { cursor node { ${CUSTOMER_ROW} } } ${PAGE} } }`;
const COMPANY_CUSTOMERS = `query CompanyCustomers($id: ID!, $first: Int!, $after: String) {
  company(id: $id) { id name customerCount customers(first: $first, after: $after) { edges { cursor node { ${CUSTOMER_ROW} } } ${PAGE} } } }`;
const POLICY_FIELDS = 'enabled updatedAt customerCount enrolledCount';
const POLICY = `query TwoFactorPolicy { twoFactorPolicy { ${POLICY_FIELDS} } }`;
const SET_POLICY = `mutation SetTwoFactorPolicy($enabled: Boolean!) { setTwoFactorPolicy(input: { enabled: $enabled }) { ${POLICY_FIELDS} } }`;
const LOGIN = `mutation Login($input: LoginInput!) { login(input: $input) { __typename } }`;

/** The page size the admin panes ask for. */
const PAGE_SIZE = 25;
export const ADMIN_READ_TARGET_P99_MS = 50;

export interface AdminReadsSetup {
  readonly url: string;
  readonly portal: string;
  readonly admin: { readonly username: string; readonly password: string };
  /** The company with many customers, for Customer Details. */
  readonly bigCompanyId: string;
  /** What an admin types: rare and common prefixes of usernames, names, emails and domains. */
  readonly searches: readonly string[];
  /** Requests per line. */
  readonly requests: number;
}

export interface ReadTiming {
  readonly name: string;
  readonly requests: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Answers with GraphQL errors or without data: a line with any is not a measurement. */
  readonly failures: number;
}

export interface AdminReadFigures {
  readonly customers: number;
  readonly timings: readonly ReadTiming[];
}

/** Signs the admin in (admins pass with a password; their 2FA is another issue) and returns the session cookie. */
async function signIn(s: AdminReadsSetup): Promise<string> {
  const res = await fetch(`${s.url}/graphql`, {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify({ query: LOGIN, variables: { input: { portal: s.portal, username: s.admin.username, password: s.admin.password } } }),
  });
  const body = (await res.json()) as { data?: { login?: { __typename: string } } };
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (body.data?.login?.__typename !== 'Authenticated' || !cookie) throw new Error(`the bench admin could not sign in: ${JSON.stringify(body)}`);
  return cookie;
}

/** Keys `[username_key, id]` of customers at evenly spread depths of the list, as cursors of the keyset pager. */
export async function deepCursors(sql: RawSql, portalId: string, customers: number, count: number): Promise<string[]> {
  const cursors: string[] = [];
  for (let i = 1; i <= count; i++) {
    const offset = Math.floor((customers * i) / (count + 1));
    const [row] = await sql.query<{ username_key: string; id: string }>(
      `SELECT username_key, id FROM accounts WHERE portal_id = ? AND kind = 'customer' ORDER BY username_key, id LIMIT 1 OFFSET ${offset}`,
      [portalId],
    );
    if (row) cursors.push(encodeCursor([row.username_key, row.id]));
  }
  return cursors;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

async function time(
  name: string,
  s: AdminReadsSetup,
  cookie: string,
  body: (i: number) => { query: string; variables?: Record<string, unknown> },
): Promise<ReadTiming> {
  const took: number[] = [];
  let failures = 0;
  for (let i = 0; i < s.requests; i++) {
    const started = performance.now();
    const res = await fetch(`${s.url}/graphql`, { method: 'POST', headers: { ...JSON_HEADERS, cookie }, body: JSON.stringify(body(i)) });
    const json = (await res.json()) as { data?: unknown; errors?: unknown[] };
    took.push(performance.now() - started);
    if (!json.data || json.errors?.length) {
      failures += 1;
      if (failures === 1) progress(`  ${name}: unexpected answer ${JSON.stringify(json).slice(0, 300)}`);
    }
  }
  took.sort((a, b) => a - b);
  const t = { name, requests: took.length, p50Ms: percentile(took, 0.5), p99Ms: percentile(took, 0.99), maxMs: took[took.length - 1], failures };
  progress(`  ${name}: p50 ${t.p50Ms.toFixed(1)} ms, p99 ${t.p99Ms.toFixed(1)} ms (${t.requests} requests${failures ? `, ${failures} failed` : ''})`);
  return t;
}

/** Every line, in an order that keeps each meaningful: the toggle last, since turning off un-enrolls everyone. */
export async function measureAdminReads(s: AdminReadsSetup, cursors: readonly string[], customers: number): Promise<AdminReadFigures> {
  const cookie = await signIn(s);
  const page = (v: Record<string, unknown>) => ({ query: CUSTOMERS, variables: { first: PAGE_SIZE, ...v } });
  const pick = <T>(xs: readonly T[], i: number) => xs[i % xs.length];
  const timings: ReadTiming[] = [];
  timings.push(await time('search (a new term each request)', s, cookie, (i) => page({ search: pick(s.searches, i) })));
  timings.push(await time('status filter, first page (ENROLLED, then NOT_ENROLLED)', s, cookie, (i) => page({ twoFactorStatus: i % 2 ? 'NOT_ENROLLED' : 'ENROLLED' })));
  timings.push(await time('a page deep in the list (cursors spread over all customers)', s, cookie, (i) => page({ after: pick(cursors, i) })));
  timings.push(await time('twoFactorPolicy counts (customerCount, enrolledCount)', s, cookie, () => ({ query: POLICY })));
  timings.push(await time('Customer Details of the company with most customers, first page', s, cookie, () => ({ query: COMPANY_CUSTOMERS, variables: { id: s.bigCompanyId, first: PAGE_SIZE } })));
  timings.push(await time('policy off, then on (each toggle timed)', s, cookie, (i) => ({ query: SET_POLICY, variables: { enabled: i % 2 === 1 } })));
  return { customers, timings };
}

export function adminReadsPass(t: ReadTiming): boolean {
  return t.failures === 0 && t.p99Ms <= ADMIN_READ_TARGET_P99_MS;
}

