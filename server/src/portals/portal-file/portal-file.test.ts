import { checkPortalFile } from './portal-file';

const base = () => ({
  portals: [
    {
      slug: 'acme',
      name: 'Acme Freight',
      smsCountries: ['US', 'CA'],
      profiles: [{ name: 'Master Admin', masterAdmin: true }],
      admins: [{ username: 'alice', password: 'pw', displayName: 'Alice', profile: 'Master Admin' }],
      companies: [
        {
          name: 'Globex',
          customers: [
            { username: 'bob', password: 'pw', displayName: 'Bob', email: 'bob@globex.test' },
            { username: 'carol', password: 'pw', displayName: 'Carol', enrolledPhone: '+14155552671' },
          ],
        },
      ],
    },
  ],
});

const problems = (raw: unknown) => {
  const r = checkPortalFile(raw);
  return r.ok ? [] : r.problems;
};

describe('the portal file check', () => {
  it("accepts the README's example portal file", () => {
    expect(checkPortalFile(base()).ok).toBe(true);
  });

  it('names an unknown profile with its path', () => {
    const f = base();
    f.portals[0].admins[0].profile = 'Boss';
    expect(problems(f)).toEqual([{ path: 'portals[0].admins[0].profile', message: expect.stringContaining('unknown profile "Boss"') }]);
  });

  it('finds a duplicate username across admins and customers, whatever its case', () => {
    const f = base();
    f.portals[0].companies[0].customers[1].username = 'ALICE';
    expect(problems(f)).toEqual([
      { path: 'portals[0].companies[0].customers[1].username', message: expect.stringContaining('portals[0].admins[0].username') },
    ]);
  });

  it('refuses a phone that is not an allowed mobile number', () => {
    const f = base();
    f.portals[0].companies[0].customers[1].enrolledPhone = '+442079460000';
    expect(problems(f)[0].path).toBe('portals[0].companies[0].customers[1].enrolledPhone');
  });

  it('reports missing fields and wrong types with their paths, all at once', () => {
    const f = base() as any;
    delete f.portals[0].companies[0].customers[0].password;
    f.portals[0].twoFactorEnabled = 'yes';
    const paths = problems(f).map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['portals[0].companies[0].customers[0].password', 'portals[0].twoFactorEnabled']));
  });

  it('refuses unknown fields (a typo must not be silently ignored)', () => {
    const f = base() as any;
    f.portals[0].companies[0].customers[0].enroledPhone = '+14155552671';
    expect(problems(f)[0].path).toBe('portals[0].companies[0].customers[0]');
  });

  describe('one identity per username (docs/SECURITY.md "One identity, one key")', () => {
    it.each([
      ['zero-width space', 'alice\u200b'],
      ['zero-width joiner', 'ali\u200dce'],
      ['byte order mark', '\ufeffalice'],
      ['right-to-left override', '\u202ealice'],
      ['bidi isolate', 'alice\u2066'],
      ['left-to-right mark', 'alice\u200e'],
      ['ESC (a terminal command)', 'alice\u001b[31m'],
      ['newline', 'ali\nce'],
    ])('refuses a username with a %s, naming the field in plain words', (_what, username) => {
      const f = base();
      f.portals[0].companies[0].customers[0].username = username;
      expect(problems(f)).toEqual([
        { path: 'portals[0].companies[0].customers[0].username', message: expect.stringMatching(/must not contain control, invisible .*bidi/) },
      ]);
    });

    it('refuses "alice" twice in another width or case, at the second one', () => {
      for (const twin of ['Alice', 'ＡＬＩＣＥ', ' alice ']) {
        const f = base();
        f.portals[0].companies[0].customers[0].username = twin;
        expect(problems(f)).toEqual([
          { path: 'portals[0].companies[0].customers[0].username', message: expect.stringContaining('already used at portals[0].admins[0].username') },
        ]);
      }
    });

    it('accepts "álice" beside "alice": an accent makes another name', () => {
      const f = base();
      f.portals[0].companies[0].customers[0].username = 'álice';
      expect(checkPortalFile(f).ok).toBe(true);
    });

    it('refuses two profiles whose names differ only in case or width', () => {
      const f = base();
      f.portals[0].profiles.push({ name: 'MASTER ADMIN', masterAdmin: false });
      expect(problems(f)).toEqual([{ path: 'portals[0].profiles[1].name', message: 'duplicate profile "MASTER ADMIN"' }]);
    });
  });

  describe('no terminal escapes or bidi controls from the file', () => {
    const ESC = '\u001b';
    it.each([
      ['a display name', (f: any) => (f.portals[0].companies[0].customers[0].displayName = `Bob${ESC}[2J`), 'portals[0].companies[0].customers[0].displayName'],
      ['an admin display name', (f: any) => (f.portals[0].admins[0].displayName = 'Alice\u202eecilA'), 'portals[0].admins[0].displayName'],
      ['a company name', (f: any) => (f.portals[0].companies[0].name = `Globex${ESC}]0;pwned\u0007`), 'portals[0].companies[0].name'],
      ['a portal name', (f: any) => (f.portals[0].name = 'Acme\nFreight'), 'portals[0].name'],
      ['a profile name', (f: any) => (f.portals[0].profiles[0].name = 'Master\u2066Admin'), 'portals[0].profiles[0].name'],
      ['a slug', (f: any) => (f.portals[0].slug = `acme${ESC}[31m`), 'portals[0].slug'],
    ])('refuses control or bidi characters in %s, with its path', (_what, spoil, path) => {
      const f = base();
      spoil(f);
      const found = problems(f);
      expect(found.map((p) => p.path)).toContain(path);
      expect(found.find((p) => p.path === path)?.message).toMatch(/control|lower-case letters/);
    });

    it('keeps zero-width joiners and accents in display names', () => {
      const f = base();
      f.portals[0].companies[0].customers[0].displayName = 'Zoë 👩\u200d💻';
      f.portals[0].companies[0].name = 'می\u200cخواهم';
      expect(checkPortalFile(f).ok).toBe(true);
    });

    it('never quotes input raw in a problem: unknown keys, usernames and profiles are escaped', () => {
      const f = base() as any;
      f.portals[0].companies[0].customers[0][`x${ESC}[31m`] = 1;
      const unknownKey = problems(f);
      expect(unknownKey).toHaveLength(1);
      expect(unknownKey[0].message).toContain('x\\u001b[31m');

      const g = base() as any;
      g.portals[0].admins[0].profile = `Boss${ESC}[2J\u202e`;
      g.portals[0].companies[0].customers[0].username = 'ALICE';
      const all = JSON.stringify(problems(g));
      expect(problems(g).length).toBeGreaterThan(0);
      for (const p of [...unknownKey, ...problems(g)]) {
        expect(`${p.path} ${p.message}`).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
      }
      expect(all).not.toContain(ESC);
    });
  });
});

