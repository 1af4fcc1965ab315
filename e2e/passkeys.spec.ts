import 'reflect-metadata';
import { createServer } from 'node:net';
import type { CDPSession } from 'playwright-core';
import { CAROL_PHONE } from '../server/test/support/fixtures';
import { setPolicy, type TestApp } from '../server/test/support/harness';
import { setSecondFactors } from '../server/test/support/sign-in-kit';
import { checkScreen, eventually, focused, type Person } from './support/browser';
import { heading, submitPassword } from './support/flows';
import { browserStage } from './support/stage';

jest.setTimeout(180_000); // the project's testTimeout is not applied per project by jest

/** A port nobody listens on now: the server's PUBLIC_URL must name it before the server starts. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/**
 * Passkeys in a browser (docs/SECURITY.md, Second factors, Passkeys): carol adds one from her account
 * page and signs in with her password and the passkey, in Chromium with the DevTools protocol's
 * virtual authenticator (a platform authenticator with user verification), not a mock: the browser's
 * own WebAuthn makes the credential and signs, and the server's library checks it. The page is at
 * http://localhost:PORT, the server's PUBLIC_URL, because WebAuthn takes a host name as RP ID, never an
 * IP address. The new screens are checked at 1280 and 360 px with axe.
 */
describe('passkeys in a browser', () => {
  let app: TestApp;
  const options = { env: {} as Record<string, string> };
  let base = '';
  // Runs before the stage's own beforeAll (declared first): the port is chosen before the server starts.
  beforeAll(async () => {
    const port = await freePort();
    base = `http://localhost:${port}`;
    options.env = { PORT: String(port), PUBLIC_URL: base };
  });
  const person = browserStage(options, async (started) => {
    app = started;
    await setPolicy(app, true);
    await setSecondFactors(app, ['SMS', 'PASSKEY']);
  });

  let carol: Person;
  let cdp: CDPSession;
  let authenticatorId = '';
  const credentials = async () =>
    (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials as Array<{ credentialId: string; signCount: number; rpId: string }>;

  async function openLogin(p: Person): Promise<void> {
    await p.page.goto(`${base}/acme/login`);
    await heading(p.page, 'Sign in').waitFor();
  }

  it('carol signs in with a texted code and adds a passkey from her account page', async () => {
    carol = await person();
    const { page } = carol;
    cdp = await page.context().newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    ({ authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
    }));

    await openLogin(carol);
    await submitPassword(page, 'carol');
    await heading(page, 'Enter your sign-in code').waitFor();
    await page.getByLabel('Code from the text message').pressSequentially(app.plivo.lastCodeFor(CAROL_PHONE)!);
    await heading(page, 'Welcome, Carol').waitFor();
    const card = page.getByRole('region', { name: 'Passkeys' });
    expect(await card.textContent()).toContain('None added');
    await checkScreen(page, '50-account-passkeys');

    await page.getByRole('button', { name: 'Add a passkey' }).click();
    await page.getByText('Your passkey is added.').waitFor();
    await eventually(async () => (await card.getByRole('list', { name: 'Your passkeys' }).getByRole('listitem').count()) === 1, 'the passkey to be listed');
    expect(await card.textContent()).toContain('1 added');
    expect(await card.textContent()).toContain('not used yet');
    await checkScreen(page, '51-account-passkey-added');

    // The browser's authenticator holds it, for PUBLIC_URL's host; the server has its public key.
    const held = await credentials();
    expect(held).toHaveLength(1);
    expect(held[0].rpId).toBe('localhost');
    const rows = await app.running.ds.query('SELECT credential_id FROM passkeys');
    expect(rows).toEqual([{ credential_id: Buffer.from(held[0].credentialId, 'base64').toString('base64url') }]);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You are signed out.').waitFor();
  });

  it('carol signs in with her password and the passkey, keyboard only; nothing is texted', async () => {
    const { page } = carol;
    const texts = app.plivo.messagesTo(CAROL_PHONE).length;
    await openLogin(carol);
    await submitPassword(page, 'carol');
    await heading(page, 'Use your passkey').waitFor();
    expect(await focused(page)).toBe('H1 Use your passkey');
    expect(app.plivo.messagesTo(CAROL_PHONE)).toHaveLength(texts);
    expect(await page.getByRole('button', { name: 'Text me a code instead' }).isEnabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Use a recovery code' }).count()).toBe(1);
    await checkScreen(page, '52-passkey-sign-in');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('BUTTON Use my passkey');
    await page.keyboard.press('Enter');
    await heading(page, 'Welcome, Carol').waitFor();
    expect(app.plivo.messagesTo(CAROL_PHONE)).toHaveLength(texts);

    // The authenticator signed once; the server took its counter and says when it was used.
    const [held] = await credentials();
    expect(held.signCount).toBeGreaterThan(0);
    const [row] = await app.running.ds.query('SELECT counter FROM passkeys');
    expect(Number(row.counter)).toBe(held.signCount);
    expect(await page.getByRole('region', { name: 'Passkeys' }).textContent()).toContain('last used');
    expect(await page.getByRole('region', { name: 'Two-factor authentication' }).textContent()).toContain('Each sign-in asks for your passkey');
    const [{ n }] = await app.running.ds.query("SELECT COUNT(*) AS n FROM two_factor_events WHERE type = 'PASSKEY_ACCEPTED'");
    expect(Number(n)).toBe(1);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You are signed out.').waitFor();
  });

  it('alice sees the passkey offered under Client Users and carol’s passkey among her factors in Customer Details', async () => {
    const p = await person();
    const { page } = p;
    await openLogin(p);
    await submitPassword(page, 'alice');
    await heading(page, 'Client Users').waitFor();
    await page.getByRole('button', { name: /Two Factor Authentication/ }).click();
    expect(await page.getByRole('checkbox', { name: 'Passkey' }).isChecked()).toBe(true);
    await checkScreen(page, '53-client-users-passkey');
    await page.goto(`${base}/acme/admin/companies`);
    await page.getByRole('link', { name: 'Globex', exact: true }).click();
    await heading(page, 'Globex').waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Customer Details' }).click();
    await heading(page, 'Customer Details').waitFor();
    const carolRow = page.getByRole('button', { name: /^Carol carol/ });
    await carolRow.click();
    const details = page.locator(`#${await carolRow.getAttribute('aria-controls')}`);
    expect(await details.textContent()).toContain('FactorsSMS, passkey');
  });

  it('“Text me a code instead” at the passkey step: the texted code signs in; then carol removes the passkey and sign-in texts a code', async () => {
    const { page } = carol;
    await openLogin(carol);
    await submitPassword(page, 'carol');
    await heading(page, 'Use your passkey').waitFor();
    await page.getByRole('button', { name: 'Text me a code instead' }).click();
    await heading(page, 'Enter your sign-in code').waitFor();
    await page.getByLabel('Code from the text message').pressSequentially(app.plivo.lastCodeFor(CAROL_PHONE)!);
    await heading(page, 'Welcome, Carol').waitFor();

    const card = page.getByRole('region', { name: 'Passkeys' });
    await card.getByRole('button', { name: /^Remove passkey 1/ }).click();
    await page.getByText('The passkey is removed.').waitFor();
    await eventually(async () => (await card.textContent())!.includes('None added'), 'the passkey to be gone');
    expect(await app.running.ds.query('SELECT id FROM passkeys')).toEqual([]);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You are signed out.').waitFor();
    await submitPassword(page, 'carol');
    await heading(page, 'Enter your sign-in code').waitFor();
  });
});
