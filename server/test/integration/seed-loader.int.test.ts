import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { verifyPassword } from '../../src/auth/passwords';
import { openAppDatabase } from '../../src/entities';
import { seedPortalFile } from '../../src/portals/portal-file/seed.service';
import { FixedClock } from '../../src/lib/clock';
import { readmeExamplePortalFile } from '../support/fixtures';
import { buildServerIfStale, SEED_CLI } from '../support/dist';
import { freshDatabases, NOTHING, portalFileCounts } from '../support/seeded-databases';

/**
 * The portal file loader (README "Commands" `db:seed`, "The portal file"): a good file loads; a file with any problem is
 * refused with every problem and its path, and writes nothing, even when only its last entry is bad;
 * a slug already in the database is refused; migrations are safe to run twice.
 */


/** The README's example portal file ("The portal file"), as written there (the passwords are the one character "…"). */
const README_EXAMPLE = readmeExamplePortalFile('…');

type Json = Record<string, any>;

/**
 * Two portals; everything is right except what `spoil` changes in the very last entry of the second.
 * The first portal has a "quinn" as well: the same username in two portals is allowed.
 */
function fileWithLastEntry(spoil: (portal: Json) => void): Json {
  const file: Json = {
    portals: [
      {
        slug: 'first',
        name: 'First',
        profiles: [{ name: 'Master Admin', masterAdmin: true }],
        admins: [{ username: 'quinn', password: 'pw-first', displayName: 'Quinn', profile: 'Master Admin' }],
        companies: [{ name: 'One', customers: [{ username: 'una', password: 'pw-una', displayName: 'Una' }] }],
      },
      {
        slug: 'second',
        name: 'Second',
        twoFactorEnabled: false,
        smsCountries: ['US'],
        profiles: [{ name: 'Master Admin', masterAdmin: true }],
        admins: [{ username: 'Quinn', password: 'pw-second', displayName: 'Quinn Two', profile: 'Master Admin' }],
        companies: [
          {
            name: 'Two',
            customers: [
              { username: 'tess', password: 'pw-tess', displayName: 'Tess' },
              { username: 'last', password: 'pw-last', displayName: 'Last One', email: 'last@two.test', enrolledPhone: '+14155550123' },
            ],
          },
        ],
      },
    ],
  };
  spoil(file.portals[1]);
  return file;
}
const LAST = 'portals[1].companies[0].customers[1]';
const lastCustomer = (p: Json): Json => p.companies[0].customers[1];

const counts = portalFileCounts;

