import { accountId, phoneOf, withAttackApp } from '../support/code-attack-kit';
import { addApp, appCode, clientFrom, login, otherCode, resendCode, setSecondFactors, signInWithCode, useRecoveryCode, verifyOtp } from '../support/sign-in-kit';
import type { TestApp } from '../support/harness';

/**
 * docs/SECURITY.md, Second factors: an app's code, a texted code and a recovery code are one budget.
 * They take their attempt from the same challenge (five, whichever kinds are tried) and their wrong
 * codes count in the same per-account counters that lock an account.
 */
describe('attempts across SMS, app and recovery codes share the challenge limit', () => {
  let app: TestApp;
  withAttackApp((started) => (app = started));

  it('2 wrong app codes, then "text me instead", 2 wrong texted codes, 1 wrong recovery code: the challenge is spent for every kind', async () => {
    await setSecondFactors(app, ['SMS', 'TOTP']);
    const owner = clientFrom(app);
    expect(await signInWithCode(app, owner, 'c10', phoneOf('c10'))).toMatchObject({ __typename: 'Authenticated' });
    const secret = await addApp(app, owner);
    const codes = (await owner.gql('mutation { newRecoveryCodes { ... on RecoveryCodeSet { codes } } }')).body.data.newRecoveryCodes.codes as string[];
    app.clock.advanceSeconds(30);

    const c = clientFrom(app);
    const l = await login(c, 'c10');
    expect(l.challenge).toMatchObject({ step: 'VERIFY_TOTP', attemptsRemaining: 5 });
    const token = l.challenge.token;
    const wrongApp = otherCode(appCode(app, secret, -1), appCode(app, secret), appCode(app, secret, 1));
    expect(await verifyOtp(c, token, wrongApp)).toMatchObject({ code: 'INVALID_CODE', attemptsRemaining: 4 });
    expect(await verifyOtp(c, token, wrongApp)).toMatchObject({ code: 'INVALID_CODE', attemptsRemaining: 3 });
    expect(await resendCode(c, token)).toMatchObject({ __typename: 'CodeSent', challenge: { step: 'VERIFY_CODE', attemptsRemaining: 3 } });
    const texted = app.plivo.lastCodeFor(phoneOf('c10')) as string;
    expect(await verifyOtp(c, token, otherCode(texted))).toMatchObject({ code: 'INVALID_CODE', attemptsRemaining: 2 });
    expect(await verifyOtp(c, token, otherCode(texted))).toMatchObject({ code: 'INVALID_CODE', attemptsRemaining: 1 });
    expect(await useRecoveryCode(c, token, 'AAAAA-AAAAA')).toMatchObject({ code: 'INVALID_CODE', attemptsRemaining: 0 });
    // Spent: neither the texted code nor a real recovery code is weighed now.
    expect(await verifyOtp(c, token, texted)).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
    expect(await useRecoveryCode(c, token, codes[0])).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
    const id = await accountId(app, 'c10');
    const [row] = await app.running.ds.query('SELECT attempts FROM login_challenges WHERE token_hash IS NOT NULL AND account_id = ? ORDER BY created_at DESC LIMIT 1', [id]);
    expect(row.attempts).toBe(5);
    // The recovery code that was refused is still unused: a refusal before the attempt uses nothing.
    const [{ n }] = await app.running.ds.query('SELECT COUNT(*) AS n FROM recovery_codes WHERE account_id = ? AND used_at IS NULL', [id]);
    expect(Number(n)).toBe(10);
    // The five wrong codes of three kinds are five in the account's counter too.
    const [fails] = await app.running.ds.query('SELECT hits FROM rate_counters WHERE counter_key = ?', [`code:fail:${id}`]);
    expect(Number(fails.hits)).toBe(5);
  });

  it('a wrong recovery code at the app step takes the attempt the app code would have had', async () => {
    await setSecondFactors(app, ['SMS', 'TOTP']);
    const owner = clientFrom(app);
    expect(await signInWithCode(app, owner, 'c11', phoneOf('c11'))).toMatchObject({ __typename: 'Authenticated' });
    const secret = await addApp(app, owner);
    app.clock.advanceSeconds(30);
    const c = clientFrom(app);
    const token = (await login(c, 'c11')).challenge.token;
    for (const left of [4, 3, 2, 1, 0]) expect(await useRecoveryCode(c, token, 'not a code')).toMatchObject({ code: 'INVALID_CODE', attemptsRemaining: left });
    expect(await verifyOtp(c, token, appCode(app, secret))).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
  });
});
