import { TEST_PORTALS, VIEWER } from '../support/fixtures';
import type { GqlClient } from '../support/gql-client';
import { clientFrom, enroll, login, startTestApp, type TestApp } from '../support/harness';
import { codeFor, confirmCode, enrollPhone, loginGrace, postponeEnrollment } from '../support/sign-in-kit';

/**
 * The enrollment grace period (docs/SECURITY.md, Enrollment grace period), as an attacker would probe
 * it: "Remind me later" signs a customer in with the password alone only while the portal's deadline
 * (N days after the policy was last turned on) is ahead, only for a customer not enrolled under the
 * current generation, decided by the server at the request's time on the test's clock. Past the
 * deadline (exactly at it included) enrollment is forced as before; a kept token, a replay, another
 * portal's grace or twenty concurrent postpones win nothing more.
 */

const DAY_S = 86_400;
const BOB_PHONE = '+14155550134';

const SET_GRACE = `mutation($d: Int!) { setEnrollmentGraceDays(days: $d) { enabled enrollmentGraceDays graceEndsAt inGraceCount enrolledCount customerCount } }`;
const POLICY = '{ twoFactorPolicy { enabled enrollmentGraceDays graceEndsAt inGraceCount } }';
const SET_POLICY = 'mutation($e: Boolean!) { setTwoFactorPolicy(input: { enabled: $e }) { enabled graceEndsAt } }';
const LIST = `query($s: TwoFactorStatus) { customers(first: 50, twoFactorStatus: $s) {
  edges { node { username twoFactor { status graceEndsAt } } } } }`;
const POSTPONED_EVENTS = `{ twoFactorEvents(first: 100, types: [ENROLLMENT_POSTPONED, ENROLLMENT_GRACE_CHANGED]) {
  edges { node { type customerId adminId detail } } } }`;

/** The test portals, with a customer in the other portal who has not enrolled. */
const PORTALS = {
  portals: [
    TEST_PORTALS.portals[0],
    {
      ...TEST_PORTALS.portals[1],
      companies: [
        {
          name: 'Umbrella',
          customers: [
            ...TEST_PORTALS.portals[1].companies[0].customers,
            { username: 'otto', password: TEST_PORTALS.portals[0].companies[0].customers[0].password, displayName: 'Otto' },
          ],
        },
      ],
    },
  ],
};

const errorCode = (body: { errors?: Array<{ extensions?: { code?: string } }> }) => body.errors?.[0]?.extensions?.code;

/** A fresh admin session: the tests move the clock by days, past any session's idle limit. */
async function admin(app: TestApp, username = 'alice', portal = 'acme'): Promise<GqlClient> {
  const c = clientFrom(app);
  const l = await login(c, username, portal);
  if (l.__typename !== 'Authenticated') throw new Error(`${username}: ${JSON.stringify(l)}`);
  return c;
}

async function gqlOk(c: GqlClient, query: string, variables?: Record<string, unknown>): Promise<any> {
  const r = await c.gql(query, variables);
  if (r.body.errors) throw new Error(JSON.stringify(r.body.errors));
  return r.body.data;
}

const setGrace = async (app: TestApp, days: number) => (await gqlOk(await admin(app), SET_GRACE, { d: days })).setEnrollmentGraceDays;
const setPolicy = async (app: TestApp, enabled: boolean) => (await gqlOk(await admin(app), SET_POLICY, { e: enabled })).setTwoFactorPolicy;
const graceEnd = async (app: TestApp): Promise<number> => Date.parse((await gqlOk(await admin(app), POLICY)).twoFactorPolicy.graceEndsAt);
const viewerOf = async (c: GqlClient) => (await c.gql(VIEWER)).body.data.viewer;
const postponedEvents = async (app: TestApp) =>
  (await gqlOk(await admin(app), POSTPONED_EVENTS)).twoFactorEvents.edges.map((e: any) => e.node).filter((n: any) => n.type === 'ENROLLMENT_POSTPONED');
