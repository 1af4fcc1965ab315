import { CAROL_PHONE, ENROLL, RESEND, SET_POLICY, VERIFY, VIEWER } from '../support/fixtures';
import type { GqlClient } from '../support/gql-client';
import { clientFrom, enroll, login, signInWithCode, startTestApp, type TestApp } from '../support/harness';

/**
 * The portal's 2FA switch (docs/SECURITY.md "Flow"; docs/ARCHITECTURE.md "Where authorization happens"):
 * only a Master Admin flips it; on ends customer sessions that passed no code under it; off makes
 * every enrollment stale and ends open challenges; the same value again changes nothing; each change
 * is recorded with who and from where.
 */

const POLICY = '{ twoFactorPolicy { enabled updatedAt customerCount enrolledCount } }';
const POLICY_EVENTS = `{ twoFactorEvents(first: 100, types: [POLICY_ENABLED, POLICY_DISABLED]) {
  edges { node { type occurredAt customerId adminId adminUsername ip } } } }`;
const ALICE_IP = '198.51.100.23';
const BOB_PHONE = '+14155550134';
const DAN_PHONE = '+14155550177';

const errorCode = (body: { errors?: Array<{ extensions?: { code?: string } }> }) => body.errors?.[0]?.extensions?.code;

async function signedIn(app: TestApp, username: string, ip?: string): Promise<GqlClient> {
  const c = clientFrom(app, ip);
  const l = await login(c, username, username === 'olive' || username === 'oscar' ? 'other' : 'acme');
  if (l.__typename !== 'Authenticated') throw new Error(`${username}: ${JSON.stringify(l)}`);
  return c;
}

const viewerOf = async (c: GqlClient) => (await c.gql(VIEWER)).body.data.viewer;

describe('who may read and change the policy', () => {
  let app: TestApp;
  let alice: GqlClient;
  beforeAll(async () => {
    app = await startTestApp();
    alice = await signedIn(app, 'alice');
  });
  afterAll(() => app.close());

  async function nothingChanged(): Promise<void> {
    expect((await alice.gql(POLICY)).body.data.twoFactorPolicy).toEqual({ enabled: false, updatedAt: null, customerCount: 4, enrolledCount: 1 });
    expect((await alice.gql(POLICY_EVENTS)).body.data.twoFactorEvents.edges).toEqual([]);
    expect((await login(clientFrom(app), 'bob')).__typename).toBe('Authenticated');
  }

  it('refuses a non-Master admin (dave) with FORBIDDEN, and nothing changes', async () => {
    const dave = await signedIn(app, 'dave');
    const r = await dave.gql(SET_POLICY, { enabled: true });
    expect(errorCode(r.body)).toBe('FORBIDDEN');
    expect(r.body.data ?? null).toBeNull();
    await nothingChanged();
  });

  it('refuses a signed-in customer with FORBIDDEN and a signed-out caller with UNAUTHENTICATED', async () => {
    const bob = await signedIn(app, 'bob');
    expect(errorCode((await bob.gql(SET_POLICY, { enabled: true })).body)).toBe('FORBIDDEN');
    expect(errorCode((await app.client().gql(SET_POLICY, { enabled: true })).body)).toBe('UNAUTHENTICATED');
    await nothingChanged();
  });

  it('lets admins, Master or not, read the policy; customers get FORBIDDEN, signed-out callers UNAUTHENTICATED', async () => {
    const expected = { enabled: false, updatedAt: null, customerCount: 4, enrolledCount: 1 };
    expect((await alice.gql(POLICY)).body).toEqual({ data: { twoFactorPolicy: expected } });
    expect((await (await signedIn(app, 'dave')).gql(POLICY)).body).toEqual({ data: { twoFactorPolicy: expected } });
    const asCustomer = await (await signedIn(app, 'bob')).gql(POLICY);
    expect(errorCode(asCustomer.body)).toBe('FORBIDDEN');
    expect(asCustomer.body.data ?? null).toBeNull();
    const signedOut = await app.client().gql(POLICY);
    expect(errorCode(signedOut.body)).toBe('UNAUTHENTICATED');
    expect(signedOut.body.data ?? null).toBeNull();
  });
});

