import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../../src/auth/passwords';
import { writeCustomerFile } from '../../src/bench/customer-file';
import { openAppDatabase } from '../../src/entities';
import { FixedClock } from '../../src/lib/clock';
import { seedPortalLines } from '../../src/portals/portal-file/seed-lines.service';
import { buildServerIfStale, SEED_CLI } from '../support/dist';
import { clientFrom, freshIp, login, startTestApp, type TestApp } from '../support/harness';
import { freshDatabases, NOTHING, portalFileCounts } from '../support/seeded-databases';
import { StatementLog } from '../support/statement-log';
import { medianLatencies } from '../support/timing';

/**
 * The JSON Lines portal file (README "Bulk import"): a good file loads through the stream; a file with
 * any bad line is refused with every problem and its line number, and writes nothing; imported hashes
 * are used as they are (argon2id at the server's parameters or stronger, bcrypt from an older system),
 * a bcrypt account signs in and is re-hashed to argon2id once, and a wrong password against it costs
 * what it costs against any account of its portal (docs/SECURITY.md, Accounts and enumeration).
 */

type Json = Record<string, unknown>;
const PLAIN = 'plain password of the file';
const LEGACY = 'legacy password from the old system';
const WEAK_ARGON2 = '$argon2id$v=19$m=4096,t=3,p=1$c2FsdHNhbHRzYWx0c2FsdA$0123456789abcdef0123456789abcdef0123456789a';