const listed = async (app: TestApp, status: string) =>
  (await gqlOk(await admin(app), LIST, { s: status })).customers.edges.map((e: any) => e.node.username).sort();

/** Moves the test's clock to `ms` (epoch milliseconds). */
function clockTo(app: TestApp, ms: number): void {
  app.clock.advanceSeconds((ms - app.clock.now().getTime()) / 1000);
}

/** Bob's login: the EnrollmentRequired answer, with its grace fields. */
async function bobsEnrollment(c: GqlClient): Promise<{ token: string; graceEndsAt: string | null; graceDaysLeft: number | null }> {
  const l = await loginGrace(c, 'bob');
  expect(l.__typename).toBe('EnrollmentRequired');
  return { token: l.challenge.token, graceEndsAt: l.graceEndsAt, graceDaysLeft: l.graceDaysLeft };
}

describe('the setting', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ portalFile: PORTALS });
  });
  afterAll(() => app.close());

  it('defaults to 0 days: enrollment is forced at once, as the help page says, and postponing is refused', async () => {
    await setPolicy(app, true);
    expect((await gqlOk(await admin(app), POLICY)).twoFactorPolicy).toEqual({ enabled: true, enrollmentGraceDays: 0, graceEndsAt: null, inGraceCount: 0 });
    const c = clientFrom(app);
    const e = await bobsEnrollment(c);
    expect(e).toMatchObject({ graceEndsAt: null, graceDaysLeft: null });
    expect(await postponeEnrollment(c, e.token)).toMatchObject({ __typename: 'Problem', code: 'GRACE_PERIOD_ENDED' });
    expect(await viewerOf(c)).toBeNull();
    expect(await listed(app, 'IN_GRACE')).toEqual([]);
    expect(await listed(app, 'NOT_ENROLLED')).toEqual(['bob', 'dan', 'erin']);
  });

  it('is for a Master Admin only, 0 to 30 whole days; each change is an event', async () => {
    const dave = await admin(app, 'dave');
    expect(errorCode((await dave.gql(SET_GRACE, { d: 7 })).body)).toBe('FORBIDDEN');
    const bob = clientFrom(app);
    await setPolicy(app, false);
    expect((await login(bob, 'bob')).__typename).toBe('Authenticated');
    expect(errorCode((await bob.gql(SET_GRACE, { d: 7 })).body)).toBe('FORBIDDEN');
    expect(errorCode((await app.client().gql(SET_GRACE, { d: 7 })).body)).toBe('UNAUTHENTICATED');
    const alice = await admin(app);
    for (const d of [-1, 31, 1000]) expect(errorCode((await alice.gql(SET_GRACE, { d })).body)).toBe('BAD_USER_INPUT');
    expect((await gqlOk(alice, POLICY)).twoFactorPolicy.enrollmentGraceDays).toBe(0);
    expect((await setGrace(app, 30)).enrollmentGraceDays).toBe(30);
    expect((await setGrace(app, 30)).enrollmentGraceDays).toBe(30); // the same value: no second event
    const events = (await gqlOk(alice, POSTPONED_EVENTS)).twoFactorEvents.edges.map((e: any) => e.node);
    expect(events.filter((n: any) => n.type === 'ENROLLMENT_GRACE_CHANGED')).toEqual([
      { type: 'ENROLLMENT_GRACE_CHANGED', customerId: null, adminId: expect.any(String), detail: '30 days' },
    ]);
    // With the policy off there is no grace period to be in, whatever the setting.
    expect((await gqlOk(alice, POLICY)).twoFactorPolicy).toMatchObject({ graceEndsAt: null, inGraceCount: 0 });
    expect(await listed(app, 'IN_GRACE')).toEqual([]);
  });
});

