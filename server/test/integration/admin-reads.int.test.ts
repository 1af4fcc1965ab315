import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource, EntityManager } from 'typeorm';
import { dialectOfSource } from '../../src/db/data-source';
import { openAppDatabase } from '../../src/entities';
import { FixedClock } from '../../src/lib/clock';
import { newId } from '../../src/lib/tokens';
import { AccountRow } from '../../src/portals/account.entity';
import { recountPortal } from '../../src/portals/customer-counts';
import { TwoFactorStatus } from '../../src/portals/customer.types';
import { DirectoryService } from '../../src/portals/directory.service';
import { PortalRow } from '../../src/portals/portal.entity';
import { seedPortalFile } from '../../src/portals/portal-file/seed.service';
import { COMMON_PREFIX_TERMS, customerPageIds, type SearchBounds } from '../../src/portals/customer-list';
import { searchKey, searchTermsOf, writeSearchTerms } from '../../src/portals/search-terms';
import { encodeCursor } from '../../src/lib/paging';
import { SmsLog } from '../../src/sms/sms-log';
import { factorReadsOf } from '../../src/two-factor/factor-reads';
import { EnrollmentStore } from '../../src/two-factor/enrollment.store';
import { PolicyService } from '../../src/two-factor/policy.service';
import { createTestDatabase } from '../support/mysql';

/**
 * The admin reads at scale (docs/PERFORMANCE.md, Admin reads at a million customers), on MySQL and
 * SQLite: prefix search over customer_search_terms (its meaning, and both of its plans), the status
 * filters, keyset paging under inserts, the stored counts against a real COUNT(*), and the query
 * plans: every statement of a list read answers from an index, never a scan of accounts.
 */

const PASSWORD = 'correct horse battery staple';
// "common…" customers: each has two stored terms that start with "common" and are not rooted (the
// display name and the email's domain; the username and "common" itself are not rows), past COMMON_PREFIX_TERMS.
const COMMON = 2600;

const FILE = {
  portals: [
    {
      slug: 'acme',
      name: 'Acme',
      twoFactorEnabled: true,
      profiles: [{ name: 'Master Admin', masterAdmin: true }],
      admins: [{ username: 'alice', password: PASSWORD, displayName: 'Alice Admin', profile: 'Master Admin' }],
      companies: [
        {
          name: 'Globex',
          customers: [
            { username: 'bob', password: PASSWORD, displayName: 'Bob Buyer', email: 'bob@globex.test' },
            { username: 'carol', password: PASSWORD, displayName: 'Carol', enrolledPhone: '+14155552671' },
            { username: 'under_score', password: PASSWORD, displayName: 'Percent 100%', email: 'u@x.test' },
          ],
        },
        { name: 'Initech', customers: [{ username: 'dan', password: PASSWORD, displayName: 'Dan Dunn', email: 'dan@initech.test' }] },
      ],
    },
    {
      slug: 'other',
      name: 'Other',
      twoFactorEnabled: false,
      profiles: [{ name: 'Master Admin', masterAdmin: true }],
      admins: [{ username: 'oscar', password: PASSWORD, displayName: 'Oscar', profile: 'Master Admin' }],
      companies: [{ name: 'Umbrella', customers: [{ username: 'bobby', password: PASSWORD, displayName: 'Bob Globex', email: 'bob@globex.test' }] }],
    },
  ],
};

