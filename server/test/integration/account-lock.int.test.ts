import {
  accountId,
  attackPortals,
  codeFor,
  eventCount,
  loginForCode,
  otherCode,
  phoneOf,
  resendCode,
  verifyOtp,
} from '../support/code-attack-kit';
import type { GqlClient } from '../support/gql-client';
import { PASSWORD } from '../support/fixtures';
import { clientFrom, login, startTestApp, type TestApp } from '../support/harness';

const LOCK = 900; // RATE_CODE_LOCK_SECONDS, default: 15 min
const HOUR = 3600;

/**
 * Wrong codes also count per account across challenges: 10 an hour, then that account's logins
 * answer RATE_LIMITED for 15 minutes (CONTRACT §2). The lock shows only after the right password, so
 * it tells a stranger nothing; a new login or a resend never resets the count; the lock starts a new
 * count; other customers are untouched.
 */
describe('too many wrong codes lock the account for a while', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ portalFile: attackPortals() });
  });
  afterAll(() => app.close());

  /** `n` wrong codes on a fresh login challenge of `user`; returns the challenge. */
  async function wrongOnNewLogin(user: string, n: number): Promise<{ token: string; code: string; c: GqlClient }> {
    const c = clientFrom(app);
    const ch = await loginForCode(app, c, user);
    for (let i = 0; i < n; i += 1) {
      expect(await verifyOtp(c, ch.token, otherCode(ch.code))).toMatchObject({ code: 'INVALID_CODE', attemptsRemaining: 4 - i });
    }
    return { ...ch, c };
  }

  /** A login from a new browser, with the right password unless told otherwise. */
  const loginAs = (user: string, password = PASSWORD) => login(clientFrom(app), user, 'acme', password);

  it('10 wrong codes over two logins: RATE_LIMITED for 15 min after the right password, and only then', async () => {
    await wrongOnNewLogin('c01', 5);
    await wrongOnNewLogin('c01', 5);
    const sent = app.plivo.attempts;

    expect(await loginAs('c01')).toMatchObject({ __typename: 'Problem', code: 'RATE_LIMITED', retryAfterSeconds: LOCK });
    expect(app.plivo.attempts).toBe(sent); // a locked login sends no SMS
    // A wrong password gets the answer any wrong password gets, as for an account that does not exist.
    const wrongPassword = await loginAs('c01', 'not the password');
    const nobody = await loginAs('no-such-user', 'not the password');
    expect(wrongPassword).toEqual(nobody);
    expect(wrongPassword).toMatchObject({ code: 'INVALID_CREDENTIALS', retryAfterSeconds: null });
    expect(await eventCount(app, 'ACCOUNT_LOCKED', await accountId(app, 'c01'))).toBe(1);

    app.clock.advanceSeconds(LOCK - 1);
    expect(await loginAs('c01')).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 1 });
    app.clock.advanceSeconds(1);
    // Over: and the lock started a new count, so one more wrong code does not lock again.
    const c = clientFrom(app);
    const { token, code } = await loginForCode(app, c, 'c01');
    expect(await verifyOtp(c, token, otherCode(code))).toMatchObject({ code: 'INVALID_CODE', attemptsRemaining: 4 });
    expect(await verifyOtp(c, token, code)).toMatchObject({ __typename: 'Authenticated' });
  });

  it('a new login never resets the count: 4 wrong, new login, 4 wrong, new login, 2 wrong -> locked', async () => {
    const untouched = await loginForCode(app, clientFrom(app), 'c02'); // another tab, left open
    await wrongOnNewLogin('c02', 4);
    await wrongOnNewLogin('c02', 4);
    const last = await wrongOnNewLogin('c02', 2);

    expect(await loginAs('c02')).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: LOCK });
    // The lock ends every open challenge of the account: the right codes no longer sign in.
    expect(await verifyOtp(last.c, last.token, last.code)).toMatchObject({ __typename: 'Problem' });
    expect(await verifyOtp(clientFrom(app), untouched.token, untouched.code)).toMatchObject({ __typename: 'Problem' });
  });

  it('a resend never resets the count either', async () => {
    for (let round = 0; round < 2; round += 1) {
      const { c, token } = await wrongOnNewLogin('c03', 3);
      app.clock.advanceSeconds(30);
      expect(await resendCode(c, token)).toMatchObject({ __typename: 'CodeSent', challenge: { attemptsRemaining: 2 } });
      const fresh = codeFor(app, phoneOf('c03'));
      await verifyOtp(c, token, otherCode(fresh));
      expect(await verifyOtp(c, token, otherCode(fresh))).toMatchObject({ code: 'INVALID_CODE', attemptsRemaining: 0 });
    }
    expect(await loginAs('c03')).toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('other customers are unaffected by a locked account', async () => {
    await wrongOnNewLogin('c04', 5);
    await wrongOnNewLogin('c04', 5);
    expect(await loginAs('c04')).toMatchObject({ code: 'RATE_LIMITED' });

    for (const user of ['c05', 'c06']) {
      const c = clientFrom(app);
      const { token, code } = await loginForCode(app, c, user);
      expect(await verifyOtp(c, token, code)).toMatchObject({ __typename: 'Authenticated', viewer: { username: user } });
    }
    const olive = clientFrom(app);
    const ol = await login(olive, 'olive', 'other');
    expect(ol.__typename).toBe('CodeRequired');
  });

  it('the count is per hour: 9 wrong, an hour passes, 1 wrong -> not locked', async () => {
    await wrongOnNewLogin('c07', 5);
    await wrongOnNewLogin('c07', 4);
    app.clock.advanceSeconds(HOUR);
    await wrongOnNewLogin('c07', 1);
    expect(await loginAs('c07')).toMatchObject({ __typename: 'CodeRequired' });
  });

  it('9 wrong within the hour do not lock; the 10th does', async () => {
    await wrongOnNewLogin('c08', 5);
    await wrongOnNewLogin('c08', 4);
    app.clock.advanceSeconds(HOUR - 60);
    expect(await loginAs('c08')).toMatchObject({ __typename: 'CodeRequired' });
    await wrongOnNewLogin('c08', 1);
    expect(await loginAs('c08')).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: LOCK });
  });
});
