import pino from 'pino';
import { start, type Running } from '../../src/index';
import { keyIdOf } from '../../src/lib/tokens';
import { accountId, phoneOf, withAttackApp } from '../support/code-attack-kit';
import { GqlClient } from '../support/gql-client';
import { SECRET_KEY, type TestApp } from '../support/harness';
import { addApp, appCode, clientFrom, freshIp, login, resendCode, setSecondFactors, signInWithCode, verifyOtp } from '../support/sign-in-kit';

const KEY_B = 'app-rotation-key-B-0123456789abcdef012345678';

/**
 * docs/OPERATIONS.md, Rotating SECRET_KEY: an authenticator app's secret, sealed under a key derived
 * from SECRET_KEY, keeps working through a rotation and is sealed again under the new key by its next
 * use; without the old key an app not yet moved cannot be read, and its customer is texted instead.
 * Servers on the test app's database, restarted with the keys an operator sets at each step.
 */
describe('an authenticator app through a SECRET_KEY rotation', () => {
  let app: TestApp;
  withAttackApp((started) => (app = started));
  const servers: Running[] = [];
  afterAll(async () => {
    for (const s of servers) await s.stop();
  });

  async function serve(secretKey: string, secretKeyPrevious: string | null): Promise<Running> {
    const running = await start({ ...app.config, secretKey, secretKeyPrevious }, { migrate: false, clock: app.clock, log: pino({ level: 'silent' }), retention: false });
    servers.push(running);
    return running;
  }
  const on = (r: Running) => new GqlClient(r.url, { 'x-forwarded-for': freshIp() });
  const row = async (id: string) => (await app.running.ds.query('SELECT secret_box, key_id FROM totp_factors WHERE account_id = ?', [id]))[0];

  it('under the old key beside the new one, the app signs in and is sealed again; then the old key can go', async () => {
    await setSecondFactors(app, ['SMS', 'TOTP']);
    const c = clientFrom(app);
    expect(await signInWithCode(app, c, 'c01', phoneOf('c01'))).toMatchObject({ __typename: 'Authenticated' });
    const secret = await addApp(app, c);
    const id = await accountId(app, 'c01');
    const before = await row(id);
    expect(before.key_id).toBe(keyIdOf(SECRET_KEY));

    const rotating = await serve(KEY_B, SECRET_KEY);
    app.clock.advanceSeconds(30);
    const l = await login(on(rotating), 'c01');
    expect(l.challenge.step).toBe('VERIFY_TOTP');
    expect(await verifyOtp(on(rotating), l.challenge.token, appCode(app, secret))).toMatchObject({ __typename: 'Authenticated' });
    const after = await row(id);
    expect(after.key_id).toBe(keyIdOf(KEY_B));
    expect(after.secret_box).not.toBe(before.secret_box);

    const onlyB = await serve(KEY_B, null);
    app.clock.advanceSeconds(30);
    const again = await login(on(onlyB), 'c01');
    expect(await verifyOtp(on(onlyB), again.challenge.token, appCode(app, secret))).toMatchObject({ __typename: 'Authenticated' });
  });

  it('an app still sealed under a key that is gone cannot be read: its code is refused, and a text still signs in', async () => {
    const c = clientFrom(app);
    expect(await signInWithCode(app, c, 'c02', phoneOf('c02'))).toMatchObject({ __typename: 'Authenticated' });
    const secret = await addApp(app, c);
    const onlyB = await serve(KEY_B, null);
    app.clock.advanceSeconds(30);
    const client = on(onlyB);
    const l = await login(client, 'c02');
    expect(l.challenge.step).toBe('VERIFY_TOTP');
    expect(await verifyOtp(client, l.challenge.token, appCode(app, secret))).toMatchObject({ code: 'CHALLENGE_INVALID' });
    const l2 = await login(client, 'c02');
    expect(await resendCode(client, l2.challenge.token)).toMatchObject({ __typename: 'CodeSent', challenge: { step: 'VERIFY_CODE' } });
    expect(await verifyOtp(client, l2.challenge.token, app.plivo.lastCodeFor(phoneOf('c02')) as string)).toMatchObject({ __typename: 'Authenticated' });
  });
});
