import { Hasher } from '../../src/lib/tokens';
import { CodeChecker } from '../../src/sign-in/code-checker';
import {
  accountId,
  challengesOf,
  confirmCode,
  enrollPhone,
  loginForCode,
  otherCode,
  resendCode,
  startEnrollment,
  tally,
  verifyOtp,
  withAttackApp,
  wrongCodes,
} from '../support/code-attack-kit';
import { clientFrom, login, type TestApp } from '../support/harness';

/**
 * Five wrong codes per challenge, then the challenge is dead, even for the right code (README "Settings",
 * docs/SECURITY.md "Attempts and limits"). A code that is not six digits is a wrong code and counts: a
 * lenient parser (trimming, dropping a '+', accepting 5 or 7 digits) would be a free guess.
 */
describe('five wrong codes kill a challenge', () => {
  let app: TestApp;
  withAttackApp((started) => (app = started));
  afterEach(() => jest.restoreAllMocks());

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

  /*
   * Count before comparing (docs/SECURITY.md "Attempts and limits"): the attempt is taken first, by a
   * conditional UPDATE, and only a request that got one has its code compared. Comparing first and
   * counting only wrong codes gives the same answers one request at a time, so these tests look at
   * what differs: the right code's own attempt, a right code racing the last wrong one, and how many
   * codes are compared in a burst.
   */

  it('the right code takes an attempt too: after four wrong codes it is the fifth, and the row says so', async () => {
    const c = clientFrom(app);
    const { token, code } = await loginForCode(app, c, 'c05');
    for (let i = 0; i < 4; i += 1) await verifyOtp(c, token, otherCode(code));
    expect(await verifyOtp(c, token, code)).toMatchObject({ __typename: 'Authenticated' });
    const [row] = await challengesOf(app, await accountId(app, 'c05'));
    expect(row).toMatchObject({ attempts: 5, consumed: true });
  });

  it('a right code loses to a wrong one that took the last attempt while it was on its way', async () => {
    const c = clientFrom(app);
    const { token, code } = await loginForCode(app, c, 'c06');
    for (let i = 0; i < 4; i += 1) await verifyOtp(c, token, otherCode(code));
    // The right code's request has loaded the challenge (4 attempts used, so it passes the early
    // check); before its code is weighed, another request spends the fifth attempt on a wrong code.
    const check = CodeChecker.prototype.check;
    let racer: unknown;
    jest.spyOn(CodeChecker.prototype, 'check').mockImplementation(async function (this: CodeChecker, ch, typed, ip, onRight) {
      if (typed === code && racer === undefined) racer = await verifyOtp(clientFrom(app), token, otherCode(code));
      return check.call(this, ch, typed, ip, onRight);
    });
    const right = await verifyOtp(c, token, code);
    expect(racer).toMatchObject({ __typename: 'Problem', code: 'INVALID_CODE', attemptsRemaining: 0 });
    expect(right).toMatchObject({ __typename: 'Problem', code: 'TOO_MANY_ATTEMPTS' });
    expect((await c.gql('{ viewer { id } }')).body.data.viewer).toBeNull();
    const id = await accountId(app, 'c06');
    expect(await challengesOf(app, id)).toEqual([expect.objectContaining({ attempts: 5, consumed: false })]);
    const [sessions] = await app.running.ds.query('SELECT COUNT(*) AS n FROM sessions WHERE account_id = ?', [id]);
    expect(Number(sessions.n)).toBe(0);
  });

  it('40 wrong codes that all loaded the challenge before any was weighed: at most 5 are compared', async () => {
    const user = 'c07';
    const { token, code } = await loginForCode(app, clientFrom(app), user);
    const burst = 40;
    // A barrier in front of the checker: every request has read the challenge (0 attempts used)
    // before any goes on, the worst interleaving for a check-then-count design, made certain.
    let arrived = 0;
    let release!: () => void;
    const allIn = new Promise<void>((resolve) => (release = resolve));
    const check = CodeChecker.prototype.check;
    jest.spyOn(CodeChecker.prototype, 'check').mockImplementation(async function (this: CodeChecker, ch, typed, ip, onRight) {
      arrived += 1;
      if (arrived === burst) release();
      await allIn;
      return check.call(this, ch, typed, ip, onRight);
    });
    const compared = jest.spyOn(Hasher, 'equal');

    const answers = await Promise.all(wrongCodes(code, burst).map((w) => verifyOtp(clientFrom(app), token, w)));
    const [row] = await challengesOf(app, await accountId(app, user));
    expect(arrived).toBe(burst);
    expect(row.attempts).toBe(5);
    expect(tally(answers)).toEqual({ INVALID_CODE: 5, TOO_MANY_ATTEMPTS: burst - 5 });
    expect(compared).toHaveBeenCalledTimes(5);
  });
});
