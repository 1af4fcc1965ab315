import type { GqlClient } from '../support/gql-client';
import { clientFrom, login, setPolicy, startTestApp, type TestApp } from '../support/harness';
import { addApp, enroll, setSecondFactors, signInWithCode, useRecoveryCode } from '../support/sign-in-kit';
import { SMTP_PASSWORD, SMTP_USER, startSmtp, type TestSmtp } from '../support/smtp';

/**
 * Email notices of the second factors (docs/OPERATIONS.md, Email notices): an authenticator app added
 * or removed, a recovery code used, a new set of recovery codes made from the account page. The set a
 * phone enrollment makes is not told on its own: the enrollment's own message covers it. A real
 * smtp-server on 127.0.0.1 receives them.
 */

const DAN = 'dan@globex.test';
const DAN_PHONE = '+14155550177';
const DAN_IP = '198.51.100.61';

describe('email notices of the second factors', () => {
  let smtp: TestSmtp;
  let app: TestApp;
  let dan: GqlClient;
  let codes: string[];

  beforeAll(async () => {
    smtp = await startSmtp();
    app = await startTestApp({
      env: { SMTP_URL: `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${smtp.port}`, MAIL_FROM: 'no-reply@acme.test' },
      notices: { pollMs: 100, retryBaseMs: 200 },
    });
    await setPolicy(app, true);
    await setSecondFactors(app, ['SMS', 'TOTP']);
    codes = await enroll(app, clientFrom(app, DAN_IP), 'dan', DAN_PHONE);
    await smtp.waitFor(DAN, /phone was added/);
    dan = clientFrom(app, DAN_IP);
    expect((await signInWithCode(app, dan, 'dan', DAN_PHONE)).__typename).toBe('Authenticated');
  });
  afterAll(async () => {
    await app?.close();
    await smtp?.close();
  });

  it('an app added: told, from the address that added it', async () => {
    await addApp(app, dan);
    const mail = await smtp.waitFor(DAN, /authenticator app was added/);
    expect(mail.text).toContain(`From IP address: ${DAN_IP}`);
    expect(mail.text).toContain('If this was not you');
  });

  it('a recovery code used: told, with what to do, and the code itself is not in the message', async () => {
    const c = clientFrom(app, DAN_IP);
    const l = await login(c, 'dan');
    expect(l.challenge.step).toBe('VERIFY_TOTP');
    expect((await useRecoveryCode(c, l.challenge.token, codes[0])).__typename).toBe('Authenticated');
    const mail = await smtp.waitFor(DAN, /recovery code was used/);
    expect(mail.text).toContain('make a new set of recovery codes');
    for (const code of codes) {
      expect(mail.raw).not.toContain(code);
      expect(mail.raw).not.toContain(code.replace('-', ''));
    }
  });

  it('a new set made from the account page: told; the set of the enrollment was not', async () => {
    const r = await dan.gql('mutation { newRecoveryCodes { __typename ... on RecoveryCodeSet { codes } } }');
    const fresh: string[] = r.body.data.newRecoveryCodes.codes;
    const mail = await smtp.waitFor(DAN, /New recovery codes/);
    for (const code of fresh) expect(mail.raw).not.toContain(code);
    expect(smtp.received.filter((m) => m.to.includes(DAN) && /New recovery codes/.test(m.subject))).toHaveLength(1);
  });

  it('the app removed: told, and every message dan got is one of these, once each', async () => {
    const r = await dan.gql('mutation { removeAuthenticatorApp { __typename } }');
    expect(r.body.data.removeAuthenticatorApp.__typename).toBe('AccountFactors');
    await smtp.waitFor(DAN, /authenticator app was removed/);
    await new Promise((res) => setTimeout(res, 500)); // anything queued after it would be sent by now
    expect(smtp.received.filter((m) => m.to.includes(DAN)).map((m) => m.subject)).toEqual([
      'A phone was added to your Acme Freight sign-in',
      'An authenticator app was added to your Acme Freight sign-in',
      'A recovery code was used to sign in to Acme Freight',
      'New recovery codes were made for your Acme Freight sign-in',
      'The authenticator app was removed from your Acme Freight sign-in',
    ]);
  });
});