describe('turning the policy on', () => {
  let app: TestApp;
  let alice: GqlClient;
  beforeAll(async () => {
    app = await startTestApp();
    alice = await signedIn(app, 'alice', ALICE_IP);
  });
  afterAll(() => app.close());

  it('signs out every customer session that passed no code, keeps admin sessions, and counts imported phones', async () => {
    const bob = await signedIn(app, 'bob');
    const dan = await signedIn(app, 'dan');
    const dave = await signedIn(app, 'dave');
    const oscar = await signedIn(app, 'oscar');

    const on = await alice.gql(SET_POLICY, { enabled: true });
    expect(on.body.data.setTwoFactorPolicy).toEqual({
      enabled: true,
      updatedAt: app.clock.now().toISOString(),
      customerCount: 4,
      enrolledCount: 1, // carol's imported phone counts from the first time the policy is on
    });

    expect(await viewerOf(bob)).toBeNull();
    expect(await viewerOf(dan)).toBeNull();
    const customerSessions = await app.running.ds.query(
      "SELECT COUNT(*) AS n FROM sessions s JOIN portals p ON p.id = s.portal_id WHERE p.slug = 'acme' AND s.account_kind = 'customer'",
    );
    expect(Number(customerSessions[0].n)).toBe(0);
    expect(await viewerOf(alice)).toMatchObject({ username: 'alice' });
    expect(await viewerOf(dave)).toMatchObject({ username: 'dave' });
    expect(await viewerOf(oscar)).toMatchObject({ username: 'oscar' }); // another portal: untouched

    expect((await login(bob, 'bob')).__typename).toBe('EnrollmentRequired');
    const carol = await login(clientFrom(app), 'carol');
    expect(carol).toMatchObject({ __typename: 'CodeRequired', challenge: { maskedPhone: '+1 •••-•••-2671' } });
    expect(app.plivo.lastCodeFor(CAROL_PHONE)).toMatch(/^\d{6}$/);
  });

  it('changes nothing when set to the value it already has: no new time, no event, no session ended', async () => {
    const bob = clientFrom(app);
    await enroll(app, bob, 'bob', BOB_PHONE);
    expect((await signInWithCode(app, bob, 'bob', BOB_PHONE)).__typename).toBe('Authenticated');
    const before = (await alice.gql(POLICY)).body.data.twoFactorPolicy;
    const eventsBefore = (await alice.gql(POLICY_EVENTS)).body.data.twoFactorEvents.edges;
    app.clock.advanceSeconds(120);

    const again = await alice.gql(SET_POLICY, { enabled: true });
    expect(again.body.data.setTwoFactorPolicy).toEqual(before);
    expect((await alice.gql(POLICY)).body.data.twoFactorPolicy).toEqual(before);
    expect((await alice.gql(POLICY_EVENTS)).body.data.twoFactorEvents.edges).toEqual(eventsBefore);
    expect(await viewerOf(bob)).toMatchObject({ username: 'bob' }); // passed a code under this policy: stays
  });
});

