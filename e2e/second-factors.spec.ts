import 'reflect-metadata';
import { PASSWORD } from '../server/test/support/fixtures';
import { setPolicy, type TestApp } from '../server/test/support/harness';
import { setSecondFactors } from '../server/test/support/sign-in-kit';
import QRCode from 'qrcode';
import { URI } from 'otpauth';
import { totpCodeAt } from '../server/src/two-factor/totp-code';
import { checkScreen, eventually, focused, type Person } from './support/browser';
import { errorText, heading, openLogin, submitPassword, submitPasswordAgain } from './support/flows';
import { browserStage } from './support/stage';
import { SMTP_PASSWORD, SMTP_USER, startSmtp, type TestSmtp } from '../server/test/support/smtp';

jest.setTimeout(180_000); // the project's testTimeout is not applied per project by jest

const BOB_PHONE = '+14155550171';
const DAN_PHONE = '+14155550172';
const BOB_EMAIL = 'bob@globex.test';

/**
 * Beyond SMS in a browser (docs/SECURITY.md, Second factors): the enrollment's recovery codes, an
 * authenticator app added from the account page and used to sign in (its code computed here from the
 * key the page shows beside the QR code), a recovery code that signs in once and is refused the second
 * time, an admin's reset that removes every factor and is told to the customer by email (a real SMTP
 * server on 127.0.0.1 receives it), and the policy turned off and on again, after which every
 * customer enrolls again whatever factors they had. The new screens are checked at 1280 and 360 px
 * with axe, and the sign-ins with the app and with a recovery code are made with the keyboard alone.
 */