async function newDatabase(dialect: 'mysql' | 'sqlite'): Promise<{ url: string; drop: () => Promise<void> }> {
  if (dialect === 'mysql') return createTestDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'admin-reads-'));
  return { url: `sqlite:${join(dir, 'a.sqlite')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

/** Customers written as a bulk import would: one multi-row INSERT per chunk, their terms, then a recount. */
async function insertCustomers(
  ds: DataSource,
  portalId: string,
  companyId: string,
  usernames: string[],
  person: (u: string) => { displayName: string; email: string } = (u) => ({ displayName: 'Common Person', email: `${u}@common.test` }),
): Promise<void> {
  const now = Date.now();
  await ds.transaction(async (m) => {
    for (let i = 0; i < usernames.length; i += 500) {
      const rows = usernames.slice(i, i + 500).map((u) => ({ id: newId(), portalId, username: u, usernameKey: u, ...person(u) }));
      await m.query(
        `INSERT INTO accounts (id, portal_id, kind, username, username_key, password_hash, display_name, email, company_id, created_at) VALUES ${rows.map(() => "(?, ?, 'customer', ?, ?, 'x', ?, ?, ?, ?)").join(', ')}`,
        rows.flatMap((r) => [r.id, portalId, r.username, r.username, r.displayName, r.email, companyId, now]),
      );
      await writeSearchTerms(m, rows);
    }
    await recountPortal(m, portalId);
  });
}

/** Records the statements a list read sends, so the test can EXPLAIN exactly those. */
function recording(m: EntityManager, seen: Array<[string, unknown[]]>): EntityManager {
  return new Proxy(m, {
    get(target, prop, receiver) {
      if (prop === 'query') return (sql: string, params: unknown[] = []) => (seen.push([sql, params]), target.query(sql, params));
      return Reflect.get(target, prop, receiver);
    },
  });
}

describe.each(['mysql', 'sqlite'] as const)('admin reads on %s', (dialect) => {
  let db: { url: string; drop: () => Promise<void> };
  let ds: DataSource;
  let directory: DirectoryService;
  let portal: PortalRow;
  const clock = new FixedClock(new Date('2026-03-01T12:00:00Z'));
  const enrollments = new EnrollmentStore();
  const noSessions = { endCustomerSessionsNotUnder: async () => undefined } as never;
  const noEvents = { record: async () => undefined } as never;
  let policy: PolicyService;

  const names = async (f: Partial<Parameters<DirectoryService['customers']>[1]>) =>
    (await directory.customers(portal.id, { first: 100, ...f })).edges.map((e) => e.node.username);
  const acmePortal = () => ds.manager.findOneByOrFail(PortalRow, { slug: 'acme' });
  const customer = (username: string) => ds.manager.findOneByOrFail(AccountRow, { portalId: portal.id, username });
  const admin = async () => ds.manager.findOneByOrFail(AccountRow, { portalId: portal.id, username: 'alice' });

  /** The stored counts equal a real COUNT(*). */
  async function expectCountsTrue(): Promise<void> {
    const p = await acmePortal();
    const [real] = await ds.query(
      `SELECT COUNT(*) AS c, SUM(CASE WHEN phone_generation = ? THEN 1 ELSE 0 END) AS e FROM accounts WHERE portal_id = ? AND kind = 'customer'`,
      [p.twoFactorGeneration, p.id],
    );
    expect({ customers: p.customerCount, enrolled: p.enrolledCount }).toEqual({ customers: Number(real.c), enrolled: Number(real.e ?? 0) });
    const companies: Array<{ n: number | string; c: number | string }> = await ds.query(
      `SELECT c.customer_count AS n, (SELECT COUNT(*) FROM accounts a WHERE a.company_id = c.id) AS c FROM companies c WHERE c.portal_id = ?`,
      [p.id],
    );
    for (const c of companies) expect(Number(c.n)).toBe(Number(c.c));
  }

  beforeAll(async () => {
    db = await newDatabase(dialect);
    ds = await openAppDatabase(db.url, { migrate: true });
    const seeded = await seedPortalFile(ds, FILE, clock);
    if (!seeded.ok) throw new Error(JSON.stringify(seeded.problems));
    portal = await acmePortal();
    directory = new DirectoryService(ds.manager, new SmsLog(ds.manager, clock), factorReadsOf(ds.manager), clock);
    policy = new PolicyService(ds.manager, noSessions, noEvents, clock);
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('matches the start of the username, of a display-name word, of the email and of its domain', async () => {
    for (const s of ['bo', 'buy', 'bob@', 'globex', 'BOB', 'Buyer', 'GLOBEX.t', 'bob buy']) expect(await names({ search: s })).toEqual(['bob']);
    expect(await names({ search: 'ob' })).toEqual([]); // the middle of a word is not a start
    expect(await names({ search: 'dunn' })).toEqual(['dan']);
    expect(await names({ search: 'initech' })).toEqual(['dan']);
  });

  it('takes % and _ as characters, and never finds another portal’s customers', async () => {
    expect(await names({ search: 'under_' })).toEqual(['under_score']);
    expect(await names({ search: '100%' })).toEqual(['under_score']);
    expect(await names({ search: '%' })).toEqual([]);
    expect(await names({ search: '_' })).toEqual([]);
    expect(await names({ search: 'bobby' })).toEqual([]); // other's
    const other = await ds.manager.findOneByOrFail(PortalRow, { slug: 'other' });
    expect((await directory.customers(other.id, { first: 10, search: 'bo' })).edges.map((e) => e.node.username)).toEqual(['bobby']);
  });

  it('lists a customer who matches several terms once', async () => {
    // "b" starts bob, "bob buyer", "buyer" and "bob@globex.test".
    expect(await names({ search: 'b' })).toEqual(['bob']);
  });

  it('filters by status and by company, each page in username order', async () => {
    expect(await names({ twoFactorStatus: TwoFactorStatus.ENROLLED })).toEqual(['carol']);
    expect(await names({ twoFactorStatus: TwoFactorStatus.NOT_ENROLLED })).toEqual(['bob', 'dan', 'under_score']);
    const globex = (await ds.query('SELECT id FROM companies WHERE name = ?', ['Globex']))[0].id as string;
    expect(await names({ companyId: globex })).toEqual(['bob', 'carol', 'under_score']);
    expect(await names({ companyId: globex, twoFactorStatus: TwoFactorStatus.NOT_ENROLLED, search: 'u' })).toEqual(['under_score']);
  });

  it('keeps the counts equal to COUNT(*) across seed, enroll, reset, off/on and concurrent enrollments', async () => {
    await expectCountsTrue();
    expect((await policy.read(portal.id)).enrolledCount).toBe(1);
    const bob = await customer('bob');
    const enroll = (a: AccountRow, gen: number) =>
      ds.transaction((m) => enrollments.enroll(m, a, '+14155550111', gen, clock.now()));
    expect(await enroll(bob, portal.twoFactorGeneration)).toBe(true);
    expect(await enroll(bob, portal.twoFactorGeneration)).toBe(false); // already enrolled: no second count
    await expectCountsTrue();
    expect((await policy.read(portal.id)).enrolledCount).toBe(2);

    await ds.transaction(async (m) => enrollments.forget(m, await customer('bob')));
    await expectCountsTrue();
    await ds.transaction(async (m) => enrollments.forget(m, await customer('bob'))); // not enrolled: nothing moves
    await expectCountsTrue();

    expect((await policy.disable(await admin(), '127.0.0.1')).enrolledCount).toBe(0);
    await expectCountsTrue();
    // A stale enrollment (the old generation) neither counts nor is counted when reset.
    expect(await enroll(await customer('dan'), portal.twoFactorGeneration)).toBe(true);
    await ds.transaction(async (m) => enrollments.forget(m, await customer('carol')));
    await expectCountsTrue();
    const on = await policy.enable(await admin(), '127.0.0.1');
    expect(on).toMatchObject({ enabled: true, enrolledCount: 0, customerCount: 4 });
    portal = await acmePortal();
    expect(await names({ twoFactorStatus: TwoFactorStatus.NOT_ENROLLED })).toEqual(['bob', 'carol', 'dan', 'under_score']);

    // Everyone enrolls at once, some twice: each counts once. (One SQLite connection runs one
    // transaction at a time: there they queue, as they do behind SQLite's single writer.)
    const all = await Promise.all(['bob', 'carol', 'dan', 'under_score', 'bob', 'dan'].map(customer));
    const won: boolean[] = [];
    if (dialect === 'mysql') won.push(...(await Promise.all(all.map((a) => enroll(a, portal.twoFactorGeneration)))));
    else for (const a of all) won.push(await enroll(a, portal.twoFactorGeneration));
    expect(won.filter(Boolean)).toHaveLength(4);
    await expectCountsTrue();
    expect(await names({ twoFactorStatus: TwoFactorStatus.ENROLLED })).toEqual(['bob', 'carol', 'dan', 'under_score']);
    expect(await names({ twoFactorStatus: TwoFactorStatus.NOT_ENROLLED })).toEqual([]);
  });

  it('finds common prefixes by walking the list, rare ones from their terms, with the same answers', async () => {
    const globex = (await ds.query('SELECT id FROM companies WHERE name = ?', ['Globex']))[0].id as string;
    const usernames = Array.from({ length: COMMON }, (_, i) => `common${String(i).padStart(4, '0')}`);
    await insertCustomers(ds, portal.id, globex, usernames);
    await expectCountsTrue();
    if (dialect === 'mysql') await ds.query('ANALYZE TABLE accounts, customer_search_terms');
    else await ds.query('ANALYZE');
    // "common": 5200 rows not rooted → the walk (and the usernames' range); "common12": the usernames' range only.
    const page = await directory.customers(portal.id, { first: 25, search: 'common' });
    expect(page.edges.map((e) => e.node.username)).toEqual(usernames.slice(0, 25));
    expect(await names({ search: 'common12' })).toEqual(usernames.filter((u) => u.startsWith('common12')));
    expect(await names({ search: 'person', first: 3 })).toEqual(usernames.slice(0, 3));
  });

  it('pages by keyset: rows inserted before and after the cursor neither repeat nor hide others', async () => {
    const globex = (await ds.query('SELECT id FROM companies WHERE name = ?', ['Globex']))[0].id as string;
    const first = await directory.customers(portal.id, { first: 50 });
    const before = (await directory.customers(portal.id, { first: 10_000 })).edges.map((e) => e.node.username);
    await insertCustomers(ds, portal.id, globex, ['aaa-new', 'common0100x', 'zzz-new']);
    const rest: string[] = [];
    let after = first.pageInfo.endCursor;
    for (;;) {
      const p = await directory.customers(portal.id, { first: 200, after });
      rest.push(...p.edges.map((e) => e.node.username));
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
    }
    const seen = [...first.edges.map((e) => e.node.username), ...rest];
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((u) => before.includes(u))).toEqual(before);
    expect(rest).toContain('zzz-new');
    expect(rest).toContain('common0100x');
    expect(seen).not.toContain('aaa-new'); // before the cursor: the next page does not go back
  });

  /** Every customer of the portal a search finds, in list order, by the meaning of search alone: some term starts with it. */
  async function naive(f: { search: string; twoFactorStatus?: TwoFactorStatus; companyId?: string }): Promise<Array<{ id: string; username: string; key: string }>> {
    const p = await acmePortal();
    const rows: Array<{ id: string; username: string; username_key: string; display_name: string; email: string | null; company_id: string | null; phone_generation: number | null }> =
      await ds.query("SELECT id, username, username_key, display_name, email, company_id, phone_generation FROM accounts WHERE portal_id = ? AND kind = 'customer'", [p.id]);
    const s = searchKey(f.search);
    return rows
      .filter((r) => searchTermsOf({ username: r.username, displayName: r.display_name, email: r.email }).some((t) => t.startsWith(s)))
      .filter((r) => !f.companyId || r.company_id === f.companyId)
      .filter((r) => !f.twoFactorStatus || (f.twoFactorStatus === TwoFactorStatus.ENROLLED) === (r.phone_generation !== null && Number(r.phone_generation) === p.twoFactorGeneration))
      .map((r) => ({ id: r.id, username: r.username, key: r.username_key }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? -1 : 1)); // ASCII keys: JS order is the databases'
  }

  /** Pages `first` at a time through a search with the given bounds; every page but the last is full. */
  async function pageThrough(f: { search: string; twoFactorStatus?: TwoFactorStatus; companyId?: string }, first: number, bounds?: SearchBounds): Promise<string[]> {
    const all = await naive(f);
    const keyById = new Map(all.map((r) => [r.id, r.key]));
    const p = await acmePortal();
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const ids = await customerPageIds(ds.manager, p, { ...f, first, after }, clock.now(), bounds);
      const page = ids.slice(0, first);
      seen.push(...page);
      if (ids.length <= first) break;
      expect(page).toHaveLength(first);
      const last = page[page.length - 1];
      after = encodeCursor([keyById.get(last) ?? '?', last]);
    }
    return seen;
  }

  it('pages through a common prefix whose matches cluster at the end, across the window, as the whole list would', async () => {
    const globex = (await ds.query('SELECT id FROM companies WHERE name = ?', ['Globex']))[0].id as string;
    const initech = (await ds.query('SELECT id FROM companies WHERE name = ?', ['Initech']))[0].id as string;
    // 300 customers that match nothing, then 160 "zz…" at the very end of username order whose display
    // name and email domain start with "zed" (terms not rooted); a few early "Zed" names before the
    // window's end; usernames that start with "zed"; and "z", whose email "zedmail@…" is rooted at it.
    await insertCustomers(ds, portal.id, globex, Array.from({ length: 300 }, (_, i) => `mid${String(i).padStart(4, '0')}`), (u) => ({
      displayName: 'Filler Person',
      email: `${u}@filler.test`,
    }));
    const late = Array.from({ length: 160 }, (_, i) => `zz${String(i).padStart(4, '0')}`);
    await insertCustomers(ds, portal.id, globex, late.slice(0, 80), (u) => ({ displayName: 'Zed Late', email: `${u}@zed.test` }));
    await insertCustomers(ds, portal.id, initech, late.slice(80), (u) => ({ displayName: 'Zed Later', email: `${u}@zed.test` }));
    await insertCustomers(ds, portal.id, globex, ['aa-early1', 'aa-early2', 'mid0150x'], () => ({ displayName: 'Zed Early', email: 'early@x.test' }));
    // Four rows each that start with "zed" (the whole name, two words, the domain): a batch of the
    // terms' rows holds fewer customers than rows, so a page needs the next batch.
    const multi = Array.from({ length: 10 }, (_, i) => `zz-multi${i}`);
    await insertCustomers(ds, portal.id, initech, multi, (u) => ({ displayName: 'Zed Zedson Zedkin', email: `${u}@zed.test` }));
    await insertCustomers(ds, portal.id, initech, ['zed', 'zed.bob', 'zedd'], (u) => ({ displayName: 'Plain Name', email: `${u}@plain.test` }));
    await insertCustomers(ds, portal.id, initech, ['z'], () => ({ displayName: 'Plain Name', email: 'zedmail@x.test' }));
    // Some of the late ones enrolled, so the status filters have both kinds there.
    const p = await acmePortal();
    await ds.query(`UPDATE accounts SET phone_e164 = '+14155550100', phone_generation = ?, phone_enrolled_at = ? WHERE portal_id = ? AND username IN (${late.filter((_, i) => i % 3 === 0).map(() => '?').join(', ')})`, [
      p.twoFactorGeneration,
      Date.now(),
      p.id,
      ...late.filter((_, i) => i % 3 === 0),
    ]);
    await ds.transaction((m) => recountPortal(m, p.id));
    portal = await acmePortal();
    if (dialect === 'mysql') await ds.query('ANALYZE TABLE accounts, customer_search_terms');
    else await ds.query('ANALYZE');

    expect((await naive({ search: 'zed' })).length).toBe(160 + 10 + 3 + 3 + 1);
    const small: SearchBounds = { commonPrefixTerms: 50, window: 100 }; // 320 "zed…" rows: common; the window ends long before "zz…"
    const tiny: SearchBounds = { commonPrefixTerms: 1, window: 1 }; // every page past the cursor's next customer from the terms
    const filters = [{}, { twoFactorStatus: TwoFactorStatus.ENROLLED }, { twoFactorStatus: TwoFactorStatus.NOT_ENROLLED }, { companyId: initech }];
    const runs: Array<[SearchBounds | undefined, number]> = [[small, 7], [tiny, 30], [undefined, 7]];
    for (const search of ['zed', 'ZED', 'ze', 'z', 'zed ', 'zed.t', 'zedm', 'zed.b', 'late', 'zz00', 'nothing-here']) {
      for (const filter of filters) {
        const f = { search, ...filter };
        const want = (await naive(f)).map((r) => r.id);
        for (const [bounds, first] of runs) expect({ f, bounds, first, got: await pageThrough(f, first, bounds) }).toEqual({ f, bounds, first, got: want });
      }
    }
    // What the service answers (the default bounds) is that list too, page after page.
    const want = (await naive({ search: 'zed' })).map((r) => r.username);
    const got: string[] = [];
    let after: string | null = null;
    do {
      const page = await directory.customers(portal.id, { first: 20, search: 'zed', after });
      got.push(...page.edges.map((e) => e.node.username));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(got).toEqual(want);
    expect(want.slice(0, 3)).toEqual(['aa-early1', 'aa-early2', 'mid0150x']);
    expect(COMMON_PREFIX_TERMS).toBeGreaterThan(320); // by default "zed" is rare: its terms, sorted and cut
  });

  it('answers every list read from an index (EXPLAIN), with no sort for the walks', async () => {
    const globex = (await ds.query('SELECT id FROM companies WHERE name = ?', ['Globex']))[0].id as string;
    const cursor = (await directory.customers(portal.id, { first: 30 })).pageInfo.endCursor;
    const initech = (await ds.query('SELECT id FROM companies WHERE name = ?', ['Initech']))[0].id as string;
    // A window that ends inside every list below (Initech has 95 customers), so the terms beyond it are read.
    const small: SearchBounds = { commonPrefixTerms: 50, window: 10 };
    // `sends`: a statement the read must send, so that the plan the case is about is the one checked.
    const reads: Array<{ f: Parameters<DirectoryService['customers']>[1]; sorted: boolean; bounds?: SearchBounds; sends?: RegExp }> = [
      { f: { first: 20 }, sorted: false },
      { f: { first: 20, after: cursor }, sorted: false },
      { f: { first: 20, twoFactorStatus: TwoFactorStatus.ENROLLED }, sorted: false },
      { f: { first: 20, twoFactorStatus: TwoFactorStatus.NOT_ENROLLED, after: cursor }, sorted: true }, // the merge sorts ≤ 2×21 rows
      { f: { first: 20, companyId: globex, after: cursor }, sorted: false },
      // The window's end, then the walk. (With the default window of 20,000 over this small table, MySQL
      // reads the window's end by a sort of the few rows instead: LIMIT exceeds the range.)
      { f: { first: 20, search: 'common' }, sorted: false, bounds: { commonPrefixTerms: COMMON_PREFIX_TERMS, window: 100 }, sends: /OFFSET 99/ },
      { f: { first: 20, search: 'common', after: cursor }, sorted: false, bounds: { commonPrefixTerms: COMMON_PREFIX_TERMS, window: 100 }, sends: /OFFSET 99/ },
      { f: { first: 20, search: 'common12' }, sorted: true }, // the rare plan sorts its few matches
      { f: { first: 20, search: 'zed.b' }, sorted: true, sends: /username_key IN/ }, // the rooted lookup
      // Past the window, from the terms beyond its end: sorted, from the rows alone or joined for a filter.
      { f: { first: 20, search: 'zed' }, sorted: true, bounds: small, sends: /^SELECT t\.account_id AS id, t\.username_key FROM customer_search_terms t .* LIMIT 42$/ },
      { f: { first: 20, search: 'zed', companyId: initech }, sorted: true, bounds: small, sends: /JOIN accounts a ON a\.id = m\.account_id/ },
      { f: { first: 20, search: 'zed', twoFactorStatus: TwoFactorStatus.NOT_ENROLLED }, sorted: true, bounds: small, sends: /JOIN accounts a/ },
    ];
    for (const { f, sorted, bounds, sends } of reads) {
      const seen: Array<[string, unknown[]]> = [];
      if (bounds) await customerPageIds(recording(ds.manager, seen), portal, f, clock.now(), bounds);
      else await new DirectoryService(recording(ds.manager, seen), new SmsLog(ds.manager, clock), factorReadsOf(ds.manager), clock).customers(portal.id, f);
      if (sends) expect({ f, sent: seen.some(([sql]) => sends.test(sql)) }).toEqual({ f, sent: true });
      const selects = seen.filter(([sql]) => /^\s*SELECT/i.test(sql));
      expect(selects.length).toBeGreaterThan(0);
      for (const [sql, params] of selects) {
        if (dialectOfSource(ds) === 'sqlite') {
          const plan: Array<{ detail: string }> = await ds.query(`EXPLAIN QUERY PLAN ${sql}`, params);
          const details = plan.map((p) => p.detail);
          // A SCAN of a table (not of a subquery's result or of a covering index) would be a full scan.
          const scans = details.filter((d) => /^SCAN (a|accounts|t|customer_search_terms)\b/.test(d) && !/COVERING INDEX|USING INDEX/.test(d));
          expect({ sql, scans }).toEqual({ sql, scans: [] });
          if (!sorted && /accounts a WHERE/.test(sql)) expect({ sql, details }).toEqual({ sql, details: details.filter((d) => !/TEMP B-TREE/.test(d)) });
        } else {
          const plan: Array<{ table: string; type: string; key: string | null; Extra: string | null }> = await ds.query(`EXPLAIN ${sql}`, params);
          for (const row of plan) {
            if (!['a', 't', 'accounts', 'customer_search_terms'].includes(row.table)) continue;
            expect({ sql, table: row.table, type: row.type, key: row.key !== null }).toEqual({ sql, table: row.table, type: expect.not.stringMatching(/^ALL$/), key: true });
            if (!sorted && row.table === 'a') expect({ sql, extra: row.Extra ?? '' }).toEqual({ sql, extra: expect.not.stringContaining('filesort') });
          }
        }
      }
    }
  });
});