describe('turning the policy off, and on again', () => {
  let app: TestApp;
  let alice: GqlClient;
  let aliceId: string;
  let danWithCode: GqlClient;
  const changeTimes: string[] = [];

  beforeAll(async () => {
    app = await startTestApp();
    alice = clientFrom(app, ALICE_IP);
    aliceId = (await login(alice, 'alice')).viewer.id;
    await alice.gql(SET_POLICY, { enabled: true });
    changeTimes.push(app.clock.now().toISOString());
    await enroll(app, clientFrom(app), 'bob', BOB_PHONE);
    danWithCode = clientFrom(app);
    await enroll(app, danWithCode, 'dan', DAN_PHONE);
    expect((await signInWithCode(app, danWithCode, 'dan', DAN_PHONE)).__typename).toBe('Authenticated');
    expect((await alice.gql(POLICY)).body.data.twoFactorPolicy.enrolledCount).toBe(3); // carol, bob, dan
  });
  afterAll(() => app.close());

  it('off: every sign-in challenge opened before it is dead (CHALLENGE_INVALID) and customers get in with the password alone', async () => {
    const carol = clientFrom(app);
    const carolChallenge = (await login(carol, 'carol')).challenge;
    const carolCode = app.plivo.lastCodeFor(CAROL_PHONE);
    const bob = clientFrom(app);
    const bobChallenge = (await login(bob, 'bob')).challenge;
    const bobCode = app.plivo.lastCodeFor(BOB_PHONE);
    const erin = clientFrom(app);
    const erinChallenge = (await login(erin, 'erin')).challenge;
    expect([carolChallenge.step, bobChallenge.step, erinChallenge.step]).toEqual(['VERIFY_CODE', 'VERIFY_CODE', 'ENROLL_PHONE']);

    app.clock.advanceSeconds(60);
    const off = await alice.gql(SET_POLICY, { enabled: false });
    changeTimes.push(app.clock.now().toISOString());
    expect(off.body.data.setTwoFactorPolicy).toMatchObject({ enabled: false, enrolledCount: 0 });

    const verifyCarol = await carol.gql(VERIFY, { input: { challengeToken: carolChallenge.token, code: carolCode } });
    expect(verifyCarol.body.data.verifyOtp.code).toBe('CHALLENGE_INVALID');
    app.clock.advanceSeconds(31); // past the resend cooldown, so only the policy can refuse it
    expect((await bob.gql(RESEND, { input: { challengeToken: bobChallenge.token } })).body.data.resendCode.code).toBe('CHALLENGE_INVALID');
    expect((await bob.gql(VERIFY, { input: { challengeToken: bobChallenge.token, code: bobCode } })).body.data.verifyOtp.code).toBe('CHALLENGE_INVALID');
    const enrollErin = await erin.gql(ENROLL, { input: { challengeToken: erinChallenge.token, phoneNumber: '+14155550155' } });
    expect(enrollErin.body.data.enrollPhone.code).toBe('CHALLENGE_INVALID');
    expect(await viewerOf(carol)).toBeNull();

    const sent = app.plivo.attempts;
    for (const who of ['carol', 'bob', 'erin']) {
      const c = clientFrom(app);
      expect((await login(c, who)).__typename).toBe('Authenticated');
      expect(await viewerOf(c)).toMatchObject({ username: who });
    }
    expect(app.plivo.attempts).toBe(sent);
  });

  it('off again changes nothing', async () => {
    const before = (await alice.gql(POLICY)).body.data.twoFactorPolicy;
    app.clock.advanceSeconds(60);
    expect((await alice.gql(SET_POLICY, { enabled: false })).body.data.setTwoFactorPolicy).toEqual(before);
    expect((await alice.gql(POLICY_EVENTS)).body.data.twoFactorEvents.edges).toHaveLength(2);
  });

  it('on again: every customer, imported carol too, must enroll again, and sessions from before are ended', async () => {
    const bobByPassword = await signedIn(app, 'bob');
    expect(await viewerOf(danWithCode)).toMatchObject({ username: 'dan' }); // passed a code, under the old policy

    app.clock.advanceSeconds(60);
    const on = await alice.gql(SET_POLICY, { enabled: true });
    changeTimes.push(app.clock.now().toISOString());
    expect(on.body.data.setTwoFactorPolicy).toEqual({ enabled: true, updatedAt: changeTimes[2], customerCount: 4, enrolledCount: 0 });

    expect(await viewerOf(bobByPassword)).toBeNull();
    expect(await viewerOf(danWithCode)).toBeNull();
    const enrolled = await alice.gql('{ customers(twoFactorStatus: ENROLLED) { edges { node { username } } } }');
    expect(enrolled.body.data.customers.edges).toEqual([]);
    const all = await alice.gql('{ customers { edges { node { username twoFactor { status maskedPhone enrolledAt } } } } }');
    for (const { node } of all.body.data.customers.edges) {
      expect(node.twoFactor).toEqual({ status: 'NOT_ENROLLED', maskedPhone: null, enrolledAt: null });
    }
    const sent = app.plivo.attempts;
    for (const who of ['bob', 'carol', 'dan', 'erin']) {
      const l = await login(clientFrom(app), who);
      expect(l).toMatchObject({ __typename: 'EnrollmentRequired', challenge: { step: 'ENROLL_PHONE', maskedPhone: null } });
    }
    expect(app.plivo.attempts).toBe(sent); // nobody was texted at an old number
  });

  it('records every change with the acting admin, their IP and the time', async () => {
    const events = (await alice.gql(POLICY_EVENTS)).body.data.twoFactorEvents.edges.map((e: any) => e.node);
    expect(events).toEqual(
      ['POLICY_ENABLED', 'POLICY_DISABLED', 'POLICY_ENABLED'].map((type, i) => ({
        type,
        occurredAt: changeTimes[i],
        customerId: null,
        adminId: aliceId,
        adminUsername: 'alice',
        ip: ALICE_IP,
      })),
    );
  });
});