describe('imported password hashes (README "Bulk import")', () => {
  const SERVER = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY';
  const withHash = (passwordHash: string) => {
    const f = base() as any;
    delete f.portals[0].companies[0].customers[0].password;
    f.portals[0].companies[0].customers[0].passwordHash = passwordHash;
    return f;
  };
  const at = 'portals[0].companies[0].customers[0].passwordHash';

  it.each([
    ['the server\'s argon2id parameters', SERVER],
    ['stronger argon2id parameters', SERVER.replace('m=19456,t=2,p=1', 'm=65536,t=3,p=4')],
    ['bcrypt $2b$ cost 10', `$2b$10$${'a'.repeat(53)}`],
    ['bcrypt $2a$ cost 12', `$2a$12$${'a'.repeat(53)}`],
    ['bcrypt $2y$ cost 11', `$2y$11$${'a'.repeat(53)}`],
  ])('accepts %s', (_what, hash) => {
    expect(checkPortalFile(withHash(hash)).ok).toBe(true);
  });

  it.each([
    ['less memory', SERVER.replace('m=19456', 'm=4096'), /weaker than this server's/],
    ['fewer passes', SERVER.replace('t=2', 't=1'), /weaker than this server's/],
    ['more memory than a sign-in may take', SERVER.replace('m=19456', 'm=1048576'), /cost more than one sign-in may/],
    ['a short salt', SERVER.replace('c2FsdHNhbHRzYWx0c2FsdA', 'c2FsdA'), /salt shorter than 16 bytes/],
    ['argon2i', SERVER.replace('argon2id', 'argon2i'), /must be argon2id, version 19/],
    ['argon2id version 16', SERVER.replace('v=19', 'v=16'), /must be argon2id, version 19/],
    ['bcrypt cost 4', `$2b$04$${'a'.repeat(53)}`, /bcrypt cost 4 is weaker than 10/],
    ['bcrypt cost 14', `$2b$14$${'a'.repeat(53)}`, /bcrypt cost 14 costs more/],
    ['a plaintext password in passwordHash', 'hunter2', /must be an argon2id PHC string/],
  ])('refuses %s, with its path', (_what, hash, message) => {
    expect(problems(withHash(hash))).toEqual([{ path: at, message: expect.stringMatching(message) }]);
  });

  it('wants exactly one of password and passwordHash', () => {
    const both = withHash(SERVER);
    both.portals[0].companies[0].customers[0].password = 'pw';
    expect(problems(both)).toEqual([{ path: at, message: 'give password or passwordHash, not both' }]);
    const none = base() as any;
    delete none.portals[0].admins[0].password;
    expect(problems(none)).toEqual([{ path: 'portals[0].admins[0].password', message: 'required: password or passwordHash' }]);
  });
});
