import 'reflect-metadata';
import { clientFrom, login, type TestApp } from '../server/test/support/harness';
import { checkScreen, eventually, focused, type Person } from './support/browser';
import { heading, openLogin, submitPassword } from './support/flows';
import { browserStage } from './support/stage';

jest.setTimeout(180_000); // the project's testTimeout is not applied per project by jest

const DAY_S = 86_400;

/**
 * The enrollment grace period in a browser (README, Enrollment grace period): alice, a Master Admin,
 * lets customers postpone for 7 days and turns two-factor on; bob chooses "Remind me later (7 days
 * left)" and is signed in with his password; alice sees him in grace in Customer Details; once the
 * 7 days have passed (the server's clock and the browser's moved together), bob's next login is forced
 * to enroll, with no way to postpone. Every screen is checked at 1280 and 360 px with axe.
 */
describe('the enrollment grace period in a browser', () => {
  let app: TestApp;
  const person = browserStage({}, (started) => {
    app = started;
  });
  let alice: Person;

  /** The policy as the API says, asked by a separate admin session. */
  const policy = async (): Promise<{ enabled: boolean; enrollmentGraceDays: number; inGraceCount: number }> => {
    const c = clientFrom(app);
    await login(c, 'alice');
    return (await c.gql('{ twoFactorPolicy { enabled enrollmentGraceDays inGraceCount } }')).body.data.twoFactorPolicy;
  };

  it('alice lets customers postpone for 7 days, then turns two-factor authentication on', async () => {
    alice = await person();
    const { page } = alice;
    await openLogin(page);
    await submitPassword(page, 'alice');
    await heading(page, 'Client Users').waitFor();
    await page.getByRole('button', { name: /Two Factor Authentication/ }).click();
    await page.getByLabel('Customers may postpone enrolling for up to (days)').fill('7');
    await page.getByRole('button', { name: 'Save grace period' }).click();
    await page.getByText('Customers may postpone enrolling for up to 7 days after two-factor authentication is turned on.').waitFor();
    await page.getByRole('checkbox', { name: 'Require SMS two-factor authentication for all customers' }).check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Turn on two-factor authentication?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('3 of 4 customers must enroll a mobile phone at their next login, or may postpone it for up to 7 days from now');
    await dialog.getByRole('button', { name: 'Turn on' }).click();
    await page.getByText('Two-factor authentication is on.').waitFor();
    await eventually(async () => /3 customers may postpone enrolling until/.test((await page.locator('#grace-state').textContent()) ?? ''), 'the grace state');
    await checkScreen(page, '50-admin-enrollment-grace');
    expect(await policy()).toEqual({ enabled: true, enrollmentGraceDays: 7, inGraceCount: 3 });
  });

  it('bob chooses "Remind me later (7 days left)" and is signed in with his password', async () => {
    const { page } = await person();
    await openLogin(page);
    await submitPassword(page, 'bob');
    await heading(page, 'Set up two-factor authentication').waitFor();
    expect(await focused(page)).toBe('H1 Set up two-factor authentication');
    await page.getByRole('button', { name: 'Set up two-factor now' }).waitFor();
    await checkScreen(page, '51-grace-remind-me-later');
    await page.getByRole('button', { name: 'Remind me later (7 days left)' }).click();
    await heading(page, 'Welcome, Bob').waitFor();
    expect(new URL(page.url()).pathname).toBe('/acme/account');
    expect(app.plivo.messagesTo('+14155550134')).toHaveLength(0);
  });

  it('alice sees who is still in grace, and until when, in Customer Details', async () => {
    const { page } = alice;
    await page.goto('/acme/admin/companies');
    await page.getByRole('link', { name: 'Globex', exact: true }).click();
    await heading(page, 'Globex').waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Customer Details' }).click();
    await heading(page, 'Customer Details').waitFor();
    await page.getByLabel('Two-factor status').selectOption('IN_GRACE');
    const bobRow = page.getByRole('button', { name: /^Bob bob/ });
    await bobRow.waitFor();
    await eventually(async () => (await page.getByRole('button', { name: /^Carol carol/ }).count()) === 0, 'the filter to hide carol (enrolled)');
    expect(await bobRow.textContent()).toContain('In grace period');
    await bobRow.click();
    const details = page.locator(`#${await bobRow.getAttribute('aria-controls')}`);
    expect(await details.textContent()).toMatch(/May postpone until\S/);
    await checkScreen(page, '52-customer-details-in-grace');
  });

  it('once the 7 days have passed, bob must enroll: "Remind me later" is gone', async () => {
    const p = await person();
    const { page } = p;
    app.clock.advanceSeconds(7 * DAY_S);
    await page.clock.fastForward(7 * DAY_S * 1000);
    await openLogin(page);
    await submitPassword(page, 'bob');
    await heading(page, 'Add your mobile phone').waitFor();
    expect(await page.getByRole('button', { name: /Remind me later/ }).count()).toBe(0);
    await checkScreen(page, '53-grace-ended-enroll');
    expect(await policy()).toEqual({ enabled: true, enrollmentGraceDays: 7, inGraceCount: 0 });
  });
});
