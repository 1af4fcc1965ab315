import { CAROL_PHONE, RESET, VIEWER } from '../support/fixtures';
import { GqlClient } from '../support/gql-client';
import { clientFrom, enroll, login, setPolicy, signInWithCode, startTestApp, type TestApp } from '../support/harness';
import { type PrimaryWithReplica, startPrimaryWithReplica } from '../support/replication';

/**
 * DATABASE_REPLICA_URLS (docs/OPERATIONS.md, Read replicas) against a real replica: a second MariaDB
 * applying the first one's binary log. The test pauses the replica's applier so that it lags for as
 * long as the test likes, which makes it visible which reads go where:
 *  - the admin and API-key listings read the replica (they show the state from before the pause);
 *  - every sign-in step, the caller's session and API key, and an action's own answer read the primary:
 *    with the replica frozen, a customer enrolls and signs in from start to end, a revoked key stops at
 *    once, and a reset answers with the customer as the reset left her.
 * The app logs in to the replica with a SELECT-only account, so a write sent there would fail the test.
 */

const BOB_PHONE = '+14155550134';
const CUSTOMER = `query($id: ID!) { customer(id: $id) { username twoFactor { status } } }`;
const CUSTOMERS = `{ customers(first: 50) { edges { node { id username twoFactor { status } } } } }`;
const RESET_EVENTS = `{ twoFactorEvents(first: 50, types: [RESET]) { edges { node { customerUsername } } } }`;
const CREATE_KEY = `mutation($name: String!) { createApiKey(input: { name: $name }) { secret apiKey { id } } }`;
const REVOKE_KEY = `mutation($id: ID!) { revokeApiKey(input: { id: $id }) { id revokedAt } }`;

const statusOf = (body: any, username: string) =>
  body.data.customers.edges.find((e: { node: { username: string } }) => e.node.username === username)?.node.twoFactor.status;

describe('read replicas (DATABASE_REPLICA_URLS)', () => {
  let servers: PrimaryWithReplica;
  let app: TestApp;
  let admin: GqlClient;

  beforeAll(async () => {
    servers = await startPrimaryWithReplica();
    app = await startTestApp({ databaseServerUrl: servers.primaryUrl, replicaUrlFor: servers.replicaUrlFor });
    await setPolicy(app, true);
    admin = clientFrom(app);
    await login(admin, 'alice');
    await servers.caughtUp();
  }, 120_000);
  afterAll(async () => {
    await servers.resume().catch(() => undefined);
    await app?.close();
    await servers?.destroy();
  });
  afterEach(() => servers.resume());

  it('every sign-in step reads the primary: with the replica frozen, a customer enrolls and signs in from start to end', async () => {
    await servers.pause();
    const bob = clientFrom(app);
    await enroll(app, bob, 'bob', BOB_PHONE); // login, enrollPhone, confirmCode: all on rows the replica lacks
    const signedIn = await signInWithCode(app, bob, 'bob', BOB_PHONE);
    expect(signedIn.__typename).toBe('Authenticated');
    expect(signedIn.viewer.customer.twoFactor.status).toBe('ENROLLED'); // the viewer is read from the primary
    const viewer = await bob.gql(VIEWER); // the new session is found: the caller is looked up on the primary
    expect(viewer.body.data.viewer.username).toBe('bob');

    // Meanwhile the admin listing still shows bob as he was before the pause: it reads the replica.
    expect(statusOf((await admin.gql(CUSTOMERS)).body, 'bob')).toBe('NOT_ENROLLED');
    await servers.resume();
    await servers.caughtUp();
    expect(statusOf((await admin.gql(CUSTOMERS)).body, 'bob')).toBe('ENROLLED');
  });

  it('an admin action answers from the primary, while the listings and the event feed catch up later', async () => {
    const carol = clientFrom(app);
    expect((await signInWithCode(app, carol, 'carol', CAROL_PHONE)).__typename).toBe('Authenticated');
    await servers.caughtUp();
    const listed = (await admin.gql(CUSTOMERS)).body.data.customers.edges.map((e: any) => e.node);
    const carolId = listed.find((c: { username: string }) => c.username === 'carol').id;
    await servers.pause();

    const reset = await admin.gql(RESET, { id: carolId });
    expect(reset.body.errors).toBeUndefined();
    expect(reset.body.data.resetTwoFactor.twoFactor.status).toBe('NOT_ENROLLED'); // the reset's own answer: primary
    expect((await carol.gql(VIEWER)).body.data.viewer).toBeNull(); // her session ended, at once

    const stale = await admin.gql(CUSTOMER, { id: carolId });
    expect(stale.body.data.customer.twoFactor.status).toBe('ENROLLED');
    const staleEvents = await admin.gql(RESET_EVENTS);
    expect(staleEvents.body.data.twoFactorEvents.edges.map((e: any) => e.node.customerUsername)).not.toContain('carol');

    await servers.resume();
    await servers.caughtUp();
    expect((await admin.gql(CUSTOMER, { id: carolId })).body.data.customer.twoFactor.status).toBe('NOT_ENROLLED');
    const events = await admin.gql(RESET_EVENTS);
    expect(events.body.data.twoFactorEvents.edges.map((e: any) => e.node.customerUsername)).toContain('carol');
  });

  it('API keys are checked on the primary: a key made while the replica lags works at once, and stops at once when revoked', async () => {
    await servers.pause();
    const made = await admin.gql(CREATE_KEY, { name: 'replica test' });
    const { secret, apiKey } = made.body.data.createApiKey;
    const key = new GqlClient(app.url, { authorization: `Bearer ${secret}` });
    const read = await key.gql(CUSTOMERS);
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data.customers.edges.length).toBeGreaterThan(0);

    expect((await admin.gql(REVOKE_KEY, { id: apiKey.id })).body.data.revokeApiKey.revokedAt).not.toBeNull();
    const refused = await key.gql(CUSTOMERS);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('with the replica down, listings answer SERVICE_UNAVAILABLE within 5 s, sign-ins go on, and listings come back by themselves', async () => {
    await servers.replica.stop();
    try {
      const t0 = Date.now();
      const down = await admin.gql(CUSTOMERS);
      expect(Date.now() - t0).toBeLessThan(5_000);
      expect(down.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      const dan = clientFrom(app);
      await enroll(app, dan, 'dan', '+14155550177');
      expect((await signInWithCode(app, dan, 'dan', '+14155550177')).__typename).toBe('Authenticated');
    } finally {
      await servers.replica.start();
    }
    const deadline = Date.now() + 30_000;
    let back: any;
    for (;;) {
      back = await admin.gql(CUSTOMERS);
      if (!back.body.errors || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(back.body.errors).toBeUndefined();
    await servers.caughtUp();
    expect(statusOf((await admin.gql(CUSTOMERS)).body, 'dan')).toBe('ENROLLED');
  }, 90_000);
});
