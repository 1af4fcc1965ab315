import { CAROL_PHONE, RESET, VERIFY, VIEWER } from '../support/fixtures';
import type { GqlClient } from '../support/gql-client';
import { clientFrom, enroll, login, setPolicy, signInWithCode, startTestApp, type TestApp } from '../support/harness';

/**
 * RESET TWO FACTOR (docs/SECURITY.md "Flow", "Authorization and tenancy"): any admin
 * of the portal resets one customer; that customer's phone, sessions and open challenges are gone,
 * nobody else's; another portal's customer is NOT_FOUND exactly like an id that does not exist.
 */

const BOB_PHONE = '+14155550134';
const DAN_PHONE = '+14155550177';
const CUSTOMER = `query($id: ID!) { customer(id: $id) { username twoFactor { status maskedPhone enrolledAt } } }`;
const RESET_EVENTS = `query($id: ID) { twoFactorEvents(first: 100, customerId: $id, types: [RESET]) {
  edges { node { type customerId customerUsername adminId adminUsername ip occurredAt } } } }`;

const errorsOf = (body: { errors?: unknown[] }) => body.errors ?? [];

describe('resetting one customer', () => {
  let app: TestApp;
  let dave: GqlClient; // an admin without Master Admin
  let daveId: string;
  const DAVE_IP = '198.51.100.44';
  let bobId: string;
  let bobSessions: GqlClient[];
  let bobOpen: { client: GqlClient; token: string; code: string | undefined };
  let dan: GqlClient;
  let danId: string;
  let carolOpen: { client: GqlClient; token: string; code: string | undefined };

  beforeAll(async () => {
    app = await startTestApp();
    await setPolicy(app, true);
    dave = clientFrom(app, DAVE_IP);
    daveId = (await login(dave, 'dave')).viewer.id;

    // bob: enrolled, signed in on two browsers, and a third sign-in waiting for its code.
    await enroll(app, clientFrom(app), 'bob', BOB_PHONE);
    bobSessions = [clientFrom(app), clientFrom(app)];
    for (const c of bobSessions) bobId = (await signInWithCode(app, c, 'bob', BOB_PHONE)).viewer.id;
    const pending = clientFrom(app);
    const l = await login(pending, 'bob');
    bobOpen = { client: pending, token: l.challenge.token, code: app.plivo.lastCodeFor(BOB_PHONE) };

    // dan: enrolled and signed in. carol (imported): a sign-in waiting for its code.
    dan = clientFrom(app);
    await enroll(app, dan, 'dan', DAN_PHONE);
    danId = (await signInWithCode(app, dan, 'dan', DAN_PHONE)).viewer.id;
    const carol = clientFrom(app);
    const cl = await login(carol, 'carol');
    carolOpen = { client: carol, token: cl.challenge.token, code: app.plivo.lastCodeFor(CAROL_PHONE) };
  });
  afterAll(() => app.close());

  it('is refused to a customer (FORBIDDEN) and changes nothing', async () => {
    for (const target of [bobId, danId]) {
      const r = await dan.gql(RESET, { id: target });
      expect(errorsOf(r.body)).toMatchObject([{ extensions: { code: 'FORBIDDEN' } }]);
      expect(r.body.data ?? null).toBeNull();
    }
    expect((await dave.gql(CUSTOMER, { id: bobId })).body.data.customer.twoFactor.status).toBe('ENROLLED');
    expect(await Promise.all(bobSessions.map(async (c) => (await c.gql(VIEWER)).body.data.viewer?.username))).toEqual(['bob', 'bob']);
  });

  it('answers NOT_FOUND, in one and the same way, for another portal\'s customer, an admin, a random UUID and a non-UUID', async () => {
    const oscar = clientFrom(app);
    await login(oscar, 'oscar', 'other');
    const oliveId = (await oscar.gql('{ customers { edges { node { id } } } }')).body.data.customers.edges[0].node.id;
    const aliceId = (await login(clientFrom(app), 'alice')).viewer.id;

    const answers = [];
    for (const id of [oliveId, aliceId, daveId, '7d5c3a52-0c4e-4d4b-9d7e-1f0f2b7c9a11', 'not-a-uuid', '']) {
      const r = await dave.gql(RESET, { id });
      expect(r.body.data ?? null).toBeNull();
      answers.push(r.body.errors);
    }
    expect(answers[0]).toMatchObject([{ extensions: { code: 'NOT_FOUND' } }]);
    for (const a of answers) expect(a).toEqual(answers[0]);

    // olive was not touched: still enrolled, still asked for a code.
    const olive = (await oscar.gql(CUSTOMER, { id: oliveId })).body.data.customer;
    expect(olive.twoFactor.status).toBe('ENROLLED');
    expect((await login(clientFrom(app), 'olive', 'other')).__typename).toBe('CodeRequired');
  });

  it('lets any admin (dave, not Master Admin) forget the customer\'s phone', async () => {
    const r = await dave.gql(RESET, { id: bobId });
    expect(r.body).toEqual({
      data: { resetTwoFactor: { id: bobId, username: 'bob', twoFactor: { status: 'NOT_ENROLLED', maskedPhone: null, enrolledAt: null } } },
    });
    expect((await dave.gql(CUSTOMER, { id: bobId })).body.data.customer.twoFactor).toEqual({ status: 'NOT_ENROLLED', maskedPhone: null, enrolledAt: null });
    const rows = await app.running.ds.query('SELECT phone_e164, phone_generation FROM accounts WHERE id = ?', [bobId]);
    expect(rows).toEqual([{ phone_e164: null, phone_generation: null }]);
  });

  it('ends all of that customer\'s sessions and open challenges; the next login asks for enrollment', async () => {
    for (const c of bobSessions) expect((await c.gql(VIEWER)).body.data.viewer).toBeNull();
    const late = await bobOpen.client.gql(VERIFY, { input: { challengeToken: bobOpen.token, code: bobOpen.code } });
    expect(late.body.data.verifyOtp).toMatchObject({ __typename: 'Problem', code: 'CHALLENGE_INVALID' });
    expect((await bobOpen.client.gql(VIEWER)).body.data.viewer).toBeNull();

    const sent = app.plivo.messagesTo(BOB_PHONE).length;
    const next = await login(clientFrom(app), 'bob');
    expect(next).toMatchObject({ __typename: 'EnrollmentRequired', challenge: { step: 'ENROLL_PHONE', maskedPhone: null } });
    expect(app.plivo.messagesTo(BOB_PHONE)).toHaveLength(sent); // the forgotten phone gets nothing
  });

  it('leaves every other customer as they were: sessions, enrollment and open challenges', async () => {
    expect((await dan.gql(VIEWER)).body.data.viewer).toMatchObject({ username: 'dan' });
    expect((await dave.gql(CUSTOMER, { id: danId })).body.data.customer.twoFactor).toMatchObject({ status: 'ENROLLED', maskedPhone: '+1 •••-•••-0177' });
    const carol = await carolOpen.client.gql(VERIFY, { input: { challengeToken: carolOpen.token, code: carolOpen.code } });
    expect(carol.body.data.verifyOtp).toMatchObject({ __typename: 'Authenticated', viewer: { username: 'carol' } });
    const policy = await dave.gql('{ twoFactorPolicy { enrolledCount } }');
    expect(policy.body.data.twoFactorPolicy.enrolledCount).toBe(2); // carol and dan
  });

  it('records a RESET event with the customer, the acting admin and their IP', async () => {
    const events = (await dave.gql(RESET_EVENTS, { id: bobId })).body.data.twoFactorEvents.edges.map((e: any) => e.node);
    expect(events).toEqual([
      {
        type: 'RESET',
        customerId: bobId,
        customerUsername: 'bob',
        adminId: daveId,
        adminUsername: 'dave',
        ip: DAVE_IP,
        occurredAt: app.clock.now().toISOString(),
      },
    ]);
    // The refused and NOT_FOUND resets left no trace.
    expect((await dave.gql(RESET_EVENTS, {})).body.data.twoFactorEvents.edges).toHaveLength(1);
  });
});