describe('second factors in a browser', () => {
  let app: TestApp;
  let bobSecret = '';
  let danCodes: string[] = [];
  let smtp: TestSmtp | undefined;
  const person = browserStage(async () => {
    smtp = await startSmtp();
    return {
      env: { SMTP_URL: `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${smtp.port}`, MAIL_FROM: 'no-reply@acme.test' },
      notices: { pollMs: 100, retryBaseMs: 200 },
    };
  }, async (started) => {
    app = started;
    await setPolicy(app, true);
    await setSecondFactors(app, ['SMS', 'TOTP']);
  });
  afterAll(async () => {
    await smtp?.close();
  });
  const press = (p: Person, key: string) => p.page.keyboard.press(key);
  const type = (p: Person, text: string) => p.page.keyboard.type(text);
  /** Moves the server's clock and the browser's together. */
  const advance = async (p: Person, seconds: number): Promise<void> => {
    app.clock.advanceSeconds(seconds);
    await p.page.clock.fastForward(seconds * 1000);
  };

  /** Enrolls `username` through the screens; returns the recovery codes the last screen showed. */
  async function enrollInBrowser(p: Person, username: string, phone: string, national: string): Promise<string[]> {
    const { page } = p;
    await openLogin(page);
    await submitPassword(page, username);
    await heading(page, 'Add your mobile phone').waitFor();
    await page.getByLabel('Mobile number').fill(national);
    await page.getByRole('button', { name: 'Text me a code' }).click();
    await heading(page, 'Confirm your phone').waitFor();
    await page.getByLabel('Code from the text message').pressSequentially(app.plivo.lastCodeFor(phone)!);
    await heading(page, 'Save your recovery codes').waitFor();
    expect(await focused(page)).toBe('H1 Save your recovery codes');
    const codes = (await page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').allTextContents()).map((t) => t.trim());
    expect(codes).toHaveLength(10);
    return codes;
  }

  it('bob enrolls and is shown 10 recovery codes with Copy and Download, once, before signing in again', async () => {
    const p = await person();
    const { page } = p;
    const codes = await enrollInBrowser(p, 'bob', BOB_PHONE, '4155550171');
    for (const code of codes) expect(code).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
    const download = page.getByRole('link', { name: 'Download' });
    expect(await download.getAttribute('download')).toBe('recovery-codes-acme.txt');
    expect(decodeURIComponent((await download.getAttribute('href'))!.split(',')[1])).toBe(`${codes.join('\n')}\n`);
    await checkScreen(page, '40-recovery-codes');
    await page.getByRole('button', { name: 'Continue to sign in' }).click();
    await heading(page, 'Phone confirmed').waitFor();
    await submitPasswordAgain(page);
    await heading(page, 'Enter your sign-in code').waitFor();
    await page.getByLabel('Code from the text message').pressSequentially(app.plivo.lastCodeFor(BOB_PHONE)!);
    await heading(page, 'Welcome, Bob').waitFor();
    expect(await page.getByRole('region', { name: 'Recovery codes' }).textContent()).toContain('10 left');
  });

  it('bob adds an authenticator app from his account page: QR code, key, one code to confirm', async () => {
    const p = await person();
    const { page } = p;
    await openLogin(page);
    await submitPassword(page, 'bob');
    await heading(page, 'Enter your sign-in code').waitFor();
    await page.getByLabel('Code from the text message').pressSequentially(app.plivo.lastCodeFor(BOB_PHONE)!);
    await heading(page, 'Welcome, Bob').waitFor();
    await checkScreen(page, '41-account-factors');
    await page.getByRole('button', { name: 'Add an authenticator app' }).click();
    const qr = page.getByRole('img', { name: 'QR code to add this portal to your authenticator app' });
    await qr.waitFor();
    expect(await qr.locator('svg').count()).toBe(1);
    bobSecret = (await page.getByTestId('app-secret').textContent())!.replace(/\s/g, '');
    expect(bobSecret).toMatch(/^[A-Z2-7]{32}$/);
    // The QR code is the otpauth URI of that key with the portal's name as issuer: drawn again here from
    // the URI written out by hand, it must be the very same picture.
    const uri = `otpauth://totp/Acme%20Freight:bob?issuer=Acme%20Freight&secret=${bobSecret}&algorithm=SHA1&digits=6&period=30`;
    const parsed = URI.parse(uri);
    expect([parsed.issuer, parsed.label, parsed.secret.base32]).toEqual(['Acme Freight', 'bob', bobSecret]);
    const drawn = await QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
    const modules = (svg: string) => [...svg.matchAll(/ d="([^"]+)"/g)].map((m) => m[1]);
    expect(modules(await qr.innerHTML())).toEqual(modules(drawn));
    expect(modules(drawn)).toHaveLength(2);
    await checkScreen(page, '42-account-app-setup');
    await page.getByLabel('Code from the app').pressSequentially(totpCodeAt(bobSecret, app.clock.now()));
    await page.getByText('Your authenticator app is added.').waitFor();
    await eventually(async () => (await page.getByRole('region', { name: 'Authenticator app' }).textContent())!.includes('Added on'), 'the app to show as added');
    await checkScreen(page, '43-account-app-added');
  });

  it('bob signs in with the app’s code, keyboard only; the texted code is there as “Text me a code instead”', async () => {
    const p = await person();
    const { page } = p;
    await advance(p, 30); // the confirming code's step is used up
    const texts = app.plivo.messagesTo(BOB_PHONE).length;
    await openLogin(page);
    await press(p, 'Tab');
    await type(p, 'bob');
    await press(p, 'Tab');
    await type(p, PASSWORD);
    await press(p, 'Enter');
    await heading(page, 'Enter the code from your app').waitFor();
    expect(await focused(page)).toBe('H1 Enter the code from your app');
    expect(app.plivo.messagesTo(BOB_PHONE)).toHaveLength(texts); // nothing texted
    expect(await page.getByRole('button', { name: 'Text me a code instead' }).isEnabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Use a recovery code' }).count()).toBe(1);
    await checkScreen(page, '44-app-code');
    await press(p, 'Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('code');
    await type(p, totpCodeAt(bobSecret, app.clock.now()));
    await heading(page, 'Welcome, Bob').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You are signed out.').waitFor();

    // Again, and this time a text instead: the screen becomes the texted-code one.
    await advance(p, 30);
    await submitPassword(page, 'bob');
    await heading(page, 'Enter the code from your app').waitFor();
    await page.getByRole('button', { name: 'Text me a code instead' }).click();
    await heading(page, 'Enter your sign-in code').waitFor();
    expect(app.plivo.messagesTo(BOB_PHONE)).toHaveLength(texts + 1);
    await page.getByLabel('Code from the text message').pressSequentially(app.plivo.lastCodeFor(BOB_PHONE)!);
    await heading(page, 'Welcome, Bob').waitFor();
  });

  it('dan signs in with a recovery code, keyboard only; the same code is refused the second time', async () => {
    const p = await person();
    const { page } = p;
    danCodes = await enrollInBrowser(p, 'dan', DAN_PHONE, '4155550172');
    await page.getByRole('button', { name: 'Continue to sign in' }).click();
    await heading(page, 'Phone confirmed').waitFor();
    await submitPasswordAgain(page);
    await heading(page, 'Enter your sign-in code').waitFor();
    // From the code box: Tab past the submit and the resend to "Use a recovery code".
    await page.getByRole('button', { name: 'Use a recovery code' }).focus();
    await press(p, 'Enter');
    await heading(page, 'Use a recovery code').waitFor();
    expect(await focused(page)).toBe('H1 Use a recovery code');
    await checkScreen(page, '45-use-recovery-code');
    await press(p, 'Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('recovery-code');
    await type(p, danCodes[0].toLowerCase());
    await press(p, 'Enter');
    await heading(page, 'Welcome, Dan Dunn').waitFor();
    expect(await page.getByRole('region', { name: 'Recovery codes' }).textContent()).toContain('9 left');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You are signed out.').waitFor();

    await advance(p, 60);
    await submitPassword(page, 'dan');
    await heading(page, 'Enter your sign-in code').waitFor();
    await page.getByRole('button', { name: 'Use a recovery code' }).click();
    await heading(page, 'Use a recovery code').waitFor();
    await page.getByLabel('Recovery code', { exact: true }).fill(danCodes[0]);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await eventually(async () => (await errorText(page)).includes('That recovery code is not right, or was already used.'), 'the used code to be refused');
    expect(await errorText(page)).toContain('You have 4 tries left.');
    await checkScreen(page, '46-recovery-code-refused');
    // A code of the set that is still unused works on the same sign-in.
    await page.getByLabel('Recovery code', { exact: true }).fill(danCodes[1]);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await heading(page, 'Welcome, Dan Dunn').waitFor();
  });

  it('alice offers the app under Client Users, sees bob’s factors in Customer Details, and her reset removes them all', async () => {
    const p = await person();
    const { page } = p;
    await openLogin(page);
    await submitPassword(page, 'alice');
    await heading(page, 'Client Users').waitFor();
    await page.getByRole('button', { name: /Two Factor Authentication/ }).click();
    expect(await page.getByRole('checkbox', { name: 'SMS text message' }).isDisabled()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'Authenticator app (TOTP)' }).isChecked()).toBe(true);
    await checkScreen(page, '47-client-users-factors');

    await page.goto('/acme/admin/companies');
    await page.getByRole('link', { name: 'Globex', exact: true }).click();
    await heading(page, 'Globex').waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Customer Details' }).click();
    await heading(page, 'Customer Details').waitFor();
    const bobRow = page.getByRole('button', { name: /^Bob bob/ });
    await bobRow.click();
    const details = page.locator(`#${await bobRow.getAttribute('aria-controls')}`);
    expect(await details.textContent()).toContain('FactorsSMS, authenticator app');
    expect(await details.textContent()).toContain('Recovery codes left10');
    await checkScreen(page, '48-customer-details-factors');
    await details.getByRole('button', { name: 'Reset two factor' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reset two factor for Bob?' });
    expect(await dialog.textContent()).toContain('any authenticator app, any passkeys and the recovery codes are forgotten');
    await dialog.getByRole('button', { name: 'Reset two factor' }).click();
    await page.getByText('Two-factor authentication was reset for Bob.').waitFor();
    await eventually(async () => (await details.textContent())!.includes('FactorsNone'), 'bob to have no factors');
    expect(await details.textContent()).toContain('Recovery codes left0');

    const [bob] = await app.running.ds.query("SELECT id, phone_e164 FROM accounts WHERE username_key = 'bob'");
    expect(bob.phone_e164).toBeNull();
    expect(await app.running.ds.query('SELECT account_id FROM totp_factors WHERE account_id = ?', [bob.id])).toEqual([]);
    expect(await app.running.ds.query('SELECT id FROM recovery_codes WHERE account_id = ?', [bob.id])).toEqual([]);

    // Bob is told by email: what happened, when, from where, what to do; no phone number in it.
    const mail = await smtp!.waitFor(BOB_EMAIL, /two-step sign-in was reset/);
    expect(mail.text).toContain('An administrator of Acme Freight reset your two-step sign-in');
    expect(mail.text).toContain('authenticator app');
    expect(mail.text).toContain('If you did not ask for this');
    expect(mail.text).toMatch(/From IP address: \S+/);
    expect(mail.text).not.toContain(BOB_PHONE.slice(-7));

    // Bob's next sign-in starts a new enrollment; his old app's code is asked for nowhere.
    const b = await person();
    await openLogin(b.page);
    await submitPassword(b.page, 'bob');
    await heading(b.page, 'Add your mobile phone').waitFor();
  });

  it('alice turns two-factor off and on again: dan, with a phone and recovery codes, enrolls again and his codes are gone', async () => {
    const a = await person();
    await openLogin(a.page);
    await submitPassword(a.page, 'alice');
    await heading(a.page, 'Client Users').waitFor();
    const require = a.page.getByRole('checkbox', { name: 'Require SMS two-factor authentication for all customers' });
    for (const [action, title] of [
      ['uncheck', 'Turn off two-factor authentication?'],
      ['check', 'Turn on two-factor authentication?'],
    ] as const) {
      const header = a.page.getByRole('button', { name: /Two Factor Authentication/ });
      if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
      await require[action]();
      await a.page.getByRole('button', { name: 'Save', exact: true }).click();
      const dialog = a.page.getByRole('dialog', { name: title });
      await dialog.getByRole('button', { name: action === 'check' ? 'Turn on' : 'Turn off' }).click();
      await eventually(async () => !(await dialog.isVisible()), `the dialog “${title}” to close`);
    }
    await eventually(async () => (await app.running.ds.query("SELECT two_factor_enabled FROM portals WHERE slug = 'acme'"))[0].two_factor_enabled == 1, 'the policy to be on');

    const texts = app.plivo.messagesTo(DAN_PHONE).length;
    const d = await person();
    await openLogin(d.page);
    await submitPassword(d.page, 'dan');
    await heading(d.page, 'Add your mobile phone').waitFor();
    expect(await d.page.getByRole('button', { name: 'Use a recovery code' }).count()).toBe(0);
    expect(app.plivo.messagesTo(DAN_PHONE)).toHaveLength(texts); // nothing texted to his old phone
  });
});
