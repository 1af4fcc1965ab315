import { ChallengeStore } from '../../src/sign-in/challenge.store';
import {
  accountId,
  codeFor,
  confirmCode,
  enrollPhone,
  loginForCode,
  otherCode,
  phoneOf,
  resendCode,
  sessionCount,
  startEnrollment,
  tally,
  verifyOtp,
  withAttackApp,
} from '../support/code-attack-kit';
import { GqlClient } from '../support/gql-client';
import { clientFrom, freshIp, login, type TestApp } from '../support/harness';

const COOLDOWN = 30; // OTP_RESEND_COOLDOWN_SECONDS, default

/**
 * A resend makes a new code and the old one stops; it waits OTP_RESEND_COOLDOWN_SECONDS after the
 * last send, on resendCode and on enrollPhone again alike; and it never resets a failure count
 * (README "Settings", docs/SECURITY.md "Codes": NIST rev. 4).
 */
describe('resending a code', () => {
  let app: TestApp;
  withAttackApp((started) => (app = started));
  afterEach(() => jest.restoreAllMocks());

  const inSeconds = (s: number) => new Date(app.clock.now().getTime() + s * 1000).toISOString();

  it('before the cooldown: RATE_LIMITED with the seconds left, and no SMS', async () => {
    const c = clientFrom(app);
    const l = await login(c, 'c01');
    expect(l.challenge.resendAvailableAt).toBe(inSeconds(COOLDOWN));
    const token = l.challenge.token;
    const sent = app.plivo.attempts;

    expect(await resendCode(c, token)).toMatchObject({ __typename: 'Problem', code: 'RATE_LIMITED', retryAfterSeconds: 30 });
    app.clock.advanceSeconds(10);
    expect(await resendCode(c, token)).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 20 });
    app.clock.advanceSeconds(19);
    expect(await resendCode(c, token)).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 1 });
    expect(app.plivo.attempts).toBe(sent);
  });

  it('after the cooldown: a new code; the old one fails and the new one signs in', async () => {
    const c = clientFrom(app);
    const { token, code: oldCode } = await loginForCode(app, c, 'c02');
    app.clock.advanceSeconds(COOLDOWN);
    const resent = await resendCode(c, token);
    expect(resent).toMatchObject({ __typename: 'CodeSent', challenge: { step: 'VERIFY_CODE', resendAvailableAt: inSeconds(COOLDOWN) } });
    const newCode = codeFor(app, phoneOf('c02'));
    expect(app.plivo.messagesTo(phoneOf('c02'))).toHaveLength(2);
    expect(newCode).not.toBe(oldCode);

    expect(await verifyOtp(c, resent.challenge.token, oldCode)).toMatchObject({ code: 'INVALID_CODE', attemptsRemaining: 4 });
    expect(await verifyOtp(c, resent.challenge.token, newCode)).toMatchObject({ __typename: 'Authenticated' });
  });

  it('a resend does not reset the attempt count: wrong codes before and after add up to five', async () => {
    const c = clientFrom(app);
    const { token, code } = await loginForCode(app, c, 'c03');
    await verifyOtp(c, token, otherCode(code));
    expect(await verifyOtp(c, token, otherCode(code))).toMatchObject({ attemptsRemaining: 3 });

    app.clock.advanceSeconds(COOLDOWN);
    expect(await resendCode(c, token)).toMatchObject({ __typename: 'CodeSent', challenge: { attemptsRemaining: 3 } });
    let fresh = codeFor(app, phoneOf('c03'));
    expect(await verifyOtp(c, token, otherCode(fresh))).toMatchObject({ code: 'INVALID_CODE', attemptsRemaining: 2 });

    app.clock.advanceSeconds(COOLDOWN);
    expect(await resendCode(c, token)).toMatchObject({ __typename: 'CodeSent', challenge: { attemptsRemaining: 2 } });
    fresh = codeFor(app, phoneOf('c03'));
    expect(await verifyOtp(c, token, otherCode(fresh))).toMatchObject({ attemptsRemaining: 1 });
    expect(await verifyOtp(c, token, otherCode(fresh))).toMatchObject({ attemptsRemaining: 0 });
    // Five wrong in all: the newest code is refused too.
    expect(await verifyOtp(c, token, fresh)).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
  });

  it('enrollment: enrollPhone again and resendCode before the cooldown are RATE_LIMITED; the first code still works', async () => {
    const c = clientFrom(app);
    const first = '+14155550180';
    const { token, code } = await startEnrollment(app, c, 'bob', first);
    const sent = app.plivo.attempts;
    app.clock.advanceSeconds(12);

    expect(await enrollPhone(c, token, '+14155550181')).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 18 });
    expect(await enrollPhone(c, token, first)).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 18 });
    expect(await resendCode(c, token)).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 18 });
    expect(app.plivo.attempts).toBe(sent);
    // Refused sends changed nothing: the code and the number are the first ones.
    expect(await confirmCode(c, token, code)).toMatchObject({ __typename: 'ReloginRequired' });
    expect(await login(clientFrom(app), 'bob')).toMatchObject({ challenge: { maskedPhone: '+1 •••-•••-0180' } });
  });

  it('enrollment: a resend after the cooldown makes a new code; the old one fails, attempts carry on', async () => {
    const c = clientFrom(app);
    const phone = '+14155550182';
    const { token, code: oldCode } = await startEnrollment(app, c, 'dan', phone);
    expect(await confirmCode(c, token, otherCode(oldCode))).toMatchObject({ attemptsRemaining: 4 });
    app.clock.advanceSeconds(COOLDOWN);
    expect(await resendCode(c, token)).toMatchObject({ __typename: 'CodeSent', challenge: { step: 'CONFIRM_ENROLLMENT', attemptsRemaining: 4 } });
    const newCode = codeFor(app, phone);
    expect(newCode).not.toBe(oldCode);
    expect(await confirmCode(c, token, oldCode)).toMatchObject({ code: 'INVALID_CODE', attemptsRemaining: 3 });
    expect(await confirmCode(c, token, newCode)).toMatchObject({ __typename: 'ReloginRequired' });
  });

  it('a resend needs a code to have been sent: resendCode at ENROLL_PHONE is CHALLENGE_INVALID', async () => {
    const c = clientFrom(app);
    const l = await login(c, 'erin');
    expect(l.__typename).toBe('EnrollmentRequired');
    const sent = app.plivo.attempts;
    expect(await resendCode(c, l.challenge.token)).toMatchObject({ code: 'CHALLENGE_INVALID' });
    expect(app.plivo.attempts).toBe(sent);
  });

  it('10 concurrent resends over two servers after the cooldown: one new code, one SMS', async () => {
    const second = await app.startAnother();
    const { token } = await loginForCode(app, clientFrom(app), 'c04');
    app.clock.advanceSeconds(COOLDOWN);
    const sent = app.plivo.attempts;
    const client = (i: number) => (i % 2 ? new GqlClient(second.url, { 'x-forwarded-for': freshIp() }) : clientFrom(app));
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => resendCode(client(i), token)));
    expect(tally(answers)).toEqual({ CodeSent: 1, RATE_LIMITED: 9 });
    expect(app.plivo.attempts).toBe(sent + 1);
    expect(await verifyOtp(clientFrom(app), token, codeFor(app, phoneOf('c04')))).toMatchObject({ __typename: 'Authenticated' });
  });

  /**
   * Puts a resend between a request's read of the challenge and its attempt: the last moment a racing
   * resend can land (from the attempt to the consume the request's transaction holds the row, so a
   * resend waits for it). The consume must refuse, since the code the request read and compares with is
   * no longer the challenge's code.
   */
  function resendBeforeTheNextConsume(token: string): { resent: () => unknown } {
    const takeAttempt = ChallengeStore.prototype.takeAttempt;
    let resent: unknown;
    jest.spyOn(ChallengeStore.prototype, 'takeAttempt').mockImplementation(async function (this: ChallengeStore, ...args) {
      if (resent === undefined) resent = await resendCode(clientFrom(app), token);
      return takeAttempt.apply(this, args);
    });
    return { resent: () => resent };
  }

  it('verifyOtp: an old code checked just before a racing resend does not sign in; the new code does', async () => {
    const c = clientFrom(app);
    const { token, code: oldCode } = await loginForCode(app, c, 'c05');
    app.clock.advanceSeconds(COOLDOWN);
    const race = resendBeforeTheNextConsume(token);

    expect(await verifyOtp(c, token, oldCode)).toMatchObject({ __typename: 'Problem', code: 'CHALLENGE_INVALID' });
    expect(race.resent()).toMatchObject({ __typename: 'CodeSent' });
    jest.restoreAllMocks();
    const id = await accountId(app, 'c05');
    expect(await sessionCount(app, id)).toBe(0);
    expect((await c.gql('{ viewer { id } }')).body.data.viewer).toBeNull();
    // The challenge is still open, for the code the customer was just sent.
    const newCode = codeFor(app, phoneOf('c05'));
    expect(newCode).not.toBe(oldCode);
    expect(await verifyOtp(c, token, newCode)).toMatchObject({ __typename: 'Authenticated' });
    expect(await sessionCount(app, id)).toBe(1);
  });

  it('confirmCode: an old code checked just before a racing resend enrolls nothing; the new code does', async () => {
    const c = clientFrom(app);
    const phone = '+14155550183';
    const { token, code: oldCode } = await startEnrollment(app, c, 'erin', phone);
    app.clock.advanceSeconds(COOLDOWN);
    const race = resendBeforeTheNextConsume(token);

    expect(await confirmCode(c, token, oldCode)).toMatchObject({ __typename: 'Problem', code: 'CHALLENGE_INVALID' });
    expect(race.resent()).toMatchObject({ __typename: 'CodeSent' });
    jest.restoreAllMocks();
    expect((await login(clientFrom(app), 'erin')).__typename).toBe('EnrollmentRequired');
    const newCode = codeFor(app, phone);
    expect(newCode).not.toBe(oldCode);
    expect(await confirmCode(c, token, newCode)).toMatchObject({ __typename: 'ReloginRequired' });
  });
});
