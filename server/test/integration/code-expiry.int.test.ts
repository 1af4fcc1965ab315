import {
  accountId,
  challengesOf,
  codeFor,
  confirmCode,
  enrollPhone,
  loginForCode,
  otherCode,
  phoneOf,
  resendCode,
  startEnrollment,
  verifyOtp,
  withAttackApp,
} from '../support/code-attack-kit';
import { clientFrom, login, type TestApp } from '../support/harness';

const OTP_TTL = 300; // OTP_TTL_SECONDS, default
const CHALLENGE_TTL = 600; // CHALLENGE_TTL_SECONDS, default
const COOLDOWN = 30;

/**
 * A code lives OTP_TTL_SECONDS and a challenge CHALLENGE_TTL_SECONDS (README "Settings"; NIST: at most 10
 * minutes). An expired code is CODE_EXPIRED and a resend gives a working one; an expired challenge is
 * CHALLENGE_INVALID for every step, and a resend does not lengthen its life. Time moves by the
 * harness clock only.
 */
describe('codes and challenges expire', () => {
  let app: TestApp;
  withAttackApp((started) => (app = started));

  it('a login code works one second before OTP_TTL_SECONDS', async () => {
    const c = clientFrom(app);
    const { token, code } = await loginForCode(app, c, 'c01');
    app.clock.advanceSeconds(OTP_TTL - 1);
    expect(await verifyOtp(c, token, code)).toMatchObject({ __typename: 'Authenticated' });
  });

  it('at OTP_TTL_SECONDS the login code is CODE_EXPIRED, takes no attempt, and resendCode gives one that works', async () => {
    const c = clientFrom(app);
    const { token, code } = await loginForCode(app, c, 'c02');
    app.clock.advanceSeconds(OTP_TTL);
    expect(await verifyOtp(c, token, code)).toMatchObject({ __typename: 'Problem', code: 'CODE_EXPIRED' });
    expect(await verifyOtp(c, token, code)).toMatchObject({ code: 'CODE_EXPIRED' });
    expect((await challengesOf(app, await accountId(app, 'c02')))[0].attempts).toBe(0);

    const resent = await resendCode(c, token);
    expect(resent).toMatchObject({ __typename: 'CodeSent', challenge: { attemptsRemaining: 5 } });
    const fresh = codeFor(app, phoneOf('c02'));
    expect(fresh).not.toBe(code);
    expect(await verifyOtp(c, token, code)).toMatchObject({ code: 'INVALID_CODE', attemptsRemaining: 4 });
    expect(await verifyOtp(c, token, fresh)).toMatchObject({ __typename: 'Authenticated' });
  });

  it('at OTP_TTL_SECONDS the enrollment code is CODE_EXPIRED; a resent code confirms', async () => {
    const c = clientFrom(app);
    const phone = '+14155550190';
    const { token, code } = await startEnrollment(app, c, 'bob', phone);
    app.clock.advanceSeconds(OTP_TTL);
    expect(await confirmCode(c, token, code)).toMatchObject({ __typename: 'Problem', code: 'CODE_EXPIRED' });
    expect(await resendCode(c, token)).toMatchObject({ __typename: 'CodeSent' });
    expect(await confirmCode(c, token, codeFor(app, phone))).toMatchObject({ __typename: 'ReloginRequired' });
  });

  it('a resent code lives OTP_TTL_SECONDS from its own send', async () => {
    const c = clientFrom(app);
    const { token } = await loginForCode(app, c, 'c03');
    app.clock.advanceSeconds(200);
    expect(await resendCode(c, token)).toMatchObject({ __typename: 'CodeSent' });
    const fresh = codeFor(app, phoneOf('c03'));
    app.clock.advanceSeconds(OTP_TTL - 1); // past the first code's life, within the new one's
    expect(await verifyOtp(c, token, otherCode(fresh))).toMatchObject({ code: 'INVALID_CODE', attemptsRemaining: 4 });
    app.clock.advanceSeconds(1);
    expect(await verifyOtp(c, token, fresh)).toMatchObject({ code: 'CODE_EXPIRED' });
  });

  it('a login challenge lives CHALLENGE_TTL_SECONDS from login; a late resend does not lengthen it', async () => {
    const [a, b] = [clientFrom(app), clientFrom(app)];
    const early = await login(a, 'c04');
    const late = await login(b, 'c05');
    expect(early.challenge.expiresAt).toBe(new Date(app.clock.now().getTime() + CHALLENGE_TTL * 1000).toISOString());

    app.clock.advanceSeconds(CHALLENGE_TTL - 20);
    expect(await resendCode(a, early.challenge.token)).toMatchObject({ __typename: 'CodeSent' });
    expect(await resendCode(b, late.challenge.token)).toMatchObject({ __typename: 'CodeSent' });
    app.clock.advanceSeconds(19);
    // One second left: the fresh code works.
    expect(await verifyOtp(a, early.challenge.token, codeFor(app, phoneOf('c04')))).toMatchObject({ __typename: 'Authenticated' });

    app.clock.advanceSeconds(1);
    const sent = app.plivo.attempts;
    const fresh = codeFor(app, phoneOf('c05'));
    expect(await verifyOtp(b, late.challenge.token, fresh)).toMatchObject({ __typename: 'Problem', code: 'CHALLENGE_INVALID' });
    app.clock.advanceSeconds(COOLDOWN);
    expect(await resendCode(b, late.challenge.token)).toMatchObject({ code: 'CHALLENGE_INVALID' });
    expect(app.plivo.attempts).toBe(sent);
  });

  it('an enrollment challenge at CHALLENGE_TTL_SECONDS is CHALLENGE_INVALID for enrollPhone, confirmCode and resendCode', async () => {
    const confirming = clientFrom(app);
    const phone = '+14155550191';
    const { token } = await startEnrollment(app, confirming, 'dan', phone);
    const enrolling = clientFrom(app);
    const fresh = await login(enrolling, 'erin');
    expect(fresh.__typename).toBe('EnrollmentRequired');

    app.clock.advanceSeconds(CHALLENGE_TTL - 10);
    expect(await resendCode(confirming, token)).toMatchObject({ __typename: 'CodeSent' });
    const code = codeFor(app, phone);
    app.clock.advanceSeconds(10);
    const sent = app.plivo.attempts;

    expect(await confirmCode(confirming, token, code)).toMatchObject({ code: 'CHALLENGE_INVALID' });
    expect(await enrollPhone(enrolling, fresh.challenge.token, '+14155550192')).toMatchObject({ code: 'CHALLENGE_INVALID' });
    app.clock.advanceSeconds(COOLDOWN);
    expect(await enrollPhone(confirming, token, '+14155550193')).toMatchObject({ code: 'CHALLENGE_INVALID' });
    expect(await resendCode(confirming, token)).toMatchObject({ code: 'CHALLENGE_INVALID' });
    expect(app.plivo.attempts).toBe(sent);
    // Nothing was enrolled: both still have to enroll.
    expect((await login(clientFrom(app), 'dan')).__typename).toBe('EnrollmentRequired');
    expect((await login(clientFrom(app), 'erin')).__typename).toBe('EnrollmentRequired');
  });
});
