import { CONFIRM_APP, MY_FACTORS, START_APP } from '../support/fixtures';
import { accountId, phoneOf, withAttackApp } from '../support/code-attack-kit';
import {
  addApp,
  appCode,
  clientFrom,
  login,
  otherCode,
  resendCode,
  setPolicy,
  setSecondFactors,
  signInWithCode,
  verifyOtp,
} from '../support/sign-in-kit';
import type { GqlClient } from '../support/gql-client';
import type { TestApp } from '../support/harness';

/**
 * docs/SECURITY.md, Second factors: an authenticator app (RFC 6238) beside the phone. Added from the
 * account page by a customer enrolled by SMS, counted only once confirmed with a code; at sign-in its
 * code is asked first and no text is sent; one use per time step, ±1 step of drift; its secret is kept
 * sealed. The real server, MariaDB and the real plivo SDK against the fake Plivo.
 */
describe('authenticator app', () => {
  let app: TestApp;
  withAttackApp((started) => (app = started));

  /** A signed-in customer (SMS code), in a portal that offers apps. */
  async function signedIn(username: string): Promise<GqlClient> {
    const c = clientFrom(app);
    const r = await signInWithCode(app, c, username, phoneOf(username));
    if (r.__typename !== 'Authenticated') throw new Error(JSON.stringify(r));
    return c;
  }

  /** A login that should stop at the app's step: its challenge token. */
  async function loginToAppStep(username: string, c = clientFrom(app)): Promise<string> {
    const l = await login(c, username);
    expect(l).toMatchObject({ __typename: 'CodeRequired', challenge: { step: 'VERIFY_TOTP', maskedPhone: null } });
    return l.challenge.token;
  }

  beforeAll(async () => {
    await setSecondFactors(app, ['SMS', 'TOTP']);
  });

  it('SMS only (the default): the account page cannot add an app', async () => {
    await setSecondFactors(app, ['SMS']);
    try {
      const c = await signedIn('c01');
      expect((await c.gql(START_APP)).body.data.startAuthenticatorApp).toMatchObject({ __typename: 'Problem', code: 'FACTOR_NOT_AVAILABLE' });
      const policy = await (async () => {
        const a = clientFrom(app);
        await login(a, 'alice');
        return (await a.gql('{ twoFactorPolicy { factors } }')).body.data.twoFactorPolicy;
      })();
      expect(policy).toEqual({ factors: ['SMS'] });
    } finally {
      await setSecondFactors(app, ['SMS', 'TOTP']);
    }
  });

  it('the setup: an otpauth URI with the portal as issuer and a QR code; not counted until a right code confirms it; wrong codes count', async () => {
    const c = await signedIn('c02');
    const started = (await c.gql(START_APP)).body.data.startAuthenticatorApp;
    expect(started.__typename).toBe('AuthenticatorAppSetup');
    expect(started.otpauthUri).toMatch(/^otpauth:\/\/totp\/Acme%20Freight:c02\?/);
    expect(started.otpauthUri).toContain(`secret=${started.secret}`);
    expect(started.otpauthUri).toContain('issuer=Acme%20Freight');
    expect(started.qrCodeSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    // Not counted yet: the next login still texts a code.
    expect((await login(clientFrom(app), 'c02')).challenge.step).toBe('VERIFY_CODE');
    expect((await c.gql(MY_FACTORS)).body.data.viewer.customer.twoFactor.factors).toEqual(['SMS']);
    const wrong = otherCode(appCode(app, started.secret), appCode(app, started.secret, -1), appCode(app, started.secret, 1));
    expect((await c.gql(CONFIRM_APP, { input: { code: wrong } })).body.data.confirmAuthenticatorApp).toMatchObject({ code: 'INVALID_CODE', attemptsRemaining: 4 });
    const right = (await c.gql(CONFIRM_APP, { input: { code: appCode(app, started.secret) } })).body.data.confirmAuthenticatorApp;
    expect(right).toMatchObject({ __typename: 'AccountFactors', factors: ['SMS', 'TOTP'] });
    // The secret is kept sealed: neither its base32 nor its bytes are in the row.
    const [row] = await app.running.ds.query('SELECT secret_box, key_id FROM totp_factors WHERE account_id = ?', [await accountId(app, 'c02')]);
    expect(row.secret_box).not.toContain(started.secret);
    expect(row.key_id).toMatch(/^[0-9a-f]{16}$/);
    // Nor is it in any log line of the server.
    expect(app.logs.join('')).not.toContain(started.secret);
    // …and is never shown again: a new setup while one counts is refused.
    expect((await c.gql(START_APP)).body.data.startAuthenticatorApp).toMatchObject({ code: 'FACTOR_NOT_AVAILABLE' });
  });

  it('five wrong confirmation codes end the setup, even for the right code after them', async () => {
    const c = await signedIn('c03');
    const { secret } = (await c.gql(START_APP)).body.data.startAuthenticatorApp;
    const wrong = otherCode(appCode(app, secret), appCode(app, secret, -1), appCode(app, secret, 1));
    for (let i = 0; i < 5; i++) await c.gql(CONFIRM_APP, { input: { code: wrong } });
    expect((await c.gql(CONFIRM_APP, { input: { code: appCode(app, secret) } })).body.data.confirmAuthenticatorApp).toMatchObject({
      code: 'TOO_MANY_ATTEMPTS',
    });
  });

  it('sign-in asks the app first and texts nothing; its code signs in; the same code again in its step is refused', async () => {
    const c = await signedIn('c04');
    const secret = await addApp(app, c);
    app.clock.advanceSeconds(30);
    const sentBefore = app.plivo.messages.length;
    const token = await loginToAppStep('c04');
    expect(app.plivo.messages.length).toBe(sentBefore);
    const code = appCode(app, secret);
    expect(await verifyOtp(clientFrom(app), token, code)).toMatchObject({ __typename: 'Authenticated', viewer: { username: 'c04' } });
    // A replay inside the same step, on a new sign-in: a wrong code, and it counts.
    const again = await loginToAppStep('c04');
    expect(await verifyOtp(clientFrom(app), again, code)).toMatchObject({ __typename: 'Problem', code: 'INVALID_CODE', attemptsRemaining: 4 });
    // The next step's code is accepted on that same challenge.
    app.clock.advanceSeconds(30);
    expect(await verifyOtp(clientFrom(app), again, appCode(app, secret))).toMatchObject({ __typename: 'Authenticated' });
    const events = await app.running.ds.query("SELECT type FROM two_factor_events WHERE customer_id = ? AND type = 'TOTP_ACCEPTED'", [await accountId(app, 'c04')]);
    expect(events).toHaveLength(2);
  });

  it('10 concurrent sign-ins with one app code, each on its own challenge: one session', async () => {
    const c = await signedIn('c10');
    const secret = await addApp(app, c);
    app.clock.advanceSeconds(30);
    const tokens: string[] = [];
    for (let i = 0; i < 10; i++) tokens.push(await loginToAppStep('c10'));
    const code = appCode(app, secret);
    const answers = await Promise.all(tokens.map((t) => verifyOtp(clientFrom(app), t, code)));
    expect(answers.filter((a) => a.__typename === 'Authenticated')).toHaveLength(1);
    const id = await accountId(app, 'c10');
    // signedIn's own session, and exactly one from the ten.
    const [{ n }] = await app.running.ds.query('SELECT COUNT(*) AS n FROM sessions WHERE account_id = ?', [id]);
    expect(Number(n)).toBe(2);
  });

  it('one step of drift either way is accepted, two are not', async () => {
    const c = await signedIn('c05');
    const secret = await addApp(app, c);
    app.clock.advanceSeconds(90);
    const early = await loginToAppStep('c05');
    expect(await verifyOtp(clientFrom(app), early, appCode(app, secret, 2))).toMatchObject({ code: 'INVALID_CODE' });
    expect(await verifyOtp(clientFrom(app), early, appCode(app, secret, -2))).toMatchObject({ code: 'INVALID_CODE' });
    expect(await verifyOtp(clientFrom(app), early, appCode(app, secret, -1))).toMatchObject({ __typename: 'Authenticated' });
    const late = await loginToAppStep('c05');
    expect(await verifyOtp(clientFrom(app), late, appCode(app, secret, 1))).toMatchObject({ __typename: 'Authenticated' });
    // The +1 step is used now: the current step's code, earlier than it, is refused.
    const after = await loginToAppStep('c05');
    expect(await verifyOtp(clientFrom(app), after, appCode(app, secret, 0))).toMatchObject({ code: 'INVALID_CODE' });
  });

  it('"Text me a code instead": the challenge moves to VERIFY_CODE and the texted code signs in', async () => {
    const c = await signedIn('c06');
    await addApp(app, c);
    const token = await loginToAppStep('c06');
    const sent = await resendCode(clientFrom(app), token);
    expect(sent).toMatchObject({ __typename: 'CodeSent', challenge: { step: 'VERIFY_CODE', maskedPhone: expect.stringContaining('0106') } });
    expect(await verifyOtp(clientFrom(app), token, app.plivo.lastCodeFor(phoneOf('c06')) as string)).toMatchObject({ __typename: 'Authenticated' });
  });

  it('the portal stops offering apps: the app no longer counts and sign-in texts a code; offered again, it counts again', async () => {
    const c = await signedIn('c07');
    await addApp(app, c);
    await setSecondFactors(app, ['SMS']);
    try {
      expect((await login(clientFrom(app), 'c07')).challenge.step).toBe('VERIFY_CODE');
    } finally {
      await setSecondFactors(app, ['SMS', 'TOTP']);
    }
    expect((await login(clientFrom(app), 'c07')).challenge.step).toBe('VERIFY_TOTP');
  });

  it('the customer removes the app: sign-in texts a code again, and an app challenge opened before is over', async () => {
    const c = await signedIn('c08');
    const secret = await addApp(app, c);
    app.clock.advanceSeconds(30);
    const token = await loginToAppStep('c08');
    expect((await c.gql('mutation { removeAuthenticatorApp { __typename ... on AccountFactors { factors } } }')).body.data.removeAuthenticatorApp).toEqual({
      __typename: 'AccountFactors',
      factors: ['SMS'],
    });
    expect(await verifyOtp(clientFrom(app), token, appCode(app, secret))).toMatchObject({ code: 'CHALLENGE_INVALID' });
    expect((await login(clientFrom(app), 'c08')).challenge.step).toBe('VERIFY_CODE');
  });

  it('turning the policy off and on makes the app stale, like the phone: the customer enrolls again from the start', async () => {
    const c = await signedIn('c09');
    await addApp(app, c);
    const generation = async () => (await app.running.ds.query("SELECT two_factor_generation AS g FROM portals WHERE slug = 'acme'"))[0].g;
    const before = Number(await generation());
    await setPolicy(app, false);
    await setPolicy(app, true);
    expect(Number(await generation())).toBe(before + 1);
    expect((await login(clientFrom(app), 'c09')).__typename).toBe('EnrollmentRequired');
  });
});
