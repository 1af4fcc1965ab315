import { clientFrom, startTestApp, type TestApp } from '../support/harness';

const PORTAL = `query($slug: String!) { portal(slug: $slug) { slug name smsCountries } }`;

/** The login page's portal name and SMS countries, readable before sign-in, and nothing more. */
describe('public portal', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { RATE_PORTAL_LOOKUP_PER_IP: '5' } });
  });
  afterAll(() => app.close());

  it('answers the name and countries of a portal, and null for an unknown slug', async () => {
    const c = clientFrom(app);
    expect((await c.gql(PORTAL, { slug: 'acme' })).body.data.portal).toEqual({ slug: 'acme', name: 'Acme Freight', smsCountries: ['US', 'CA', 'GB'] });
    expect((await c.gql(PORTAL, { slug: 'ACME' })).body.data.portal.slug).toBe('acme');
    expect((await c.gql(PORTAL, { slug: 'other' })).body.data.portal.smsCountries).toBeNull();
    expect((await c.gql(PORTAL, { slug: 'nope' })).body.data.portal).toBeNull();
  });

  it('counts lookups per client address like password attempts: past the limit, RATE_LIMITED with a wait, for known and unknown slugs alike', async () => {
    const ip = '198.51.100.201';
    const c = clientFrom(app, ip);
    const slugs = ['acme', 'nope-1', 'other', 'nope-2', 'acme'];
    for (const slug of slugs) expect((await c.gql(PORTAL, { slug })).body.errors).toBeUndefined();
    for (const slug of ['acme', 'nope-3']) {
      const r = await c.gql(PORTAL, { slug });
      expect(r.body.data?.portal ?? null).toBeNull();
      expect(r.body.errors?.map((e) => e.extensions?.code)).toEqual(['RATE_LIMITED']);
      expect((r.body.errors?.[0].extensions as { retryAfterSeconds?: number }).retryAfterSeconds).toBeGreaterThan(0);
    }
    // Another address is not affected; the first one's window ends 15 minutes after its first lookup.
    expect((await clientFrom(app, '198.51.100.202').gql(PORTAL, { slug: 'acme' })).body.data.portal.slug).toBe('acme');
    app.clock.advanceSeconds(15 * 60);
    expect((await c.gql(PORTAL, { slug: 'acme' })).body.data.portal.slug).toBe('acme');
  });
});
