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
  it("accepts CONTRACT §3's example", () => {
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
});
