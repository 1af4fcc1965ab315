import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, getNamedType, isInputObjectType, type GraphQLField, type GraphQLInputType } from 'graphql';
import { PASSWORD, RESET, VERIFY, VIEWER } from '../support/fixtures';
import type { GqlClient } from '../support/gql-client';
import { clientFrom, login, startTestApp, type TestApp } from '../support/harness';

/**
 * Portals do not see into each other (docs/SECURITY.md "Authorization and tenancy"): an admin of acme
 * asking about other's customer olive learns exactly what they learn about an id that does not
 * exist, and the portal always comes from the session, never from input.
 */

const NO_SUCH_ID = '3f0b8a4e-6c1d-4e7a-9b2f-5d8c7e6a1b90';
const CUSTOMER = `query($id: ID!) { customer(id: $id) { id username } }`;
const COMPANY = `query($id: ID!) { company(id: $id) { id name } }`;
const EVENTS_OF = `query($id: ID) { twoFactorEvents(first: 100, customerId: $id) { edges { node { type customerId adminId } } } }`;
const SEARCH = `query($s: String) { customers(first: 100, search: $s) { edges { node { id username } } } }`;

describe('tenancy', () => {
  let app: TestApp;
  let alice: GqlClient; // admin of acme
  let oscar: GqlClient; // admin of other
  let oliveId: string;
  let umbrellaId: string;

  beforeAll(async () => {
    app = await startTestApp();
    alice = clientFrom(app);
    await login(alice, 'alice');
    oscar = clientFrom(app);
    await login(oscar, 'oscar', 'other');
    const olive = (await oscar.gql('{ customers { edges { node { id company { id } } } } }')).body.data.customers.edges[0].node;
    oliveId = olive.id;
    umbrellaId = olive.company.id;
    // Give olive some history in her own portal: a code sent (the policy is on there).
    expect((await login(clientFrom(app), 'olive', 'other')).__typename).toBe('CodeRequired');
    expect((await oscar.gql(EVENTS_OF, { id: oliveId })).body.data.twoFactorEvents.edges.length).toBeGreaterThan(0);
  });
  afterAll(() => app.close());

  it("customer(id) and company(id) answer null for the other portal's ids, exactly as for ids that do not exist", async () => {
    expect((await alice.gql(CUSTOMER, { id: oliveId })).body).toEqual({ data: { customer: null } });
    expect((await alice.gql(CUSTOMER, { id: NO_SUCH_ID })).body).toEqual({ data: { customer: null } });
    expect((await alice.gql(COMPANY, { id: umbrellaId })).body).toEqual({ data: { company: null } });
    expect((await alice.gql(COMPANY, { id: NO_SUCH_ID })).body).toEqual({ data: { company: null } });
    // Control: the owner sees them.
    expect((await oscar.gql(CUSTOMER, { id: oliveId })).body.data.customer).toEqual({ id: oliveId, username: 'olive' });
  });

  it("resetTwoFactor on the other portal's customer is NOT_FOUND like a missing id, and olive keeps her phone", async () => {
    const foreign = await alice.gql(RESET, { id: oliveId });
    const missing = await alice.gql(RESET, { id: NO_SUCH_ID });
    expect(foreign.body).toEqual(missing.body);
    expect(foreign.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const olive = await oscar.gql(`query($id: ID!) { customer(id: $id) { twoFactor { status } } }`, { id: oliveId });
    expect(olive.body.data.customer.twoFactor.status).toBe('ENROLLED');
  });

  it("resetTwoFactor on the other portal's customer touches nothing of hers: her session, her open sign-in, her audit trail", async () => {
    const OLIVE_PHONE = '+14155550100';
    // Olive signed in (a session) and, in another browser, halfway through a sign-in (an open challenge).
    const signedIn = clientFrom(app);
    const first = await login(signedIn, 'olive', 'other');
    const done = await signedIn.gql(VERIFY, { input: { challengeToken: first.challenge.token, code: app.plivo.lastCodeFor(OLIVE_PHONE) } });
    expect(done.body.data.verifyOtp.__typename).toBe('Authenticated');
    const halfway = clientFrom(app);
    const open = await login(halfway, 'olive', 'other');
    expect(open.__typename).toBe('CodeRequired');
    const openCode = app.plivo.lastCodeFor(OLIVE_PHONE);
    const resets = async () =>
      Number((await app.running.ds.query("SELECT COUNT(*) AS n FROM two_factor_events WHERE type = 'RESET' AND customer_id = ?", [oliveId]))[0].n);
    expect(await resets()).toBe(0);

    const foreign = await alice.gql(RESET, { id: oliveId });

    expect((await signedIn.gql(VIEWER)).body.data.viewer).toMatchObject({ id: oliveId, username: 'olive' });
    const finished = await halfway.gql(VERIFY, { input: { challengeToken: open.challenge.token, code: openCode } });
    expect(finished.body.data.verifyOtp).toMatchObject({ __typename: 'Authenticated', viewer: { username: 'olive' } });
    expect(await resets()).toBe(0);
    expect(foreign.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it("twoFactorEvents(customerId) shows nothing of the other portal's customer, as for a missing id", async () => {
    const foreign = await alice.gql(EVENTS_OF, { id: oliveId });
    expect(foreign.body).toEqual({ data: { twoFactorEvents: { edges: [] } } });
    expect(foreign.body).toEqual((await alice.gql(EVENTS_OF, { id: NO_SUCH_ID })).body);
    // And the unfiltered feed of acme holds nothing of other's.
    const oscarId = (await oscar.gql('{ viewer { id } }')).body.data.viewer.id;
    const all = (await alice.gql(EVENTS_OF, {})).body.data.twoFactorEvents.edges.map((e: any) => e.node);
    for (const e of all) {
      expect(e.customerId).not.toBe(oliveId);
      expect(e.adminId).not.toBe(oscarId);
    }
  });

  it("customers(search) and companies(search) find nothing of the other portal's", async () => {
    for (const s of ['olive', 'Olive', 'oli', 'o']) {
      const found = (await alice.gql(SEARCH, { s })).body.data.customers.edges.map((e: any) => e.node.username);
      expect(found).not.toContain('olive');
    }
    expect((await alice.gql(SEARCH, { s: 'olive' })).body).toEqual({ data: { customers: { edges: [] } } });
    const everyone = (await alice.gql(SEARCH, {})).body.data.customers.edges.map((e: any) => e.node.username);
    expect(everyone).toEqual(['bob', 'carol', 'dan', 'erin']);
    const companies = await alice.gql(`{ companies(first: 100, search: "umbrella") { edges { node { id } } } }`);
    expect(companies.body.data.companies.edges).toEqual([]);
    // And the other way round.
    expect((await oscar.gql(SEARCH, { s: 'bob' })).body.data.customers.edges).toEqual([]);
  });

  it('takes the portal from the session: no field but login accepts a portal, and a login names only its own portal', async () => {
    // An account exists only in its portal: alice's password does not open "other".
    const wrongPortal = await login(clientFrom(app), 'alice', 'other', PASSWORD);
    expect(wrongPortal.code).toBe('INVALID_CREDENTIALS');

    // Asking for another portal through arguments the schema does not have is a validation error.
    const r = await alice.gql('{ customers(portal: "other") { edges { node { username } } } }');
    expect(r.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(r.body.data ?? null).toBeNull();

    // In the committed schema, only login's input names a portal.
    const schema = buildSchema(readFileSync(join(__dirname, '..', '..', '..', 'schema.graphql'), 'utf8'));
    const portalish = /^portal(id|slug)?$|^tenant/i;
    const offenders: string[] = [];
    const walkInput = (type: GraphQLInputType, at: string, seen: Set<string>): void => {
      const named = getNamedType(type);
      if (!isInputObjectType(named) || seen.has(named.name)) return;
      seen.add(named.name);
      for (const f of Object.values(named.getFields())) {
        if (portalish.test(f.name)) offenders.push(`${at}.${f.name}`);
        walkInput(f.type, `${at}.${f.name}`, seen);
      }
    };
    // Every field with arguments, on Query, Mutation and every object type under them.
    const fields: Array<[string, GraphQLField<unknown, unknown>]> = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || !('getFields' in type) || isInputObjectType(type)) continue;
      for (const f of Object.values(type.getFields())) if ('args' in f) fields.push([`${type.name}.${f.name}`, f]);
    }
    for (const [at, f] of fields) {
      for (const a of f.args) {
        if (portalish.test(a.name)) offenders.push(`${at}(${a.name})`);
        walkInput(a.type, `${at}(${a.name})`, new Set());
      }
    }
    expect(offenders).toEqual(['Mutation.login(input).portal']);
  });
});