describe('during the grace period, and after it', () => {
  let app: TestApp;
  let start: number;
  beforeAll(async () => {
    app = await startTestApp({ portalFile: PORTALS });
    await setGrace(app, 7);
    start = app.clock.now().getTime();
    await setPolicy(app, true);
  });
  afterAll(() => app.close());

  it('offers "Remind me later (7 days left)", and postponing signs the customer in with the password alone', async () => {
    const c = clientFrom(app);
    const e = await bobsEnrollment(c);
    expect(e.graceDaysLeft).toBe(7);
    expect(Date.parse(e.graceEndsAt as string)).toBe(start + 7 * DAY_S * 1000);
    const p = await postponeEnrollment(c, e.token);
    expect(p).toMatchObject({ __typename: 'Authenticated', viewer: { username: 'bob', kind: 'CUSTOMER', customer: { twoFactor: { status: 'IN_GRACE', graceEndsAt: e.graceEndsAt } } } });
    expect(await viewerOf(c)).toMatchObject({ username: 'bob' });
    expect(await postponedEvents(app)).toEqual([
      { type: 'ENROLLMENT_POSTPONED', customerId: p.viewer.id, adminId: null, detail: `until ${new Date(start + 7 * DAY_S * 1000).toISOString()}` },
    ]);
    // The same token again: it was used up.
    expect(await postponeEnrollment(clientFrom(app), e.token)).toMatchObject({ __typename: 'Problem', code: 'CHALLENGE_INVALID' });
  });

  it('shows who is in grace and until when; IN_GRACE and NOT_ENROLLED never overlap', async () => {
    const ends = new Date(start + 7 * DAY_S * 1000).toISOString();
    expect(await listed(app, 'IN_GRACE')).toEqual(['bob', 'dan', 'erin']);
    expect(await listed(app, 'NOT_ENROLLED')).toEqual([]);
    expect(await listed(app, 'ENROLLED')).toEqual(['carol']);
    const all = (await gqlOk(await admin(app), LIST, { s: null })).customers.edges.map((e: any) => e.node);
    expect(all.find((n: any) => n.username === 'dan').twoFactor).toEqual({ status: 'IN_GRACE', graceEndsAt: ends });
    expect(all.find((n: any) => n.username === 'carol').twoFactor).toEqual({ status: 'ENROLLED', graceEndsAt: null });
    expect((await gqlOk(await admin(app), POLICY)).twoFactorPolicy).toEqual({ enabled: true, enrollmentGraceDays: 7, graceEndsAt: ends, inGraceCount: 3 });
  });

  it('never offers it to an enrolled customer, nor to one who enrolls while an enrollment challenge is open', async () => {
    const carol = clientFrom(app);
    const l = await loginGrace(carol, 'carol');
    expect(l.__typename).toBe('CodeRequired');
    expect(await postponeEnrollment(carol, l.challenge.token)).toMatchObject({ __typename: 'Problem', code: 'CHALLENGE_INVALID' });
    // Erin opens an enrollment in one tab, enrolls in another: the first tab's token cannot postpone.
    const tab1 = clientFrom(app);
    const open = await loginGrace(tab1, 'erin');
    expect(open.graceDaysLeft).toBe(7);
    await enroll(app, clientFrom(app), 'erin', '+14155550199');
    expect(await postponeEnrollment(tab1, open.challenge.token)).toMatchObject({ __typename: 'Problem', code: 'CHALLENGE_INVALID' });
    expect(await viewerOf(tab1)).toBeNull();
    const again = await loginGrace(clientFrom(app), 'erin');
    expect(again.__typename).toBe('CodeRequired');
    expect(await listed(app, 'IN_GRACE')).toEqual(['bob', 'dan']);
  });

  it('counts down the days; a minute before the deadline it still postpones, exactly at it it is forced', async () => {
    const ends = await graceEnd(app);
    clockTo(app, ends - 2.5 * DAY_S * 1000);
    expect((await bobsEnrollment(clientFrom(app))).graceDaysLeft).toBe(3);
    clockTo(app, ends - 60_000);
    const c = clientFrom(app);
    const e = await bobsEnrollment(c);
    expect(e.graceDaysLeft).toBe(1);
    expect((await postponeEnrollment(c, e.token)).__typename).toBe('Authenticated');
    const late = clientFrom(app);
    const kept = await bobsEnrollment(late);
    clockTo(app, ends);
    // The postponed session lasts no longer than the grace period that allowed it.
    expect(await viewerOf(c)).toBeNull();
    expect(await postponeEnrollment(late, kept.token)).toMatchObject({ __typename: 'Problem', code: 'GRACE_PERIOD_ENDED' });
    expect(await viewerOf(late)).toBeNull();
    const forced = await bobsEnrollment(clientFrom(app));
    expect(forced).toMatchObject({ graceEndsAt: null, graceDaysLeft: null });
    expect(await listed(app, 'IN_GRACE')).toEqual([]);
    expect(await listed(app, 'NOT_ENROLLED')).toEqual(['bob', 'dan']);
    expect((await gqlOk(await admin(app), POLICY)).twoFactorPolicy).toMatchObject({ inGraceCount: 0, graceEndsAt: new Date(ends).toISOString() });
  });

  it('a token kept from before the deadline, replayed after it (any enrollment step), makes no session; it still enrolls', async () => {
    // Off and on, with a day of grace: get tokens 5 minutes before the end, replay them 6 minutes later.
    await setPolicy(app, false);
    await setGrace(app, 1);
    await setPolicy(app, true);
    const ends = await graceEnd(app);
    clockTo(app, ends - 5 * 60_000);
    const bob = clientFrom(app);
    const atPhone = await bobsEnrollment(bob);
    const dan = clientFrom(app);
    const danLogin = await loginGrace(dan, 'dan');
    const sent = await enrollPhone(dan, danLogin.challenge.token, '+14155550177');
    expect(sent.challenge.step).toBe('CONFIRM_ENROLLMENT');
    clockTo(app, ends + 60_000);
    const before = (await postponedEvents(app)).length;
    expect(await postponeEnrollment(bob, atPhone.token)).toMatchObject({ __typename: 'Problem', code: 'GRACE_PERIOD_ENDED' });
    expect(await postponeEnrollment(dan, sent.challenge.token)).toMatchObject({ __typename: 'Problem', code: 'GRACE_PERIOD_ENDED' });
    expect(await viewerOf(bob)).toBeNull();
    expect(await viewerOf(dan)).toBeNull();
    expect((await postponedEvents(app)).length).toBe(before);
    expect((await enrollPhone(bob, atPhone.token, BOB_PHONE)).__typename).toBe('CodeSent');
  });

  it('an admin lowering the days ends the grace period at once, postponed sessions included', async () => {
    await setPolicy(app, false);
    await setGrace(app, 10);
    await setPolicy(app, true);
    const c = clientFrom(app);
    expect((await postponeEnrollment(c, (await bobsEnrollment(c)).token)).__typename).toBe('Authenticated');
    const open = clientFrom(app);
    const kept = await bobsEnrollment(open);
    app.clock.advanceSeconds(60);
    await setGrace(app, 0);
    expect(await viewerOf(c)).toBeNull();
    expect(await postponeEnrollment(open, kept.token)).toMatchObject({ __typename: 'Problem', code: 'GRACE_PERIOD_ENDED' });
    expect(await listed(app, 'IN_GRACE')).toEqual([]);
  });
});