describe('the portal file loader', () => {
  const clock = new FixedClock(new Date('2030-01-02T03:04:05Z'));
  const freshDatabase = freshDatabases();

  it("loads the README's example portal file, with argon2id hashes (m=19456, t=2, p=1) and carol's phone imported", async () => {
    const { ds } = await freshDatabase();
    expect(await seedPortalFile(ds, README_EXAMPLE, clock)).toEqual({ ok: true, portals: 1, admins: 1, customers: 2 });
    expect(await counts(ds)).toEqual({ portals: 1, profiles: 2, companies: 1, accounts: 3 });

    const [portal] = await ds.query('SELECT slug, name, sms_countries, two_factor_enabled, two_factor_generation FROM portals');
    expect({ ...portal, two_factor_enabled: Boolean(portal.two_factor_enabled) }).toEqual({
      slug: 'acme',
      name: 'Acme Freight',
      sms_countries: 'US,CA',
      two_factor_enabled: false,
      two_factor_generation: 1,
    });
    const accounts: Json[] = await ds.query(
      `SELECT a.username, a.kind, a.email, a.phone_e164, a.phone_generation, a.password_hash, p.name AS profile, c.name AS company
       FROM accounts a LEFT JOIN profiles p ON p.id = a.profile_id LEFT JOIN companies c ON c.id = a.company_id ORDER BY a.username`,
    );
    expect(accounts.map(({ password_hash: _h, ...rest }) => rest)).toEqual([
      { username: 'alice', kind: 'admin', email: null, phone_e164: null, phone_generation: null, profile: 'Master Admin', company: null },
      { username: 'bob', kind: 'customer', email: 'bob@globex.test', phone_e164: null, phone_generation: null, profile: null, company: 'Globex' },
      { username: 'carol', kind: 'customer', email: null, phone_e164: '+14155552671', phone_generation: 1, profile: null, company: 'Globex' },
    ]);
    for (const a of accounts) {
      expect(a.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(await verifyPassword(a.password_hash, '…')).toBe(true);
      expect(await verifyPassword(a.password_hash, '...')).toBe(false);
    }
  });

  it('refuses a slug that is already in the database, and writes nothing, not even the other portals of the file', async () => {
    const { ds } = await freshDatabase();
    expect((await seedPortalFile(ds, README_EXAMPLE, clock)).ok).toBe(true);
    const before = await counts(ds);
    const again = { portals: [fileWithLastEntry(() => undefined).portals[0], README_EXAMPLE.portals[0]] };
    expect(await seedPortalFile(ds, again, clock)).toEqual({
      ok: false,
      problems: [{ path: 'portals[1].slug', message: expect.stringContaining('already exists') }],
    });
    expect(await counts(ds)).toEqual(before);
  });

  describe('refuses a file with a problem in its last entry, saying where, and writes nothing', () => {
    let ds: DataSource;
    beforeAll(async () => {
      ({ ds } = await freshDatabase());
      // Control: the file unspoiled loads (in a database of its own).
      const control = await freshDatabase();
      expect(await seedPortalFile(control.ds, fileWithLastEntry(() => undefined), clock)).toMatchObject({ ok: true, portals: 2, customers: 3 });
    });

    const cases: Array<[what: string, spoil: (p: Json) => void, path: string, message: RegExp]> = [
      ['an unknown profile', (p) => p.admins.push({ username: 'zed', password: 'pw', displayName: 'Zed', profile: 'Dispatcher' }), 'portals[1].admins[1].profile', /unknown profile "Dispatcher"/],
      ['a username already used by an admin of the portal, in another case', (p) => (lastCustomer(p).username = 'QUINN'), `${LAST}.username`, /already used at portals\[1\]\.admins\[0\]\.username/],
      ['a username used twice among customers', (p) => (lastCustomer(p).username = 'Tess'), `${LAST}.username`, /already used/],
      ['a toll-free phone', (p) => (lastCustomer(p).enrolledPhone = '+18005550199'), `${LAST}.enrolledPhone`, /not an allowed mobile number/],
      ['a phone off the portal\'s country list', (p) => (lastCustomer(p).enrolledPhone = '+447911234567'), `${LAST}.enrolledPhone`, /not an allowed mobile number/],
      ['a phone that is not a number', (p) => (lastCustomer(p).enrolledPhone = 'call me'), `${LAST}.enrolledPhone`, /not an allowed mobile number/],
      ['a missing password', (p) => delete lastCustomer(p).password, `${LAST}.password`, /.+/],
      ['a missing displayName', (p) => delete lastCustomer(p).displayName, `${LAST}.displayName`, /.+/],
      ['a password of the wrong type', (p) => (lastCustomer(p).password = 12345), `${LAST}.password`, /string/i],
      ['twoFactorEnabled of the wrong type', (p) => (p.twoFactorEnabled = 'yes'), 'portals[1].twoFactorEnabled', /boolean/i],
      ['customers that are not a list', (p) => (p.companies[0].customers = { last: true }), 'portals[1].companies[0].customers', /array/i],
      ['a misspelled field (it would silently drop the phone)', (p) => { const c = lastCustomer(p); c.enroledPhone = c.enrolledPhone; delete c.enrolledPhone; }, LAST, /enroledPhone/],
      ['a password over 1024 bytes', (p) => (lastCustomer(p).password = 'é'.repeat(513)), `${LAST}.password`, /1024 bytes/],
      ['an email longer than the 254 characters a mailbox can have', (p) => (lastCustomer(p).email = `x@${Array(6).fill('d'.repeat(60)).join('.')}.test`), `${LAST}.email`, /254/],
      ['a username longer than its column once normalised', (p) => (lastCustomer(p).username = '\uFDFA'.repeat(11)), `${LAST}.username`, /191/],
      ['a country code that is not ISO alpha-2', (p) => (p.smsCountries = ['US', 'USA']), 'portals[1].smsCountries[1]', /alpha-2/],
      ['a slug used twice in the file', (p) => (p.slug = 'first'), 'portals[1].slug', /duplicate portal slug/],
      // One identity, one key: spellings MySQL's accent- and zero-width-blind collation called equal.
      ['a username that is another with a zero-width space', (p) => (lastCustomer(p).username = 'tess\u200b'), `${LAST}.username`, /must not contain control, invisible/],
      ['a username that is another in fullwidth letters', (p) => (lastCustomer(p).username = 'ＴＥＳＳ'), `${LAST}.username`, /already used at portals\[1\]\.companies\[0\]\.customers\[0\]\.username/],
      ['a username with a bidi override', (p) => (lastCustomer(p).username = '\u202etsal'), `${LAST}.username`, /bidi/],
      ['a profile twice, in another case', (p) => p.profiles.push({ name: 'MASTER ADMIN', masterAdmin: false }), 'portals[1].profiles[1].name', /duplicate profile "MASTER ADMIN"/],
      ['a display name with a terminal escape', (p) => (lastCustomer(p).displayName = 'Last\u001b[2J'), `${LAST}.displayName`, /must not contain control/],
      ['a company name with a bidi override', (p) => (p.companies[0].name = 'Two\u202eowT'), 'portals[1].companies[0].name', /bidi/],
    ];

    it.each(cases)('%s', async (_what, spoil, path, message) => {
      const result = await seedPortalFile(ds, fileWithLastEntry(spoil), clock);
      expect(result.ok).toBe(false);
      const problems = result.ok ? [] : result.problems;
      expect(problems).toEqual([{ path, message: expect.stringMatching(message) }]);
      expect(await counts(ds)).toEqual(NOTHING);
    });

    it('reports every problem of a file, not only the first', async () => {
      const result = await seedPortalFile(
        ds,
        fileWithLastEntry((p) => {
          p.admins[0].profile = 'Nope';
          lastCustomer(p).enrolledPhone = '+18005550199';
        }),
        clock,
      );
      expect(result.ok ? [] : result.problems.map((x) => x.path)).toEqual(['portals[1].admins[0].profile', `${LAST}.enrolledPhone`]);
      expect(await counts(ds)).toEqual(NOTHING);
    });
  });

  it('refuses "alice" beside "alice\u200b" or "Alice" with a listed problem, not a raw Duplicate entry, and writes nothing', async () => {
    const { ds } = await freshDatabase();
    for (const [twin, message] of [
      ['alice\u200b', /must not contain control, invisible \(zero-width, format\) or text-direction \(bidi\) characters/],
      ['Alice', /username "Alice" is already used at portals\[0\]\.admins\[0\]\.username/],
    ] as const) {
      const file = structuredClone(README_EXAMPLE);
      file.portals[0].companies[0].customers[0].username = twin;
      const result = await seedPortalFile(ds, file, clock);
      expect(result).toEqual({ ok: false, problems: [{ path: 'portals[0].companies[0].customers[0].username', message: expect.stringMatching(message) }] });
      expect(await counts(ds)).toEqual(NOTHING);
    }
  });

  it('is safe to migrate twice: the second run applies nothing and the schema stays usable', async () => {
    const { url, ds } = await freshDatabase();
    expect(await ds.runMigrations({ transaction: 'each' })).toEqual([]);
    expect(await ds.showMigrations()).toBe(false);
    const again = await openAppDatabase(url, { migrate: true });
    try {
      expect(await again.showMigrations()).toBe(false);
      const applied = await again.query('SELECT name FROM migrations ORDER BY id');
      expect(applied.length).toBeGreaterThanOrEqual(3);
      expect(new Set(applied.map((r: Json) => r.name)).size).toBe(applied.length);
      expect((await seedPortalFile(again, README_EXAMPLE, clock)).ok).toBe(true);
    } finally {
      await again.destroy();
    }
  });

  describe('the db:seed command (server/dist/cli/seed.js)', () => {
    let url: string;
    let ds: DataSource;
    const dir = mkdtempSync(join(tmpdir(), 'seed-cli-'));
    const write = (name: string, content: string) => {
      const file = join(dir, name);
      writeFileSync(file, content);
      return file;
    };
    const runSeed = (...args: string[]) =>
      spawnSync(process.execPath, [SEED_CLI, ...args], { env: { PATH: process.env.PATH ?? '', DATABASE_URL: url }, encoding: 'utf8', timeout: 30_000 });

    beforeAll(async () => {
      buildServerIfStale();
      ({ url, ds } = await freshDatabase());
    }, 150_000);

    it('refuses a bad file: exit code 1, the problems with their paths on stderr, nothing written', () => {
      const bad = write('bad.json', JSON.stringify(fileWithLastEntry((p) => (lastCustomer(p).enrolledPhone = '+18005550199'))));
      const r = runSeed(bad);
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('not loaded, nothing was written');
      expect(r.stderr).toContain(`${LAST}.enrolledPhone: not an allowed mobile number`);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
      return counts(ds).then((c) => expect(c).toEqual(NOTHING));
    });

    it('refuses a file that is not JSON, or no file at all, with one clear line', () => {
      const notJson = runSeed(write('broken.json', '{ "portals": [ '));
      expect(notJson.status).toBe(1);
      expect(notJson.stderr).toMatch(/^error: .*broken\.json: cannot read it as JSON/);
      expect(notJson.stderr).not.toMatch(/\n\s+at /);
      const none = runSeed();
      expect(none.status).toBe(1);
      expect(none.stderr).toMatch(/^error: usage: npm run db:seed -- FILE/);
    });

    it('never prints a raw control or bidi character from the file: what it quotes is escaped as text', async () => {
      const ESC = '\u001b';
      const spoiled = fileWithLastEntry((p) => {
        const c = lastCustomer(p);
        c.username = `last${ESC}[31m`;
        c.displayName = `Last${ESC}]0;owned\u0007`;
        c[`note${ESC}[2J\u202e`] = 'an unknown key, which the problem names';
      });
      const r = runSeed(write(`bad${ESC}[31m.json`, JSON.stringify(spoiled)));
      expect(r.status).toBe(1);
      const printed = r.stdout + r.stderr;
      expect(printed).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
      expect(r.stderr).toContain(`${LAST}.username: must not contain control`);
      expect(r.stderr).toContain(`${LAST}.displayName: must not contain control`);
      expect(r.stderr).toContain('note\\u001b[2J\\u202e'); // the key's name, as text
      expect(r.stderr).toContain('bad\\u001b[31m.json: not loaded');
      // Not JSON at all, under a file name with an escape: the one error line is escaped too.
      const broken = runSeed(write(`broken${ESC}[31m.json`, '{ "portals": [ '));
      expect(broken.status).toBe(1);
      expect(broken.stderr).toContain('broken\\u001b[31m.json: cannot read it as JSON');
      expect(broken.stderr).not.toContain(ESC);
      expect(await counts(ds)).toEqual(NOTHING);
    });

    it('loads a good file: exit code 0 and a summary', async () => {
      const r = runSeed(write('good.json', JSON.stringify(README_EXAMPLE)));
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toBe('loaded 1 portal(s), 1 admin(s), 2 customer(s)\n');
      expect(await counts(ds)).toEqual({ portals: 1, profiles: 2, companies: 1, accounts: 3 });
      // And a second time: the slug exists, refused.
      const again = runSeed(join(dir, 'good.json'));
      expect(again.status).toBe(1);
      expect(again.stderr).toContain('portals[0].slug: a portal "acme" already exists');
    });
  });
});
