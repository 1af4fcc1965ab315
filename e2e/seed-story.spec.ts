import 'reflect-metadata';
import { CAROL_PHONE } from '../server/test/support/fixtures';
import { clientFrom, login, type TestApp } from '../server/test/support/harness';
import { checkScreen, eventually, focused, type Person } from './support/browser';
import { heading, openLogin, submitPassword, submitPasswordAgain } from './support/flows';
import { browserStage } from './support/stage';

/**
 * The help page, true for people: alice turns 2FA on; bob enrolls, signs in again, signs in with a
 * code; dave (no Master Admin) has no option and resets bob; bob enrolls again. Every screen is
 * checked with axe-core and kept as a screenshot at 1280 and 360 px.
 */
jest.setTimeout(120_000); // the project's testTimeout is not applied per project by jest

describe('the seed story in a browser', () => {
  let app: TestApp;
  const person = browserStage({}, (started) => {
    app = started;
  });
  const BOB_PHONE = '+14155550134';
  const BOB_NEW_PHONE = '+14155550188';

  /** The policy as the API says, asked by a separate admin session. */
  const policyEnabled = async (): Promise<boolean> => {
    const c = clientFrom(app);
    await login(c, 'alice');
    return (await c.gql('{ twoFactorPolicy { enabled } }')).body.data.twoFactorPolicy.enabled;
  };

  let alice: Person;
  let bob: Person;
  let dave: Person;

  it('alice, a Master Admin, turns two-factor authentication on', async () => {
    alice = await person();
    const { page } = alice;
    await openLogin(page);
    await checkScreen(page, '01-sign-in');
    await submitPassword(page, 'alice');
    await heading(page, 'Client Users').waitFor();
    expect(await focused(page)).toBe('H1 Client Users');
    expect(new URL(page.url()).pathname).toBe('/acme/admin/settings/client-users');
    await page.getByRole('button', { name: /Two Factor Authentication/ }).click();
    const box = page.getByRole('checkbox', { name: 'Require SMS two-factor authentication for all customers' });
    expect(await box.isChecked()).toBe(false);
    await checkScreen(page, '02-admin-client-users');
    await box.check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Turn on two-factor authentication?' });
    await dialog.waitFor();
    // carol's imported phone counts when the policy is first turned on.
    expect(await dialog.textContent()).toContain('3 of 4 customers must enroll a mobile phone at their next login; 1 already has an enrolled phone');
    await checkScreen(page, '03-admin-confirm-turn-on');
    await dialog.getByRole('button', { name: 'Turn on' }).click();
    await page.getByText('Two-factor authentication is on.').waitFor();
    expect(await policyEnabled()).toBe(true);
  });

  it('bob enrolls: password, phone, texted code, then signs in again with a code', async () => {
    bob = await person();
    const { page } = bob;
    await openLogin(page);
    await submitPassword(page, 'bob');

    await heading(page, 'Add your mobile phone').waitFor();
    expect(await focused(page)).toBe('H1 Add your mobile phone');
    expect(app.plivo.messagesTo(BOB_PHONE)).toHaveLength(0);
    await page.getByLabel('Mobile number').pressSequentially('4155550134');
    expect(await page.getByLabel('Mobile number').inputValue()).toBe('(415) 555-0134');
    await checkScreen(page, '04-enroll-phone');
    await page.getByRole('button', { name: 'Text me a code' }).click();

    await heading(page, 'Confirm your phone').waitFor();
    expect(await focused(page)).toBe('H1 Confirm your phone');
    expect(await page.getByText('+1 •••-•••-0134').count()).toBe(1);
    const codeBox = page.getByLabel('Code from the text message');
    expect(await codeBox.getAttribute('autocomplete')).toBe('one-time-code');
    expect(await codeBox.getAttribute('inputmode')).toBe('numeric');
    await checkScreen(page, '05-enroll-confirm-code');
    const enrollCode = app.plivo.lastCodeFor(BOB_PHONE);
    expect(enrollCode).toMatch(/^\d{6}$/);
    await codeBox.pressSequentially(enrollCode!); // the sixth digit submits

    // The enrollment's recovery codes, shown once, then the forced re-login.
    await heading(page, 'Save your recovery codes').waitFor();
    expect(await page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').count()).toBe(10);
    await page.getByRole('button', { name: 'Continue to sign in' }).click();
    await heading(page, 'Phone confirmed').waitFor();
    expect(await focused(page)).toBe('H1 Phone confirmed');
    expect(await page.getByLabel('Username').inputValue()).toBe('bob');
    await checkScreen(page, '06-phone-confirmed-sign-in-again');
    await submitPasswordAgain(page);

    await heading(page, 'Enter your sign-in code').waitFor();
    await checkScreen(page, '07-sign-in-code');
    const loginCode = app.plivo.lastCodeFor(BOB_PHONE);
    expect(loginCode).not.toBe(enrollCode);
    await page.getByLabel('Code from the text message').pressSequentially(loginCode!);

    await heading(page, 'Welcome, Bob').waitFor();
    expect(new URL(page.url()).pathname).toBe('/acme/account');
    const body = await page.locator('main').textContent();
    expect(body).toContain('You are signed in as bob at Globex.');
    expect(body).toContain('+1 •••-•••-0134');
    await checkScreen(page, '08-customer-signed-in');
    // The customer sign-in never downloaded the admin panes.
    expect(bob.scripts.some((s) => /AdminApp/.test(s))).toBe(false);
    expect(alice.scripts.some((s) => /AdminApp/.test(s))).toBe(true);
  });

  it('dave, an admin without Master Admin, sees why there is no option, and resets bob', async () => {
    dave = await person();
    const { page } = dave;
    await openLogin(page);
    await submitPassword(page, 'dave');
    await heading(page, 'Client Users').waitFor();
    await page.getByRole('button', { name: /Two Factor Authentication/ }).click();
    await page.getByText('You can’t change this option.').waitFor();
    expect(await page.getByRole('checkbox').count()).toBe(0);
    expect(await page.getByRole('note').textContent()).toContain('Please check that the Profile selected for your account is the same as a Profile with the “Master Admin” option enabled');
    await checkScreen(page, '09-admin-without-master-admin');

    await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Companies' }).click();
    await heading(page, 'Companies').waitFor();
    await page.getByRole('link', { name: 'Globex', exact: true }).waitFor();
    await checkScreen(page, '10-companies');
    await page.getByRole('link', { name: 'Globex', exact: true }).click();
    await heading(page, 'Globex').waitFor();
    await checkScreen(page, '11-company-overview');
    await page.getByRole('main').getByRole('link', { name: 'Customer Details' }).click();

    await heading(page, 'Customer Details').waitFor();
    const bobRow = page.getByRole('button', { name: /^Bob bob/ });
    await bobRow.waitFor();
    await page.getByLabel('Two-factor status').selectOption('ENROLLED');
    await page.getByRole('button', { name: /^Carol carol/ }).waitFor();
    await eventually(async () => (await page.getByRole('button', { name: /^Dan Dunn/ }).count()) === 0, 'the filter to hide dan');
    await page.getByLabel('Search contacts').fill('bob');
    await eventually(async () => (await page.getByRole('button', { name: /^Carol carol/ }).count()) === 0, 'the search to hide carol');
    await bobRow.click();
    const details = page.locator(`#${await bobRow.getAttribute('aria-controls')}`);
    const text = await details.textContent();
    expect(text).toContain('+1 •••-•••-0134');
    expect(text).toMatch(/Last text message(Queued|Sent|Accepted|Delivered)/);
    await checkScreen(page, '12-customer-details');

    await details.getByRole('button', { name: 'Reset two factor' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reset two factor for Bob?' });
    await dialog.waitFor();
    await checkScreen(page, '13-reset-confirm');
    await dialog.getByRole('button', { name: 'Reset two factor' }).click();
    await page.getByText('Two-factor authentication was reset for Bob.').waitFor();
    await page.getByRole('button', { name: /^Bob bob Not enrolled/ }).waitFor();
    // Only bob: carol still has her phone.
    await page.getByLabel('Search contacts').fill('');
    await page.getByLabel('Two-factor status').selectOption('ALL');
    await page.getByRole('button', { name: /^Carol carol Enrolled/ }).waitFor();
    expect(app.plivo.messagesTo(CAROL_PHONE)).toHaveLength(0);
  });

  it('bob was signed out by the reset and enrolls again', async () => {
    const { page } = bob;
    await page.reload();
    await heading(page, 'Sign in').waitFor();
    await submitPassword(page, 'bob');
    await heading(page, 'Add your mobile phone').waitFor();
    await page.getByLabel('Mobile number').pressSequentially('4155550188');
    await page.getByRole('button', { name: 'Text me a code' }).click();
    await heading(page, 'Confirm your phone').waitFor();
    await page.getByLabel('Code from the text message').pressSequentially(app.plivo.lastCodeFor(BOB_NEW_PHONE)!);
    await heading(page, 'Save your recovery codes').waitFor();
    await page.getByRole('button', { name: 'Continue to sign in' }).click();
    await heading(page, 'Phone confirmed').waitFor();
    await submitPasswordAgain(page);
    await heading(page, 'Enter your sign-in code').waitFor();
    expect(await page.getByText('+1 •••-•••-0188').count()).toBe(1);
    await page.getByLabel('Code from the text message').pressSequentially(app.plivo.lastCodeFor(BOB_NEW_PHONE)!);
    await heading(page, 'Welcome, Bob').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You are signed out.').waitFor();
  });

  it('the event log tells the story, filtered by type and customer', async () => {
    const { page } = dave;
    await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Two-factor events' }).click();
    await heading(page, 'Two-factor events').waitFor();
    const table = page.getByRole('table');
    await table.waitFor();
    const rows = await table.getByRole('row').allTextContents();
    expect(rows.length).toBeGreaterThan(8);
    expect(rows.slice(1).some((r) => r.includes('Two-factor reset') && r.includes('dave'))).toBe(true);
    expect(rows[rows.length - 1]).toContain('Two-factor turned on');
    await checkScreen(page, '14-events');

    await page.getByLabel('Event type').selectOption('RESET');
    await page.getByLabel('Customer').fill('bob');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByText(/Showing events of/).waitFor();
    await eventually(async () => (await table.getByRole('row').count()) === 2, 'one reset row');
    expect(await table.getByRole('row').nth(1).textContent()).toContain('Two-factor reset');
    expect(new URL(page.url()).searchParams.get('type')).toBe('RESET');
  });

  it('alice is told what turning it off means, and can back out', async () => {
    const { page } = alice;
    await page.goto('/acme/admin/settings/client-users');
    await heading(page, 'Client Users').waitFor();
    const header = page.getByRole('button', { name: /Two Factor Authentication/ });
    expect(await header.getAttribute('aria-expanded')).toBe('false');
    await header.click();
    await page.getByRole('checkbox', { name: 'Require SMS two-factor authentication for all customers' }).uncheck();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Turn off two-factor authentication?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('if you turn two-factor authentication on again later, all customers must enroll again');
    await checkScreen(page, '15-admin-confirm-turn-off');
    await page.keyboard.press('Escape');
    await eventually(async () => !(await dialog.isVisible()), 'the dialog to close');
    expect(await focused(page)).toBe('BUTTON Save');
    expect(await policyEnabled()).toBe(true);
  });
});
