import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { openAppDatabase } from '../../src/entities';
import { FixedClock } from '../../src/lib/clock';
import { DirectoryService } from '../../src/portals/directory.service';
import { PortalRow } from '../../src/portals/portal.entity';
import { seedPortalFile } from '../../src/portals/portal-file/seed.service';
import { searchTermsOf, storedTermsOf } from '../../src/portals/search-terms';
import { SmsLog } from '../../src/sms/sms-log';
import { factorReadsOf } from '../../src/two-factor/factor-reads';
import { createTestDatabase } from '../support/mysql';

/**
 * Migration 0010 on a database that already has customers (docs/PERFORMANCE.md, Admin reads at a
 * million customers): down() gives back 0006's table with every term of every customer, up() rewrites
 * the rows `writeSearchTerms` would have written, and the search finds the same customers before and after.
 */

const PASSWORD = 'correct horse battery staple';
const customers = [
  { username: 'bob', password: PASSWORD, displayName: 'Bob Buyer', email: 'bob@mail.globex.test' },
  { username: 'carol.king', password: PASSWORD, displayName: 'Carol King', email: 'ck@globex.test' },
  { username: 'dan', password: PASSWORD, displayName: 'Dan Dunn-Smith', email: 'dan@initech.test' },
];
const FILE = {
  portals: [
    {
      slug: 'acme',
      name: 'Acme',
      twoFactorEnabled: false,
      profiles: [{ name: 'Master Admin', masterAdmin: true }],
      admins: [{ username: 'alice', password: PASSWORD, displayName: 'Alice Admin', profile: 'Master Admin' }],
      companies: [{ name: 'Globex', customers }],
    },
  ],
};

describe.each(['mysql', 'sqlite'] as const)('migration 0010 on %s', (dialect) => {
  let db: { url: string; drop: () => Promise<void> };
  let ds: DataSource;
  beforeAll(async () => {
    if (dialect === 'mysql') db = await createTestDatabase();
    else {
      const dir = mkdtempSync(join(tmpdir(), 'terms-migration-'));
      db = { url: `sqlite:${join(dir, 'a.sqlite')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
    }
    ds = await openAppDatabase(db.url, { migrate: true });
    const seeded = await seedPortalFile(ds, FILE, new FixedClock(new Date('2026-03-01T12:00:00Z')));
    if (!seeded.ok) throw new Error(JSON.stringify(seeded.problems));
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  const found = async (search: string) => {
    const portal = await ds.manager.findOneByOrFail(PortalRow, { slug: 'acme' });
    const d = new DirectoryService(ds.manager, new SmsLog(ds.manager, new FixedClock(new Date())), factorReadsOf(ds.manager), new FixedClock(new Date()));
    return (await d.customers(portal.id, { first: 10, search })).edges.map((e) => e.node.username);
  };
  const SEARCHES = ['b', 'bob@', 'bob@m', 'globex', 'mail.g', 'king', 'carol k', 'carol.', 'smith', 'dunn-', 'ck@', 'initech.t', 'x'];
  const storedRows = async () =>
    (await ds.query('SELECT term, rooted, username_key FROM customer_search_terms ORDER BY username_key, term')).map(
      (r: { term: string; rooted: number | string; username_key: string }) => `${r.username_key} ${r.term} ${Number(r.rooted)}`,
    );

  it('goes down to every term per account and up again to the stored terms, finding the same customers', async () => {
    const before = await Promise.all(SEARCHES.map(found));
    expect(before[SEARCHES.indexOf('bob@m')]).toEqual(['bob']); // a rooted term, found through its username
    const want = customers
      .flatMap((c) => storedTermsOf({ ...c, usernameKey: c.username }).map((t) => `${c.username} ${t.term} ${t.rooted ? 1 : 0}`))
      .sort();
    expect((await storedRows()).sort()).toEqual(want);

    // Down to just before 0010: later migrations (each self-contained) are undone first.
    for (;;) {
      const [last] = await ds.query('SELECT name FROM migrations ORDER BY id DESC LIMIT 1');
      await ds.undoLastMigration();
      if (last.name === 'SearchTermsByUsername1764260000010') break;
    }
    const old: Array<{ term: string }> = await ds.query('SELECT term FROM customer_search_terms');
    expect(old.map((r) => r.term).sort()).toEqual(customers.flatMap((c) => searchTermsOf(c)).sort());

    await ds.runMigrations();
    expect((await storedRows()).sort()).toEqual(want);
    expect(await Promise.all(SEARCHES.map(found))).toEqual(before);
  });
});
