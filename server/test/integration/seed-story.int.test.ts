import { ENROLL, CONFIRM, VERIFY, SET_POLICY, RESET, VIEWER, CAROL_PHONE } from '../support/fixtures';
import { clientFrom, login, startTestApp, type TestApp } from '../support/harness';

/** The help page's story, end to end through GraphQL on MySQL, Plivo through the real SDK. */
describe('the seed story', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it('turns on, enrolls, re-logs in, signs in with codes, resets, re-enrolls', async () => {
    const admin = clientFrom(app);
    expect((await login(admin, 'alice')).__typename).toBe('Authenticated');
    const policy = await admin.gql(SET_POLICY, { enabled: true });
    expect(policy.body.data.setTwoFactorPolicy).toMatchObject({ enabled: true, customerCount: 4, enrolledCount: 1 });

    // Bob must enroll at his next login.
    const bob = clientFrom(app);
    const first = await login(bob, 'bob');
    expect(first.__typename).toBe('EnrollmentRequired');
    expect(first.challenge.step).toBe('ENROLL_PHONE');
    expect(app.plivo.messages).toHaveLength(0);
    expect((await bob.gql(VIEWER)).body.data.viewer).toBeNull();

    const sent = await bob.gql(ENROLL, { input: { challengeToken: first.challenge.token, phoneNumber: '(415) 555-0134' } });
    const challenge = sent.body.data.enrollPhone.challenge;
    expect(challenge).toMatchObject({ step: 'CONFIRM_ENROLLMENT', maskedPhone: '+1 •••-•••-0134', attemptsRemaining: 5 });
    const code = app.plivo.lastCodeFor('+14155550134');
    expect(code).toMatch(/^\d{6}$/);
    expect(JSON.stringify(sent.body)).not.toContain(code);

    const confirmed = await bob.gql(CONFIRM, { input: { challengeToken: challenge.token, code } });
    expect(confirmed.body.data.confirmCode.__typename).toBe('ReloginRequired');
    expect((await bob.gql(VIEWER)).body.data.viewer).toBeNull(); // no session from enrollment

    // Then every login is password + code.
    const second = await login(bob, 'bob');
    expect(second.__typename).toBe('CodeRequired');
    expect(second.challenge.maskedPhone).toBe('+1 •••-•••-0134');
    const loginCode = app.plivo.lastCodeFor('+14155550134');
    expect(loginCode).not.toBe(code);
    const verified = await bob.gql(VERIFY, { input: { challengeToken: second.challenge.token, code: loginCode } });
    expect(verified.body.data.verifyOtp).toMatchObject({
      __typename: 'Authenticated',
      viewer: { username: 'bob', kind: 'CUSTOMER', customer: { twoFactor: { status: 'ENROLLED', maskedPhone: '+1 •••-•••-0134' } } },
    });
    expect((await bob.gql(VIEWER)).body.data.viewer.username).toBe('bob');

    // A non-Master admin resets Bob: Bob is signed out and enrolls again; Carol is untouched.
    const dave = clientFrom(app);
    await login(dave, 'dave');
    const bobId = verified.body.data.verifyOtp.viewer.id;
    const reset = await dave.gql(RESET, { id: bobId });
    expect(reset.body.data.resetTwoFactor.twoFactor).toEqual({ status: 'NOT_ENROLLED', maskedPhone: null, enrolledAt: null });
    expect((await bob.gql(VIEWER)).body.data.viewer).toBeNull();
    expect((await login(bob, 'bob')).__typename).toBe('EnrollmentRequired');
    const carol = clientFrom(app);
    const carolLogin = await login(carol, 'carol');
    expect(carolLogin.__typename).toBe('CodeRequired');
    expect(app.plivo.lastCodeFor(CAROL_PHONE)).toMatch(/^\d{6}$/);
  });
});
