import 'reflect-metadata';
import { CAROL_PHONE, PASSWORD } from '../server/test/support/fixtures';
import { setPolicy, wrongCode, type TestApp } from '../server/test/support/harness';
import { checkScreen, eventually, focused, type Person } from './support/browser';
import { errorText, heading, openLogin, submitPassword, submitPasswordAgain } from './support/flows';
import { browserStage } from './support/stage';

jest.setTimeout(120_000); // the project's testTimeout is not applied per project by jest

const CHALLENGE_TTL_SECONDS = 600;
const OTP_TTL_SECONDS = 300;
const RESEND_COOLDOWN_SECONDS = 30;

/** Codes in a browser: a wrong one, a resend, an expired code and an expired sign-in, the last try. */
describe('sign-in codes in a browser', () => {
  let app: TestApp;
  // Every test here texts Carol's one phone; the per-number text limit (tested in sms-limits) would
  // answer the sixth sign-in before the screen under test is reached.
  const person = browserStage({ env: { RATE_SMS_PER_NUMBER_HOUR: '100', RATE_SMS_PER_NUMBER_DAY: '100' } }, async (started) => {
    app = started;
    await setPolicy(app, true);
  });
  /** Moves the server's clock and the browser's together. */
  const advance = async (p: Person, seconds: number): Promise<void> => {
    app.clock.advanceSeconds(seconds);
    await p.page.clock.fastForward(seconds * 1000);
  };
  const carolToCodeStep = async (p: Person): Promise<string> => {
    await openLogin(p.page);
    await submitPassword(p.page, 'carol');
    await heading(p.page, 'Enter your sign-in code').waitFor();
    return app.plivo.lastCodeFor(CAROL_PHONE)!;
  };

  it('a wrong code shows the tries left; the right one still signs in', async () => {
    const p = await person();
    const { page } = p;
    await openLogin(page);
    expect(await page.getByText('SMS outbox').count()).toBe(0); // production: no development outbox
    const code = await carolToCodeStep(p);
    expect(await page.getByText('+1 •••-•••-2671').count()).toBe(1);
    await page.getByLabel('Code from the text message').pressSequentially(wrongCode(code));
    await eventually(async () => (await errorText(page)).includes('That code isn’t right.'), 'the wrong-code message');
    expect(await errorText(page)).toContain('You have 4 tries left.');
    expect(await focused(page)).toBe('INPUT');
    expect(await page.getByLabel('Code from the text message').getAttribute('aria-invalid')).toBe('true');
    await checkScreen(page, '20-code-wrong');
    await page.getByLabel('Code from the text message').pressSequentially(code);
    await heading(page, 'Welcome, Carol').waitFor();
  });

  it('the resend counts down, sends a new code, and the old code stops working', async () => {
    const p = await person();
    const { page } = p;
    const first = await carolToCodeStep(p);
    const sent = app.plivo.messagesTo(CAROL_PHONE).length;
    const resend = page.getByRole('button', { name: /^Send a new code/ });
    expect(await resend.isDisabled()).toBe(true);
    expect(await resend.textContent()).toMatch(/Send a new code \(0:(2\d|30)\)/);

    await advance(p, RESEND_COOLDOWN_SECONDS + 1);
    await eventually(async () => (await resend.textContent()) === 'Send a new code' && (await resend.isEnabled()), 'the countdown to end');
    await resend.click();
    await page.getByText('We sent a new code to +1 •••-•••-2671.').waitFor();
    expect(app.plivo.messagesTo(CAROL_PHONE)).toHaveLength(sent + 1);
    expect(await resend.isDisabled()).toBe(true); // a new countdown from the new resendAvailableAt
    await checkScreen(page, '21-code-resent');

    const second = app.plivo.lastCodeFor(CAROL_PHONE)!;
    expect(second).not.toBe(first);
    await page.getByLabel('Code from the text message').pressSequentially(first);
    await eventually(async () => (await errorText(page)).includes('That code isn’t right.'), 'the old code to be refused');
    await page.getByLabel('Code from the text message').pressSequentially(second);
    await heading(page, 'Welcome, Carol').waitFor();
  });

  it('an expired code asks for a new one, with the focus on “Send a new code”', async () => {
    const p = await person();
    const { page } = p;
    const code = await carolToCodeStep(p);
    await advance(p, OTP_TTL_SECONDS + 1);
    await page.getByLabel('Code from the text message').pressSequentially(code);
    await eventually(async () => (await errorText(page)).includes('That code has expired.'), 'the expired-code message');
    await eventually(async () => (await focused(page)) === 'BUTTON Send a new code', 'focus on the resend button');
    await checkScreen(page, '22-code-expired');
    await page.keyboard.press('Enter');
    await page.getByText('We sent a new code to +1 •••-•••-2671.').waitFor();
    await page.getByLabel('Code from the text message').pressSequentially(app.plivo.lastCodeFor(CAROL_PHONE)!);
    await heading(page, 'Welcome, Carol').waitFor();
  });

  it('an expired sign-in goes back to the password and says why', async () => {
    const p = await person();
    const { page } = p;
    await carolToCodeStep(p);
    await advance(p, CHALLENGE_TTL_SECONDS + 1);
    await page.getByLabel('Code from the text message').pressSequentially(app.plivo.lastCodeFor(CAROL_PHONE)!);
    await heading(page, 'Sign in').waitFor();
    expect(await focused(page)).toBe('H1 Sign in');
    expect(await errorText(page)).toContain('This sign-in has ended.');
    expect(await errorText(page)).toContain('Sign in again with your password to continue.');
    expect(await page.getByLabel('Username').inputValue()).toBe('carol');
    await checkScreen(page, '23-sign-in-ended');
    await submitPasswordAgain(page);
    await heading(page, 'Enter your sign-in code').waitFor();
    await page.getByLabel('Code from the text message').pressSequentially(app.plivo.lastCodeFor(CAROL_PHONE)!);
    await heading(page, 'Welcome, Carol').waitFor();
  });

  it('after the last wrong code the sign-in starts again from the password', async () => {
    const p = await person();
    const { page } = p;
    await openLogin(page);
    await submitPassword(page, 'dan');
    await heading(page, 'Add your mobile phone').waitFor();
    await page.getByLabel('Mobile number').pressSequentially('4155550177');
    await page.getByRole('button', { name: 'Text me a code' }).click();
    await heading(page, 'Confirm your phone').waitFor();
    const right = app.plivo.lastCodeFor('+14155550177')!;
    const box = page.getByLabel('Code from the text message');
    for (let left = 4; left >= 1; left -= 1) {
      await box.pressSequentially(wrongCode(right));
      await eventually(async () => (await errorText(page)).includes(`You have ${left} ${left === 1 ? 'try' : 'tries'} left`), `${left} tries left`);
    }
    await box.pressSequentially(wrongCode(right));
    await heading(page, 'Sign in').waitFor();
    expect(await errorText(page)).toContain('That code isn’t right, and it was the last try.');
    await checkScreen(page, '24-last-try');
  });

  it('the whole enrollment works with the keyboard alone', async () => {
    const p = await person();
    const { page } = p;
    const type = (text: string) => page.keyboard.type(text);
    const press = (key: string) => page.keyboard.press(key);
    await openLogin(page);
    await press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('username');
    await type('erin');
    await press('Tab');
    await type(PASSWORD);
    await press('Enter');

    await heading(page, 'Add your mobile phone').waitFor();
    expect(await focused(page)).toBe('H1 Add your mobile phone');
    await press('Tab'); // country
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('enroll-phone-country');
    await press('Tab'); // number
    await type('4155550166');
    await press('Enter');

    await heading(page, 'Confirm your phone').waitFor();
    expect(await focused(page)).toBe('H1 Confirm your phone');
    await press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('code');
    await type(app.plivo.lastCodeFor('+14155550166')!);

    await heading(page, 'Save your recovery codes').waitFor();
    expect(await focused(page)).toBe('H1 Save your recovery codes');
    await press('Tab'); // Copy
    await press('Tab'); // Download
    await press('Tab');
    expect(await focused(page)).toBe('BUTTON Continue to sign in');
    await press('Enter');

    await heading(page, 'Phone confirmed').waitFor();
    expect(await focused(page)).toBe('H1 Phone confirmed');
    await press('Tab'); // username, kept
    await press('Tab'); // password
    await type(PASSWORD);
    await press('Enter');

    await heading(page, 'Enter your sign-in code').waitFor();
    await press('Tab');
    await type(app.plivo.lastCodeFor('+14155550166')!);

    await heading(page, 'Welcome, Erin').waitFor();
    // The account page's own controls (recovery codes) follow the heading; Sign out is in the top bar before it.
    await press('Shift+Tab');
    expect(await focused(page)).toBe('BUTTON Sign out');
    await press('Enter');
    await page.getByText('You are signed out.').waitFor();
  });
});
