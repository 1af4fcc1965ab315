import {
  accountId,
  attackPortals,
  challengesOf,
  confirmCode,
  enrollPhone,
  loginForCode,
  otherCode,
  resendCode,
  startEnrollment,
  verifyOtp,
} from '../support/code-attack-kit';
import { clientFrom, login, startTestApp, type TestApp } from '../support/harness';

/**
 * Five wrong codes per challenge, then the challenge is dead, even for the right code (CONTRACT §2,
 * SECURITY.md "Attempts and limits"). A code that is not six digits is a wrong code and counts: a
 * lenient parser (trimming, dropping a '+', accepting 5 or 7 digits) would be a free guess.
 */
describe('five wrong codes kill a challenge', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ portalFile: attackPortals() });
  });
  afterAll(() => app.close());

  it('verifyOtp: each wrong code says how many are left (4..0); then the right code is TOO_MANY_ATTEMPTS', async () => {
    const c = clientFrom(app);
    const { token, code } = await loginForCode(app, c, 'c01');
    const wrong = otherCode(code);
    for (const left of [4, 3, 2, 1, 0]) {
      expect(await verifyOtp(c, token, wrong)).toMatchObject({ __typename: 'Problem', code: 'INVALID_CODE', attemptsRemaining: left });
    }
    expect(await verifyOtp(c, token, code)).toMatchObject({ __typename: 'Problem', code: 'TOO_MANY_ATTEMPTS' });
    expect(await verifyOtp(c, token, code)).toMatchObject({ __typename: 'Problem', code: 'TOO_MANY_ATTEMPTS' });
    expect((await c.gql('{ viewer { id } }')).body.data.viewer).toBeNull();
    const [row] = await challengesOf(app, await accountId(app, 'c01'));
    expect(row.attempts).toBe(5);
  });

  it('verifyOtp: a code that is not six digits is a wrong code, and counts', async () => {
    const c = clientFrom(app);
    const { token, code } = await loginForCode(app, c, 'c02');
    // Each is refused and takes an attempt; the last two are the right code, dressed up.
    const malformed = ['12345', 'abcdef', '1234567', ` ${code}`, `${code}\n`];
    const answers = [];
    for (const m of malformed) answers.push(await verifyOtp(c, token, m));
    expect(answers.map((a) => [a.code, a.attemptsRemaining])).toEqual([
      ['INVALID_CODE', 4],
      ['INVALID_CODE', 3],
      ['INVALID_CODE', 2],
      ['INVALID_CODE', 1],
      ['INVALID_CODE', 0],
    ]);
    expect(await verifyOtp(c, token, code)).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
  });

  it('verifyOtp: an empty code and look-alike digits are wrong codes too', async () => {
    const c = clientFrom(app);
    const { token, code } = await loginForCode(app, c, 'c03');
    const fullWidth = [...code].map((d) => String.fromCharCode(0xff10 + Number(d))).join(''); // "１２３４５６"
    expect(await verifyOtp(c, token, '')).toMatchObject({ code: 'INVALID_CODE', attemptsRemaining: 4 });
    expect(await verifyOtp(c, token, fullWidth)).toMatchObject({ code: 'INVALID_CODE', attemptsRemaining: 3 });
    expect(await verifyOtp(c, token, `+${code.slice(1)}`)).toMatchObject({ code: 'INVALID_CODE', attemptsRemaining: 2 });
    // Two attempts are left, so the right code still works: wrong inputs did not break the challenge.
    expect(await verifyOtp(c, token, code)).toMatchObject({ __typename: 'Authenticated' });
  });

  it('confirmCode: the same five, malformed ones included; then the right code is TOO_MANY_ATTEMPTS and nothing is enrolled', async () => {
    const c = clientFrom(app);
    const phone = '+14155550150';
    const { token, code } = await startEnrollment(app, c, 'bob', phone);
    const tries = [otherCode(code), '12345', 'abcdef', '1234567', otherCode(code)];
    for (const [i, t] of tries.entries()) {
      expect(await confirmCode(c, token, t)).toMatchObject({ __typename: 'Problem', code: 'INVALID_CODE', attemptsRemaining: 4 - i });
    }
    expect(await confirmCode(c, token, code)).toMatchObject({ __typename: 'Problem', code: 'TOO_MANY_ATTEMPTS' });
    // Bob is still not enrolled: his next login asks for enrollment again.
    expect((await login(clientFrom(app), 'bob')).__typename).toBe('EnrollmentRequired');
  });

  it('a dead challenge sends no more codes: resendCode and enrollPhone on it send no SMS', async () => {
    const c = clientFrom(app);
    const phone = '+14155550151';
    const { token, code } = await startEnrollment(app, c, 'dan', phone);
    for (let i = 0; i < 5; i += 1) await confirmCode(c, token, otherCode(code));
    app.clock.advanceSeconds(31); // past the resend cooldown, so only the dead challenge can refuse
    const sentBefore = app.plivo.attempts;
    const resent = await resendCode(c, token);
    const again = await enrollPhone(c, token, '+14155550152');
    expect(resent).toMatchObject({ __typename: 'Problem', code: 'TOO_MANY_ATTEMPTS' });
    expect(again).toMatchObject({ __typename: 'Problem', code: 'TOO_MANY_ATTEMPTS' });
    expect(app.plivo.attempts).toBe(sentBefore);
    expect(await confirmCode(c, token, code)).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
  });

  it('a dead login challenge sends no more codes either', async () => {
    const c = clientFrom(app);
    const { token, code } = await loginForCode(app, c, 'c04');
    for (let i = 0; i < 5; i += 1) await verifyOtp(c, token, otherCode(code));
    app.clock.advanceSeconds(31);
    const sentBefore = app.plivo.attempts;
    expect(await resendCode(c, token)).toMatchObject({ __typename: 'Problem', code: 'TOO_MANY_ATTEMPTS' });
    expect(app.plivo.attempts).toBe(sentBefore);
  });
});
