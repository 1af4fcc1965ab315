import type { GqlClient } from '../support/gql-client';
import { clientFrom, setPolicy, startTestApp, type TestApp } from '../support/harness';
import { REMOVE_PASSKEY } from '../support/passkey-kit';
import { enroll, setSecondFactors, signInWithCode } from '../support/sign-in-kit';
import { SMTP_PASSWORD, SMTP_USER, startSmtp, type TestSmtp } from '../support/smtp';
import { SoftAuthenticator } from '../support/soft-authenticator';

/**
 * Email notices of passkeys (docs/OPERATIONS.md, Email notices): a passkey added or removed from the
 * account page is told to the customer, from the address that did it, with what to do if it was not
 * them. A real smtp-server on 127.0.0.1 receives them; the server's own PUBLIC_URL is the RP ID.
 */

const ERIN = 'erin@initech.test';
const ERIN_PHONE = '+14155550178';
const ERIN_IP = '198.51.100.62';

describe('email notices of passkeys', () => {
  let smtp: TestSmtp;
  let app: TestApp;
  let erin: GqlClient;

  beforeAll(async () => {
    smtp = await startSmtp();
    app = await startTestApp({
      env: { SMTP_URL: `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${smtp.port}`, MAIL_FROM: 'no-reply@acme.test' },
      notices: { pollMs: 100, retryBaseMs: 200 },
    });
    await setPolicy(app, true);
    await setSecondFactors(app, ['SMS', 'PASSKEY']);
    await enroll(app, clientFrom(app, ERIN_IP), 'erin', ERIN_PHONE);
    await smtp.waitFor(ERIN, /phone was added/);
    erin = clientFrom(app, ERIN_IP);
    expect((await signInWithCode(app, erin, 'erin', ERIN_PHONE)).__typename).toBe('Authenticated');
  });
  afterAll(async () => {
    await app?.close();
    await smtp?.close();
  });

  it('a passkey added, then removed: each told once, from the address that did it', async () => {
    const url = new URL(app.config.publicUrl);
    const key = new SoftAuthenticator();
    // This server's PUBLIC_URL is its own (not the passkey kit's): the authenticator signs for it.
    const started = (await erin.gql('mutation { startPasskey { __typename ... on PasskeySetup { optionsJson } } }')).body.data.startPasskey;
    const added = await erin.gql('mutation($r: String!) { addPasskey(input: { response: $r }) { __typename ... on AccountFactors { passkeys { id } } } }', {
      r: key.register(started.optionsJson, { origin: url.origin, rpId: url.hostname }),
    });
    const id: string = added.body.data.addPasskey.passkeys[0].id;
    const mail = await smtp.waitFor(ERIN, /passkey was added/);
    expect(mail.text).toContain(`From IP address: ${ERIN_IP}`);
    expect(mail.text).toContain('If this was not you');

    expect((await erin.gql(REMOVE_PASSKEY, { input: { id } })).body.data.removePasskey.__typename).toBe('AccountFactors');
    await smtp.waitFor(ERIN, /passkey was removed/);
    await new Promise((res) => setTimeout(res, 500)); // anything queued after it would be sent by now
    expect(smtp.received.filter((m) => m.to.includes(ERIN)).map((m) => m.subject)).toEqual([
      'A phone was added to your Acme Freight sign-in',
      'A passkey was added to your Acme Freight sign-in',
      'A passkey was removed from your Acme Freight sign-in',
    ]);
  });
});
