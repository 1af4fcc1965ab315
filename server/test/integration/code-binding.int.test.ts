import {
  accountId,
  codeFor,
  confirmCode,
  enrollPhone,
  eventCount,
  loginForCode,
  resendCode,
  sessionCount,
  startEnrollment,
  verifyOtp,
  withAttackApp,
} from '../support/code-attack-kit';
import { clientFrom, login, type TestApp } from '../support/harness';

const OLIVE_PHONE = '+14155550100'; // enrolled in the `other` portal of TEST_PORTALS

/**
 * A code is bound to one challenge, one step (enrollment or login) and one phone number, and is used
 * once (docs/SECURITY.md "Codes"). Each test holds a code that is genuine somewhere
 * and tries it where it does not belong.
 */
describe('a code works only where it was sent', () => {
  let app: TestApp;
  withAttackApp((started) => (app = started));

  it("a code sent to one customer fails on another customer's challenge, in this portal or another", async () => {
    const [a, b, o] = [clientFrom(app), clientFrom(app), clientFrom(app)];
    const first = await loginForCode(app, a, 'c01');
    const second = await loginForCode(app, b, 'c02');
    const ol = await login(o, 'olive', 'other');
    const olive = { token: ol.challenge.token, code: codeFor(app, OLIVE_PHONE) };
    expect(second.code).not.toBe(first.code);

    expect(await verifyOtp(b, second.token, first.code)).toMatchObject({ code: 'INVALID_CODE', attemptsRemaining: 4 });
    expect(await verifyOtp(a, first.token, olive.code)).toMatchObject({ code: 'INVALID_CODE', attemptsRemaining: 4 });
    expect(await verifyOtp(o, olive.token, second.code)).toMatchObject({ code: 'INVALID_CODE', attemptsRemaining: 4 });
    // Each code still signs in its own customer, and only that customer.
    expect(await verifyOtp(a, first.token, first.code)).toMatchObject({ __typename: 'Authenticated', viewer: { username: 'c01' } });
    expect(await verifyOtp(b, second.token, second.code)).toMatchObject({ __typename: 'Authenticated', viewer: { username: 'c02' } });
    expect(await verifyOtp(o, olive.token, olive.code)).toMatchObject({ __typename: 'Authenticated', viewer: { username: 'olive' } });
  });

  it('step binding: verifyOtp refuses an enrollment challenge, confirmCode refuses a login challenge', async () => {
    const c = clientFrom(app);
    const enrolling = await startEnrollment(app, c, 'bob', '+14155550170');
    const signingIn = await loginForCode(app, clientFrom(app), 'c03');

    expect(await verifyOtp(c, enrolling.token, enrolling.code)).toMatchObject({ code: 'CHALLENGE_INVALID' });
    expect(await confirmCode(c, signingIn.token, signingIn.code)).toMatchObject({ code: 'CHALLENGE_INVALID' });
    expect(await sessionCount(app, await accountId(app, 'bob'))).toBe(0);
    expect(await eventCount(app, 'ENROLLMENT_CONFIRMED', await accountId(app, 'c03'))).toBe(0);
    // The wrong step used nothing up: both challenges still finish with their own step and code.
    expect(await confirmCode(c, enrolling.token, enrolling.code)).toMatchObject({ __typename: 'ReloginRequired' });
    expect(await verifyOtp(c, signingIn.token, signingIn.code)).toMatchObject({ __typename: 'Authenticated' });
  });

  it('an enrollment code does not sign in: verifyOtp on a login challenge refuses it', async () => {
    const phone = '+14155550171';
    // Two tabs enroll the same number; the second confirms, leaving the first tab's code unused.
    const tab1 = await startEnrollment(app, clientFrom(app), 'dan', phone);
    const tab2 = await startEnrollment(app, clientFrom(app), 'dan', phone);
    expect(await confirmCode(clientFrom(app), tab2.token, tab2.code)).toMatchObject({ __typename: 'ReloginRequired' });

    const c = clientFrom(app);
    const l = await login(c, 'dan');
    expect(l.__typename).toBe('CodeRequired');
    const loginCode = codeFor(app, phone);
    expect(loginCode).not.toBe(tab1.code);
    expect(await verifyOtp(c, l.challenge.token, tab1.code)).toMatchObject({ code: 'INVALID_CODE', attemptsRemaining: 4 });
    expect(await verifyOtp(c, l.challenge.token, loginCode)).toMatchObject({ __typename: 'Authenticated' });
  });

  it('once enrolled, an enrollment left open in another tab can no longer change the phone', async () => {
    const mine = '+14155550172';
    const theirs = '+14155550173';
    // Someone with the password starts an enrollment with their own phone, then the customer enrolls.
    const stale = await startEnrollment(app, clientFrom(app), 'nina', theirs);
    const own = await startEnrollment(app, clientFrom(app), 'nina', mine);
    expect(await confirmCode(clientFrom(app), own.token, own.code)).toMatchObject({ __typename: 'ReloginRequired' });

    expect(await confirmCode(clientFrom(app), stale.token, stale.code)).toMatchObject({ __typename: 'Problem', code: 'CHALLENGE_INVALID' });
    const next = await login(clientFrom(app), 'nina');
    expect(next).toMatchObject({ __typename: 'CodeRequired', challenge: { maskedPhone: '+1 •••-•••-0172' } });
    expect(app.plivo.messagesTo(mine)).toHaveLength(2); // the enrollment code, then this login's code
    expect(await eventCount(app, 'ENROLLMENT_CONFIRMED', await accountId(app, 'nina'))).toBe(1);
  });

  it('after enrollPhone again with another number, the code sent to the first number fails', async () => {
    const [first, second] = ['+14155550174', '+14155550175'];
    const c = clientFrom(app);
    const { token, code: firstCode } = await startEnrollment(app, c, 'erin', first);
    app.clock.advanceSeconds(30); // the resend cooldown
    const moved = await enrollPhone(c, token, second);
    expect(moved).toMatchObject({ __typename: 'CodeSent', challenge: { maskedPhone: '+1 •••-•••-0175' } });
    const secondCode = codeFor(app, second);
    expect(secondCode).not.toBe(firstCode);

    expect(await confirmCode(c, token, firstCode)).toMatchObject({ code: 'INVALID_CODE', attemptsRemaining: 4 });
    expect(await confirmCode(c, token, secondCode)).toMatchObject({ __typename: 'ReloginRequired' });
    // The number enrolled is the second one: the next login's code goes there.
    expect(await login(clientFrom(app), 'erin')).toMatchObject({ __typename: 'CodeRequired', challenge: { maskedPhone: '+1 •••-•••-0175' } });
    expect(app.plivo.messagesTo(first)).toHaveLength(1);
    expect(app.plivo.messagesTo(second)).toHaveLength(2);
  });

  it('a used login challenge cannot be replayed, from the same browser or another', async () => {
    const c = clientFrom(app);
    const { token, code } = await loginForCode(app, c, 'c04');
    expect(await verifyOtp(c, token, code)).toMatchObject({ __typename: 'Authenticated' });
    const sent = app.plivo.attempts;

    expect(await verifyOtp(c, token, code)).toMatchObject({ code: 'CHALLENGE_INVALID' });
    expect(await verifyOtp(clientFrom(app), token, code)).toMatchObject({ code: 'CHALLENGE_INVALID' });
    app.clock.advanceSeconds(30);
    expect(await resendCode(clientFrom(app), token)).toMatchObject({ code: 'CHALLENGE_INVALID' });
    expect(app.plivo.attempts).toBe(sent);
    expect(await sessionCount(app, await accountId(app, 'c04'))).toBe(1);
  });

  it('a used enrollment challenge cannot be replayed', async () => {
    const phone = '+14155550176';
    const c = clientFrom(app);
    const { token, code } = await startEnrollment(app, c, 'noah', phone);
    expect(await confirmCode(c, token, code)).toMatchObject({ __typename: 'ReloginRequired' });
    expect(await confirmCode(clientFrom(app), token, code)).toMatchObject({ code: 'CHALLENGE_INVALID' });
    expect(await enrollPhone(clientFrom(app), token, '+14155550177')).toMatchObject({ code: 'CHALLENGE_INVALID' });
    expect(await eventCount(app, 'ENROLLMENT_CONFIRMED', await accountId(app, 'noah'))).toBe(1);
    expect(await sessionCount(app, await accountId(app, 'noah'))).toBe(0);
  });

  it('the stored hash is keyed to its challenge, step and number: tampered rows match nothing', async () => {
    // Someone who can write the table but lacks SECRET_KEY moves a known code's hash around.
    const ds = app.running.ds;
    const row = async (user: string) =>
      (await ds.query('SELECT id, code_hash, phone_e164 FROM login_challenges WHERE account_id = ? AND consumed_at IS NULL', [await accountId(app, user)]))[0];
    const a = await loginForCode(app, clientFrom(app), 'c05');
    const b = await loginForCode(app, clientFrom(app), 'c06');
    const [ra, rb] = [await row('c05'), await row('c06')];
    // A's hash and number on B's challenge: A's code still fails there (the challenge id differs).
    await ds.query('UPDATE login_challenges SET code_hash = ?, phone_e164 = ? WHERE id = ?', [ra.code_hash, ra.phone_e164, rb.id]);
    expect(await verifyOtp(clientFrom(app), b.token, a.code)).toMatchObject({ code: 'INVALID_CODE' });
    // A's own challenge pointed at another number: the code sent to the first number fails.
    await ds.query('UPDATE login_challenges SET phone_e164 = ? WHERE id = ?', [rb.phone_e164, ra.id]);
    expect(await verifyOtp(clientFrom(app), a.token, a.code)).toMatchObject({ code: 'INVALID_CODE' });

    // An enrollment challenge relabelled as a login one: its enrollment code does not sign in.
    const e = await startEnrollment(app, clientFrom(app), 'nell', '+14155550178');
    await ds.query("UPDATE login_challenges SET step = 'VERIFY_CODE' WHERE account_id = ?", [await accountId(app, 'nell')]);
    expect(await verifyOtp(clientFrom(app), e.token, e.code)).toMatchObject({ code: 'INVALID_CODE' });
    expect(await sessionCount(app, await accountId(app, 'nell'))).toBe(0);
  });
});
