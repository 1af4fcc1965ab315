import { MY_FACTORS } from '../support/fixtures';
import { accountId, NOT_ENROLLED, phoneOf, withAttackApp } from '../support/code-attack-kit';
import {
  addApp,
  clientFrom,
  enroll,
  login,
  loginToCodeStep,
  setSecondFactors,
  signInWithCode,
  tally,
  useRecoveryCode,
  verifyOtp,
} from '../support/sign-in-kit';
import type { GqlClient } from '../support/gql-client';
import type { TestApp } from '../support/harness';

/**
 * docs/SECURITY.md, Second factors: ten single-use recovery codes at the end of an enrollment (carried by
 * ReloginRequired, shown once), kept as keyed hashes; "Use a recovery code" at the code step signs in
 * and uses the code up; a new set stops the old one; every use is an event. Real server, MariaDB, fake Plivo.
 */
describe('recovery codes', () => {
  let app: TestApp;
  withAttackApp((started) => (app = started));

  const NEW_PHONES: Record<string, string> = { bob: '+14155550301', dan: '+14155550302', erin: '+14155550303', nina: '+14155550304' };

  /** A customer enrolled through the real steps: the codes the enrollment showed. */
  async function enrolled(username: string): Promise<string[]> {
    return enroll(app, clientFrom(app), username, NEW_PHONES[username]);
  }

  async function codeStep(username: string, phone: string): Promise<string> {
    return (await loginToCodeStep(app, clientFrom(app), username, phone)).token;
  }

  /**
   * A login of a customer with an app stops at VERIFY_TOTP and texts nothing: how the tests below open
   * many sign-ins of one customer without meeting the per-customer and per-number SMS limits.
   */
  async function appStep(username: string): Promise<string> {
    const l = await login(clientFrom(app), username);
    if (l.challenge?.step !== 'VERIFY_TOTP') throw new Error(`${username}: ${JSON.stringify(l)}`);
    return l.challenge.token;
  }

  /** A signed-in customer (by a texted code) who then adds an app. */
  async function withApp(username: string, phone: string): Promise<GqlClient> {
    await setSecondFactors(app, ['SMS', 'TOTP']);
    const c = clientFrom(app);
    expect(await signInWithCode(app, c, username, phone)).toMatchObject({ __typename: 'Authenticated' });
    await addApp(app, c);
    return c;
  }

  it('the enrollment ends with 10 distinct codes, stored only as keyed hashes', async () => {
    expect(NOT_ENROLLED).toContain('bob');
    const codes = await enrolled('bob');
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
    const rows: Array<{ code_hash: string; used_at: unknown }> = await app.running.ds.query('SELECT code_hash, used_at FROM recovery_codes WHERE account_id = ?', [
      await accountId(app, 'bob'),
    ]);
    expect(rows).toHaveLength(10);
    const stored = JSON.stringify(rows);
    for (const code of codes) {
      expect(stored).not.toContain(code);
      expect(stored).not.toContain(code.replace('-', ''));
    }
    const events = await app.running.ds.query("SELECT detail FROM two_factor_events WHERE customer_id = ? AND type = 'RECOVERY_CODES_ISSUED'", [await accountId(app, 'bob')]);
    expect(events).toEqual([{ detail: '10 codes, at enrollment' }]);
    // Nor in any log line of the server.
    const logs = app.logs.join('');
    for (const code of codes) {
      expect(logs).not.toContain(code);
      expect(logs).not.toContain(code.replace('-', ''));
    }
  });

  it('a code signs in at the code step (typed in any case, with or without its dash) and is refused the second time', async () => {
    const codes = await enrolled('dan');
    const c = clientFrom(app);
    const first = await useRecoveryCode(c, await codeStep('dan', NEW_PHONES.dan), codes[0].toLowerCase().replace('-', ' '));
    expect(first).toMatchObject({ __typename: 'Authenticated', viewer: { username: 'dan' } });
    expect((await c.gql(MY_FACTORS)).body.data.viewer.customer.twoFactor).toMatchObject({ factors: ['SMS'], recoveryCodesRemaining: 9 });
    const again = await useRecoveryCode(clientFrom(app), await codeStep('dan', NEW_PHONES.dan), codes[0]);
    expect(again).toMatchObject({ __typename: 'Problem', code: 'INVALID_CODE', attemptsRemaining: 4 });
    const used = await app.running.ds.query("SELECT detail, ip FROM two_factor_events WHERE customer_id = ? AND type = 'RECOVERY_CODE_USED'", [await accountId(app, 'dan')]);
    expect(used).toEqual([{ detail: '9 left', ip: expect.stringMatching(/^203\.0\.113\./) }]);
  });

  it('at the app step too', async () => {
    await setSecondFactors(app, ['SMS', 'TOTP']);
    const codes = await enrolled('erin');
    const c = clientFrom(app);
    expect(await verifyOtp(c, await codeStep('erin', NEW_PHONES.erin), app.plivo.lastCodeFor(NEW_PHONES.erin) as string)).toMatchObject({ __typename: 'Authenticated' });
    await addApp(app, c);
    const l = await login(clientFrom(app), 'erin');
    expect(l.challenge.step).toBe('VERIFY_TOTP');
    expect(await useRecoveryCode(clientFrom(app), l.challenge.token, codes[3])).toMatchObject({ __typename: 'Authenticated' });
  });

  it('20 concurrent uses of one code, each on its own sign-in: one session, one use', async () => {
    const codes = await enrolled('nina');
    await withApp('nina', NEW_PHONES.nina);
    const tokens: string[] = [];
    for (let i = 0; i < 20; i++) tokens.push(await appStep('nina'));
    const clients: GqlClient[] = tokens.map(() => clientFrom(app));
    const answers = await Promise.all(tokens.map((t, i) => useRecoveryCode(clients[i], t, codes[5])));
    expect(tally(answers).Authenticated).toBe(1);
    const id = await accountId(app, 'nina');
    // withApp's own sign-in made one session before these 20.
    const [{ n: sessions }] = await app.running.ds.query('SELECT COUNT(*) AS n FROM sessions WHERE account_id = ?', [id]);
    expect(Number(sessions)).toBe(2);
    const [{ n: used }] = await app.running.ds.query('SELECT COUNT(*) AS n FROM recovery_codes WHERE account_id = ? AND used_at IS NOT NULL', [id]);
    expect(Number(used)).toBe(1);
    const [{ n: events }] = await app.running.ds.query("SELECT COUNT(*) AS n FROM two_factor_events WHERE customer_id = ? AND type = 'RECOVERY_CODE_USED'", [id]);
    expect(Number(events)).toBe(1);
  });

  it('a new set from the account page stops the old one; 3 or fewer left shows in the count', async () => {
    const c = await withApp('c01', phoneOf('c01'));
    // An imported enrollment has no codes until the customer makes a set.
    expect((await c.gql(MY_FACTORS)).body.data.viewer.customer.twoFactor.recoveryCodesRemaining).toBe(0);
    const make = async () => (await c.gql('mutation { newRecoveryCodes { __typename ... on RecoveryCodeSet { codes } } }')).body.data.newRecoveryCodes.codes as string[];
    const old = await make();
    const fresh = await make();
    expect(fresh).toHaveLength(10);
    expect(await useRecoveryCode(clientFrom(app), await appStep('c01'), old[0])).toMatchObject({ code: 'INVALID_CODE' });
    for (const code of fresh.slice(0, 7)) {
      expect(await useRecoveryCode(clientFrom(app), await appStep('c01'), code)).toMatchObject({ __typename: 'Authenticated' });
    }
    expect((await c.gql(MY_FACTORS)).body.data.viewer.customer.twoFactor.recoveryCodesRemaining).toBe(3);
  });

  it('an admin reset removes the phone, the app and the recovery codes', async () => {
    await setSecondFactors(app, ['SMS', 'TOTP']);
    const c = clientFrom(app);
    expect(await signInWithCode(app, c, 'c02', phoneOf('c02'))).toMatchObject({ __typename: 'Authenticated' });
    await addApp(app, c);
    await c.gql('mutation { newRecoveryCodes { __typename } }');
    const id = await accountId(app, 'c02');
    const admin = clientFrom(app);
    await login(admin, 'alice');
    const reset = await admin.gql('mutation($id: ID!) { resetTwoFactor(input: { customerId: $id }) { twoFactor { status factors recoveryCodesRemaining authenticatorAppAddedAt } } }', { id });
    expect(reset.body.data.resetTwoFactor.twoFactor).toEqual({ status: 'NOT_ENROLLED', factors: [], recoveryCodesRemaining: 0, authenticatorAppAddedAt: null });
    expect(await app.running.ds.query('SELECT account_id FROM totp_factors WHERE account_id = ?', [id])).toEqual([]);
    expect(await app.running.ds.query('SELECT id FROM recovery_codes WHERE account_id = ?', [id])).toEqual([]);
    expect((await login(clientFrom(app), 'c02')).__typename).toBe('EnrollmentRequired');
  });
});