describe('turning the policy off and on restarts the grace period', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ portalFile: PORTALS });
    await setGrace(app, 3);
  });
  afterAll(() => app.close());

  it('runs 3 days from the last turn-on; a session postponed under the old policy ends', async () => {
    await setPolicy(app, true);
    const first = await graceEnd(app);
    const old = clientFrom(app);
    expect((await postponeEnrollment(old, (await bobsEnrollment(old)).token)).__typename).toBe('Authenticated');
    app.clock.advanceSeconds(2 * DAY_S);
    await setPolicy(app, false);
    const turnedOn = app.clock.now().getTime();
    expect((await setPolicy(app, true)).graceEndsAt).toBe(new Date(turnedOn + 3 * DAY_S * 1000).toISOString());
    expect(await viewerOf(old)).toBeNull();
    // Past the first deadline, inside the new one.
    clockTo(app, first + DAY_S * 1000);
    const c = clientFrom(app);
    const e = await bobsEnrollment(c);
    expect(e.graceDaysLeft).toBe(1);
    expect((await postponeEnrollment(c, e.token)).__typename).toBe('Authenticated');
    // A customer enrolled under the old generation is not enrolled any more: carol is in grace too.
    expect(await listed(app, 'IN_GRACE')).toEqual(['bob', 'carol', 'dan', 'erin']);
  });
});