const dir = mkdtempSync(join(tmpdir(), 'bulk-import-'));
let fileNo = 0;
function jsonl(lines: ReadonlyArray<Json | string>, ext = 'jsonl'): string {
  fileNo += 1;
  const path = join(dir, `portal-${fileNo}.${ext}`);
  writeFileSync(path, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
  return path;
}

const header = (over: Json = {}): Json => ({
  slug: 'legacy',
  name: 'Legacy Freight',
  smsCountries: ['US'],
  profiles: [{ name: 'Master Admin', masterAdmin: true }],
  admins: [{ username: 'root', password: PLAIN, displayName: 'Root', profile: 'Master Admin' }],
  companies: ['Globex', 'Initech'],
  ...over,
});

const counts = portalFileCounts;
const clock = new FixedClock(new Date('2030-01-02T03:04:05Z'));

describe('the JSON Lines portal file', () => {
  let bcrypt10: string;
  let bcrypt11: string;
  let argon2: string;
  beforeAll(async () => {
    bcrypt10 = bcrypt.hashSync(LEGACY, 10);
    bcrypt11 = bcrypt.hashSync(LEGACY, 11);
    argon2 = await hashPassword(LEGACY);
  });
  const customers = () => [
    { username: 'pat', displayName: 'Pat Plain', email: 'pat@globex.test', company: 'Globex', password: PLAIN },
    { username: 'bea', displayName: 'Bea Bcrypt', company: 'Globex', passwordHash: bcrypt10 },
    { username: 'ben', displayName: 'Ben Bcrypt', company: 'Initech', passwordHash: bcrypt11.replace('$2b$', '$2y$') },
    { username: 'ada', displayName: 'Ada Argon', company: 'initech', passwordHash: argon2, enrolledPhone: '+14155550101' },
  ];

  describe('on MySQL', () => {
    const freshDatabase = freshDatabases();

    it('loads the portal and its customers: imported hashes as they are, passwords hashed, no plaintext stored', async () => {
      const { ds } = await freshDatabase();
      expect(await seedPortalLines(ds, jsonl([header(), ...customers()]), clock)).toEqual({ ok: true, portals: 1, admins: 1, customers: 4 });
      expect(await counts(ds)).toEqual({ portals: 1, profiles: 1, companies: 2, accounts: 5 });
      const rows: Json[] = await ds.query(
        `SELECT a.username, a.password_hash, a.phone_e164, a.phone_generation, c.name AS company
           FROM accounts a LEFT JOIN companies c ON c.id = a.company_id ORDER BY a.username`,
      );
      const by = Object.fromEntries(rows.map((r) => [r.username, r]));
      expect(by.bea.password_hash).toBe(bcrypt10);
      expect(by.ben.password_hash).toMatch(/^\$2y\$11\$/);
      expect(by.ada).toMatchObject({ password_hash: argon2, phone_e164: '+14155550101', phone_generation: 1, company: 'Initech' });
      expect(by.pat.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(by.root.password_hash).toMatch(/^\$argon2id\$/);
      for (const r of rows) expect(String(r.password_hash)).not.toContain(PLAIN);
      const [portal] = await ds.query('SELECT legacy_password_cost FROM portals');
      expect(Number(portal.legacy_password_cost)).toBe(11);
    });

    it('refuses a file with bad lines, listing every problem by line number, and writes nothing', async () => {
      const { ds } = await freshDatabase();
      const [pat, bea, ben, ada] = customers();
      const file = jsonl([
        header(),
        pat,
        '{ "username": "half',
        { ...bea, company: 'Umbrella' },
        '',
        { ...ben, username: 'PAT' },
        { ...ada, passwordHash: WEAK_ARGON2 },
        { ...ada, username: 'bob', passwordHash: bcrypt.hashSync('x', 4) },
        { username: 'noone', displayName: 'No Secret', company: 'Globex' },
        { ...pat, username: 'both', passwordHash: argon2 },
        { ...ada, username: 'tollfree', enrolledPhone: '+18005550199' },
        { ...pat, username: 'root' },
      ]);
      const result = await seedPortalLines(ds, file, clock);
      expect(result.ok).toBe(false);
      expect(result.ok ? [] : result.problems).toEqual([
        { path: 'line 3', message: expect.stringMatching(/^not JSON/) },
        { path: 'line 4.company', message: 'unknown company "Umbrella" (not in line 1\'s companies)' },
        { path: 'line 6.username', message: expect.stringContaining('username "PAT" is already used at line 2') },
        { path: 'line 7.passwordHash', message: expect.stringMatching(/m=4096,t=3,p=1 are weaker than this server's/) },
        { path: 'line 8.passwordHash', message: expect.stringMatching(/bcrypt cost 4 is weaker than 10/) },
        { path: 'line 9.password', message: 'required: password or passwordHash' },
        { path: 'line 10.passwordHash', message: 'give password or passwordHash, not both' },
        { path: 'line 11.enrolledPhone', message: expect.stringMatching(/not an allowed mobile number/) },
        { path: 'line 12.username', message: expect.stringContaining('already used at line 1.admins[0].username') },
      ]);
      expect(JSON.stringify(result)).not.toContain(WEAK_ARGON2.slice(30)); // a hash is never quoted back
      expect(await counts(ds)).toEqual(NOTHING);
    });

    it('lists the first 100 problems and counts the rest', async () => {
      const { ds } = await freshDatabase();
      const bad = Array.from({ length: 250 }, (_, i) => ({ username: `u${i}`, displayName: 'U', company: 'Nowhere', password: PLAIN }));
      const result = await seedPortalLines(ds, jsonl([header(), ...bad]), clock);
      const problems = result.ok ? [] : result.problems;
      expect(problems).toHaveLength(101);
      expect(problems[99].path).toBe('line 101.company');
      expect(problems[100]).toEqual({ path: '…', message: 'and 150 more problem(s)' });
      expect(await counts(ds)).toEqual(NOTHING);
    });

    it('refuses a bad header and an existing slug', async () => {
      const { ds } = await freshDatabase();
      const broken = await seedPortalLines(ds, jsonl([header({ companies: ['Globex', 'GLOBEX'], twoFactorEnabled: 'yes' })]), clock);
      expect(broken.ok ? [] : broken.problems.map((p) => p.path)).toEqual(['line 1.twoFactorEnabled']);
      const dupCompany = await seedPortalLines(ds, jsonl([header({ companies: ['Globex', 'GLOBEX'] })]), clock);
      expect(dupCompany.ok ? [] : dupCompany.problems).toEqual([{ path: 'line 1.companies[1]', message: 'duplicate company "GLOBEX"' }]);
      expect((await seedPortalLines(ds, jsonl([header()]), clock)).ok).toBe(true);
      expect(await seedPortalLines(ds, jsonl([header(), customers()[0]]), clock)).toEqual({
        ok: false,
        problems: [{ path: 'line 1.slug', message: 'a portal "legacy" already exists in this database' }],
      });
    });

    it('streams a generated file of 5,000 customers (the bench generator), enrolled share and big company included', async () => {
      const { ds } = await freshDatabase();
      const f = await writeCustomerFile(join(dir, 'generated.ndjson'), { customers: 5000, bigCompanyCustomers: 3000, otherCompanies: 7, enrolledShare: 0.1 });
      expect(f.enrolled).toBe(500);
      expect(await seedPortalLines(ds, f.path, clock)).toEqual({ ok: true, portals: 1, admins: 1, customers: 5000 });
      const [big] = await ds.query(
        `SELECT COUNT(*) AS n FROM accounts a JOIN companies c ON c.id = a.company_id WHERE c.name = ?`,
        [f.bigCompany],
      );
      expect(Number(big.n)).toBe(3000);
      const [enrolled] = await ds.query('SELECT COUNT(*) AS n FROM accounts WHERE phone_e164 IS NOT NULL');
      expect(Number(enrolled.n)).toBe(500);
      expect(await counts(ds)).toEqual({ portals: 1, profiles: 1, companies: 8, accounts: 5001 });
      // The import leaves what the admin pages read: stored counts equal to the rows, and search terms.
      const [portal] = await ds.query('SELECT id, customer_count, enrolled_count FROM portals');
      expect([Number(portal.customer_count), Number(portal.enrolled_count)]).toEqual([5000, 500]);
      const [bigCount] = await ds.query('SELECT customer_count FROM companies WHERE name = ?', [f.bigCompany]);
      expect(Number(bigCount.customer_count)).toBe(3000);
      // The email starts with the username: a rooted row (portals/search-terms.ts); the username itself is no row.
      const u = f.username(4321);
      const terms: Array<{ account_id: string; rooted: number | string; username_key: string; term: string }> = await ds.query(
        'SELECT account_id, rooted, username_key, term FROM customer_search_terms WHERE portal_id = ? AND username_key = ? ORDER BY term',
        [portal.id, u],
      );
      const [who] = await ds.query('SELECT id FROM accounts WHERE username = ?', [u]);
      expect(terms.find((t) => t.term === `${u}@bulk.test`)).toEqual({ account_id: who.id, rooted: expect.anything(), username_key: u, term: `${u}@bulk.test` });
      expect(terms.map((t) => [t.term, Number(t.rooted)])).toEqual([['4321', 0], ['bulk.test', 0], ['customer 4321', 0], [`${u}@bulk.test`, 1]]);
    });

    describe('the db:seed command', () => {
      let url: string;
      beforeAll(async () => {
        buildServerIfStale();
        ({ url } = await freshDatabase());
      }, 150_000);
      const runSeed = (file: string) =>
        spawnSync(process.execPath, [SEED_CLI, file], { env: { PATH: process.env.PATH ?? '', DATABASE_URL: url }, encoding: 'utf8', timeout: 60_000 });

      it('loads a .ndjson file with a summary, and refuses a bad one with its line numbers', () => {
        const bad = runSeed(jsonl([header(), customers()[0], { ...customers()[1], company: 'Nope' }], 'ndjson'));
        expect(bad.status).toBe(1);
        expect(bad.stderr).toContain('not loaded, nothing was written');
        expect(bad.stderr).toContain('  line 3.company: unknown company "Nope"');
        const good = runSeed(jsonl([header(), ...customers()]));
        expect(good.stderr).toBe('');
        expect(good.stdout).toBe('loaded 1 portal(s), 1 admin(s), 4 customer(s)\n');
      });
    });
  });

  describe('signing in with an imported hash', () => {
    let app: TestApp;
    let sql: StatementLog;
    beforeAll(async () => {
      app = await startTestApp();
      sql = new StatementLog(app.running.ds);
      const loaded = await seedPortalLines(app.running.ds, jsonl([header(), ...customers()]), app.clock);
      if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    });
    afterAll(() => app.close());
    const attempt = (username: string, password: string) => login(clientFrom(app, freshIp()), username, 'legacy', password);
    const hashOf = async (username: string): Promise<string> =>
      (await app.running.ds.query('SELECT password_hash FROM accounts WHERE username_key = ?', [username]))[0].password_hash;

    it('a bcrypt customer signs in, is re-hashed to argon2id by one UPDATE, then signs in with that', async () => {
      expect((await attempt('bea', 'not the legacy password')).code).toBe('INVALID_CREDENTIALS');
      expect(await hashOf('bea')).toBe(bcrypt10);
      let first: any;
      const statements = await sql.during(async () => (first = await attempt('bea', LEGACY)));
      expect(first).toMatchObject({ __typename: 'Authenticated', viewer: { username: 'bea', kind: 'CUSTOMER' } });
      expect(statements.filter((s) => s === 'UPDATE accounts')).toHaveLength(1);
      const rehashed = await hashOf('bea');
      expect(rehashed).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(rehashed).not.toContain(LEGACY);
      const again = await sql.during(async () => expect((await attempt('bea', LEGACY)).__typename).toBe('Authenticated'));
      expect(again).not.toContain('UPDATE accounts');
      expect((await attempt('bea', 'not the legacy password')).code).toBe('INVALID_CREDENTIALS');
      // A $2y$ hash (PHP's) verifies too.
      expect((await attempt('ben', LEGACY)).__typename).toBe('Authenticated');
      expect(await hashOf('ben')).toMatch(/^\$argon2id\$/);
    });

    it('in a portal with bcrypt hashes, a wrong password costs the same for bcrypt, argon2id and unknown names', async () => {
      // The portal's legacy cost is 11 (ben): every wrong answer costs one argon2id plus one bcrypt-11 run.
      const legacyOnly = await app.running.ds.query("SELECT password_hash FROM accounts WHERE username_key = 'pat'");
      expect(legacyOnly[0].password_hash).toMatch(/^\$argon2id\$/);
      await app.running.ds.query("UPDATE accounts SET password_hash = ? WHERE username_key = 'ben'", [bcrypt11]);
      const cases = {
        bcrypt10: () => attempt('bea-unmigrated', 'wrong'),
        bcrypt11: () => attempt('ben', 'wrong'),
        argon2: () => attempt('ada', 'wrong'),
        unknown: () => attempt('nobody-here', 'wrong'),
      };
      await app.running.ds.query(
        "INSERT INTO accounts (id, portal_id, kind, username, username_key, password_hash, display_name, created_at) SELECT 'bea-unmigrated-id', portal_id, 'customer', 'bea-unmigrated', 'bea-unmigrated', ?, 'Bea', 0 FROM accounts WHERE username_key = 'ada'",
        [bcrypt10],
      );
      for (const run of Object.values(cases)) expect((await run()).code).toBe('INVALID_CREDENTIALS');
      const ms = await medianLatencies(cases, 5);
      for (const name of ['bcrypt10', 'argon2', 'unknown'] as const) {
        expect(ms[name]).toBeGreaterThanOrEqual(0.6 * ms.bcrypt11);
        expect(ms[name]).toBeLessThanOrEqual(1.6 * ms.bcrypt11);
      }
    });
  });

  describe('on SQLite', () => {
    let ds: DataSource;
    beforeAll(async () => {
      ds = await openAppDatabase(`sqlite:${join(dir, 'bulk.sqlite')}`, { migrate: true });
    });
    afterAll(() => ds.destroy());

    it('writes nothing for a bad file, then loads the good one in one transaction', async () => {
      const bad = await seedPortalLines(ds, jsonl([header(), ...customers(), { ...customers()[0], username: 'Pat' }]), clock);
      expect(bad.ok ? [] : bad.problems.map((p) => p.path)).toEqual(['line 6.username']);
      expect(await counts(ds)).toEqual(NOTHING);
      expect(await seedPortalLines(ds, jsonl([header(), ...customers()]), clock)).toMatchObject({ ok: true, customers: 4 });
      expect(await counts(ds)).toEqual({ portals: 1, profiles: 1, companies: 2, accounts: 5 });
    });
  });
});
