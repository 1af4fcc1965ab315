import { clientFrom, startTestApp, type TestApp } from '../support/harness';

const PORTAL = `query($slug: String!) { portal(slug: $slug) { slug name smsCountries } }`;

/** The login page's portal name and SMS countries, readable before sign-in, and nothing more. */
describe('public portal', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('answers the name and countries of a portal, and null for an unknown slug', async () => {
    const c = clientFrom(app);
    expect((await c.gql(PORTAL, { slug: 'acme' })).body.data.portal).toEqual({ slug: 'acme', name: 'Acme Freight', smsCountries: ['US', 'CA', 'GB'] });
    expect((await c.gql(PORTAL, { slug: 'ACME' })).body.data.portal.slug).toBe('acme');
    expect((await c.gql(PORTAL, { slug: 'other' })).body.data.portal.smsCountries).toBeNull();
    expect((await c.gql(PORTAL, { slug: 'nope' })).body.data.portal).toBeNull();
  });
});