describe('other portals and concurrency', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ portalFile: PORTALS });
    await setGrace(app, 7);
    await setPolicy(app, true);
  });
  afterAll(() => app.close());

  it("one portal's grace period is not another's", async () => {
    // "other" has its policy on with no grace: Otto, not enrolled, is forced.
    const otto = clientFrom(app);
    const l = await loginGrace(otto, 'otto', 'other');
    expect(l).toMatchObject({ __typename: 'EnrollmentRequired', graceEndsAt: null, graceDaysLeft: null });
    expect(await postponeEnrollment(otto, l.challenge.token)).toMatchObject({ __typename: 'Problem', code: 'GRACE_PERIOD_ENDED' });
    expect(await viewerOf(otto)).toBeNull();
    const oscar = await admin(app, 'oscar', 'other');
    expect((await gqlOk(oscar, LIST, { s: 'IN_GRACE' })).customers.edges).toEqual([]);
    expect((await gqlOk(oscar, POLICY)).twoFactorPolicy).toMatchObject({ enrollmentGraceDays: 0, inGraceCount: 0 });
    expect((await gqlOk(oscar, POSTPONED_EVENTS)).twoFactorEvents.edges).toEqual([]);
    expect(await listed(app, 'IN_GRACE')).toEqual(['bob', 'dan', 'erin']);
  });

  it('twenty concurrent postpones of one token make one session and one event', async () => {
    const c = clientFrom(app);
    const { token } = await bobsEnrollment(c);
    const clients = Array.from({ length: 20 }, () => clientFrom(app));
    const answers = await Promise.all(clients.map((k) => postponeEnrollment(k, token)));
    expect(answers.filter((a) => a.__typename === 'Authenticated')).toHaveLength(1);
    expect(answers.filter((a) => a.__typename === 'Problem').every((a) => a.code === 'CHALLENGE_INVALID')).toBe(true);
    const signedIn = await Promise.all(clients.map(viewerOf));
    expect(signedIn.filter((v) => v !== null)).toHaveLength(1);
    expect(await postponedEvents(app)).toHaveLength(1);
  });

  it('a postpone racing the enrollment code on one challenge: exactly one of them wins', async () => {
    const dan = clientFrom(app);
    const l = await loginGrace(dan, 'dan');
    const sent = await enrollPhone(dan, l.challenge.token, '+14155550177');
    const code = codeFor(app, '+14155550177');
    const [p, c] = await Promise.all([postponeEnrollment(clientFrom(app), sent.challenge.token), confirmCode(clientFrom(app), sent.challenge.token, code)]);
    const winners = [p.__typename === 'Authenticated', c.__typename === 'ReloginRequired'].filter(Boolean);
    expect(winners).toHaveLength(1);
    // Whichever won, dan is enrolled exactly when the code won.
    const enrolled = (await listed(app, 'ENROLLED')).includes('dan');
    expect(enrolled).toBe(c.__typename === 'ReloginRequired');
  });
});
