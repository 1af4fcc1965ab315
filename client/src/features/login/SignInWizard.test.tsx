import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { adminViewer, expectLocation, renderApp } from '../../test/render';
import { LoginPage } from './LoginPage';
import {
  authenticated,
  challenge,
  confirmMock,
  enrollMock,
  loginMock,
  PASSWORD,
  postponeMock,
  problem,
  recoveryMock,
  relogin,
  resendMock,
  verifyMock,
} from './wizard.fixtures';

const mount = (mocks: Parameters<typeof renderApp>[1] extends infer O ? (O extends { mocks?: infer M } ? M : never) : never) =>
  renderApp(<LoginPage />, { mocks });

async function signIn(user: ReturnType<typeof renderApp>['user'], username = 'bob', password = PASSWORD): Promise<void> {
  await user.type(await screen.findByLabelText('Username'), username);
  await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

function errorAlert(): HTMLElement {
  return screen.getAllByRole('alert').find((el) => el.textContent !== '') as HTMLElement;
}

describe('the sign-in wizard', () => {
  it('with an authenticator app: asks for its code first; "Text me a code instead" turns the screen into the texted one', async () => {
    const { user } = mount([
      loginMock('bob', { __typename: 'CodeRequired', challenge: challenge('t-app', 'VERIFY_TOTP') }),
      resendMock('t-app', { __typename: 'CodeSent', challenge: challenge('t-app', 'VERIFY_CODE') }),
      verifyMock('t-app', '654321', authenticated()),
    ]);
    await signIn(user);
    expect(await screen.findByRole('heading', { level: 1, name: 'Enter the code from your app' })).toHaveFocus();
    expect(screen.getByLabelText('Code from the authenticator app')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Text me a code instead' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Enter your sign-in code' })).toBeInTheDocument();
    await user.type(screen.getByLabelText('Code from the text message'), '654321');
    await expectLocation('/acme/account');
  });

  it('"Use a recovery code": a used one is refused with the tries left, another signs in', async () => {
    const { user } = mount([
      loginMock('bob', { __typename: 'CodeRequired', challenge: challenge('t-v', 'VERIFY_CODE') }),
      recoveryMock('t-v', 'ABCDE-FGHJK', problem('INVALID_CODE', { attemptsRemaining: 4 })),
      recoveryMock('t-v', 'BCDEF-GHJKM', authenticated()),
    ]);
    await signIn(user);
    await user.click(await screen.findByRole('button', { name: 'Use a recovery code' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Use a recovery code' })).toHaveFocus();
    await user.type(screen.getByLabelText('Recovery code'), 'ABCDE-FGHJK');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(errorAlert()).toHaveTextContent('That recovery code is not right, or was already used.'));
    expect(errorAlert()).toHaveTextContent('You have 4 tries left. Check the code against the ones you saved.');
    expect(screen.getByLabelText('Recovery code')).toHaveFocus();
    await user.type(screen.getByLabelText('Recovery code'), 'BCDEF-GHJKM');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await expectLocation('/acme/account');
  });

  it('labels its fields and signs a customer in when no code is needed', async () => {
    const { user } = mount([loginMock('bob', authenticated())]);
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByLabelText('Username')).toHaveAttribute('autocomplete', 'username');
    expect(screen.getByLabelText('Password')).toHaveAttribute('autocomplete', 'current-password');
    await signIn(user);
    await expectLocation('/acme/account');
  });

  it('sends a signed-in admin to the admin panes', async () => {
    const { user } = mount([loginMock('alice', authenticated(adminViewer(true)))]);
    await signIn(user, 'alice');
    await expectLocation('/acme/admin');
  });

  it('asks for both fields before calling the server', async () => {
    const { user } = mount([]);
    await user.click(await screen.findByRole('button', { name: 'Sign in' }));
    expect(errorAlert()).toHaveTextContent('Enter your username and password.');
    expect(screen.getByLabelText('Username')).toHaveFocus();
    expect(screen.getByLabelText('Username')).toHaveAttribute('aria-invalid', 'true');
  });

  it('during the grace period: "Remind me later (3 days left)" signs in; "Set up two-factor now" goes to the phone', async () => {
    const grace = { __typename: 'EnrollmentRequired', graceEndsAt: '2026-03-04T09:00:00.000Z', graceDaysLeft: 3 };
    const { user } = mount([
      loginMock('bob', { ...grace, challenge: challenge('t-g', 'ENROLL_PHONE') }),
      postponeMock('t-g', authenticated()),
    ]);
    await signIn(user);
    expect(await screen.findByRole('heading', { level: 1, name: 'Set up two-factor authentication' })).toHaveFocus();
    expect(screen.getByRole('button', { name: 'Set up two-factor now' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Remind me later (3 days left)' }));
    await expectLocation('/acme/account');
  });

  it('when the grace period ended meanwhile: says so, drops "Remind me later", and setting up still works', async () => {
    const grace = { __typename: 'EnrollmentRequired', graceEndsAt: '2026-03-04T09:00:00.000Z', graceDaysLeft: 1 };
    const { user } = mount([
      loginMock('bob', { ...grace, challenge: challenge('t-g', 'ENROLL_PHONE') }),
      postponeMock('t-g', problem('GRACE_PERIOD_ENDED')),
    ]);
    await signIn(user);
    await user.click(await screen.findByRole('button', { name: 'Remind me later (1 day left)' }));
    await waitFor(() => expect(errorAlert()).toHaveTextContent('Two-factor authentication is now required.'));
    expect(screen.queryByRole('button', { name: /Remind me later/ })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Set up two-factor now' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Add your mobile phone' })).toBeInTheDocument();
  });

  it('walks the whole enrollment: phone, code, "phone confirmed", password, code, signed in', async () => {
    const { user } = mount([
      loginMock('bob', { __typename: 'EnrollmentRequired', graceEndsAt: null, graceDaysLeft: null, challenge: challenge('t-enroll', 'ENROLL_PHONE') }),
      enrollMock('t-enroll', '+14155550134', { __typename: 'CodeSent', challenge: challenge('t-confirm', 'CONFIRM_ENROLLMENT') }),
      confirmMock('t-confirm', '123456', relogin),
      loginMock('bob', { __typename: 'CodeRequired', challenge: challenge('t-verify', 'VERIFY_CODE') }),
      verifyMock('t-verify', '654321', authenticated()),
    ]);
    await signIn(user);

    // Enroll: the heading takes focus; the number is formatted as typed and sent as E.164.
    const enrollHeading = await screen.findByRole('heading', { level: 1, name: 'Add your mobile phone' });
    expect(enrollHeading).toHaveFocus();
    const number = screen.getByLabelText('Mobile number');
    expect(screen.getByLabelText('Country')).toHaveValue('US');
    await user.type(number, '4155550134');
    expect(number).toHaveValue('(415) 555-0134');
    await user.click(screen.getByRole('button', { name: 'Text me a code' }));

    // Confirm: masked phone shown; the sixth digit submits without a click.
    const confirmHeading = await screen.findByRole('heading', { level: 1, name: 'Confirm your phone' });
    expect(confirmHeading).toHaveFocus();
    expect(screen.getByText('+1 •••-•••-0134')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Code from the text message'), '123456');

    // The enrollment's recovery codes, shown once, with Copy and Download; then the re-login.
    expect(await screen.findByRole('heading', { level: 1, name: 'Save your recovery codes' })).toHaveFocus();
    expect(within(screen.getByRole('list', { name: 'Recovery codes' })).getAllByRole('listitem')).toHaveLength(10);
    expect(screen.getByText('ABCDE-FGHJK')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Copy' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Download' })).toHaveAttribute('download', 'recovery-codes-acme.txt');
    await user.click(screen.getByRole('button', { name: 'Continue to sign in' }));

    // Relogin: said plainly, username kept, password asked again.
    const again = await screen.findByRole('heading', { level: 1, name: 'Phone confirmed' });
    expect(again).toHaveFocus();
    expect(screen.getByText(/Sign in again with your password to finish/)).toBeInTheDocument();
    expect(screen.getByLabelText('Username')).toHaveValue('bob');
    expect(screen.getByLabelText('Password')).toHaveValue('');
    await user.type(screen.getByLabelText('Password'), PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    // Verify: the code box is ready for SMS autofill; the code signs in.
    const verifyHeading = await screen.findByRole('heading', { level: 1, name: 'Enter your sign-in code' });
    expect(verifyHeading).toHaveFocus();
    await user.type(screen.getByLabelText('Code from the text message'), '654321');
    await expectLocation('/acme/account');
  });

  it('goes back from the enrollment code to correct the number, with the newest token', async () => {
    const { user } = mount([
      loginMock('bob', { __typename: 'EnrollmentRequired', graceEndsAt: null, graceDaysLeft: null, challenge: challenge('t1', 'ENROLL_PHONE') }),
      enrollMock('t1', '+14155550134', { __typename: 'CodeSent', challenge: challenge('t2', 'CONFIRM_ENROLLMENT') }),
      enrollMock('t2', '+14155550199', { __typename: 'CodeSent', challenge: challenge('t3', 'CONFIRM_ENROLLMENT', { maskedPhone: '+1 •••-•••-0199' }) }),
    ]);
    await signIn(user);
    await user.type(await screen.findByLabelText('Mobile number'), '4155550134');
    await user.click(screen.getByRole('button', { name: 'Text me a code' }));
    await user.click(await screen.findByRole('button', { name: 'Use a different number' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Use a different number' })).toHaveFocus();
    const number = screen.getByLabelText('Mobile number');
    expect(number).toHaveValue('(415) 555-0134');
    await user.clear(number);
    await user.type(number, '4155550199');
    await user.click(screen.getByRole('button', { name: 'Text me a code' }));
    expect(await screen.findByText('+1 •••-•••-0199')).toBeInTheDocument();
  });

  it('keeps the enrollment confirmation after a wrong code, with the tries left', async () => {
    const { user } = mount([
      loginMock('bob', { __typename: 'EnrollmentRequired', graceEndsAt: null, graceDaysLeft: null, challenge: challenge('t1', 'ENROLL_PHONE') }),
      enrollMock('t1', '+14155550134', { __typename: 'CodeSent', challenge: challenge('t2', 'CONFIRM_ENROLLMENT') }),
      confirmMock('t2', '111111', problem('INVALID_CODE', { attemptsRemaining: 4 })),
    ]);
    await signIn(user);
    await user.type(await screen.findByLabelText('Mobile number'), '4155550134');
    await user.click(screen.getByRole('button', { name: 'Text me a code' }));
    const box = await screen.findByLabelText('Code from the text message');
    await user.type(box, '111111');
    await waitFor(() => expect(errorAlert()).toHaveTextContent('That code isn’t right.'));
    expect(errorAlert()).toHaveTextContent('You have 4 tries left.');
    expect(screen.getByRole('heading', { level: 1, name: 'Confirm your phone' })).toBeInTheDocument();
    expect(box).toHaveValue('');
    expect(box).toHaveFocus();
    expect(screen.getByRole('button', { name: 'Confirm phone' })).toBeEnabled();
  });

  it('offers another number only while enrolling: the sign-in code screen has none', async () => {
    const { user } = mount([loginMock('bob', { __typename: 'CodeRequired', challenge: challenge('t-verify', 'VERIFY_CODE') })]);
    await signIn(user);
    expect(await screen.findByRole('heading', { level: 1, name: 'Enter your sign-in code' })).toHaveFocus();
    expect(screen.getByText(/Enter it to finish signing in\./)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Cancel and start over' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Use a different number' })).not.toBeInTheDocument();
  });

  it('shows attempts left after a wrong code, clears the box and keeps the step', async () => {
    const { user } = mount([
      loginMock('bob', { __typename: 'CodeRequired', challenge: challenge('t-verify', 'VERIFY_CODE') }),
      verifyMock('t-verify', '111111', problem('INVALID_CODE', { attemptsRemaining: 3 })),
      verifyMock('t-verify', '222222', authenticated()),
    ]);
    await signIn(user);
    const box = await screen.findByLabelText('Code from the text message');
    await user.type(box, '111111');
    await waitFor(() => expect(errorAlert()).toHaveTextContent('That code isn’t right.'));
    expect(errorAlert()).toHaveTextContent('You have 3 tries left.');
    expect(box).toHaveValue('');
    expect(box).toHaveFocus();
    expect(box).toHaveAttribute('aria-invalid', 'true');
    await user.type(box, '222222');
    await expectLocation('/acme/account');
  });

  it('takes a pasted text message whole and submits its code', async () => {
    const { user } = mount([
      loginMock('bob', { __typename: 'CodeRequired', challenge: challenge('t-verify', 'VERIFY_CODE') }),
      verifyMock('t-verify', '480215', authenticated()),
    ]);
    await signIn(user);
    const box = await screen.findByLabelText('Code from the text message');
    expect(box).toHaveAttribute('autocomplete', 'one-time-code');
    expect(box).toHaveAttribute('inputmode', 'numeric');
    box.focus();
    await user.paste('Your Acme Freight code is 480215.\n\n@portal.example #480215');
    await expectLocation('/acme/account');
  });

  it('counts the resend down from resendAvailableAt, then uses the new token', async () => {
    const soon = new Date(Date.now() + 2000).toISOString();
    const { user } = mount([
      loginMock('bob', { __typename: 'CodeRequired', challenge: challenge('t-old', 'VERIFY_CODE', { resendAvailableAt: soon }) }),
      resendMock('t-old', { __typename: 'CodeSent', challenge: challenge('t-new', 'VERIFY_CODE') }),
      verifyMock('t-new', '999999', authenticated()),
    ]);
    await signIn(user);
    const resend = await screen.findByRole('button', { name: /Send a new code \(0:0[12]\)/ });
    expect(resend).toBeDisabled();
    const ready = await screen.findByRole('button', { name: 'Send a new code' }, { timeout: 4000 });
    expect(ready).toBeEnabled();
    await user.click(ready);
    expect(await screen.findByText(/We sent a new code to \+1 •••-•••-0134/)).toBeInTheDocument();
    await user.type(screen.getByLabelText('Code from the text message'), '999999');
    await expectLocation('/acme/account');
  });

  it('reads the code through WebOTP where the browser has it', async () => {
    const get = jest.fn().mockResolvedValue({ type: 'otp', code: '313131' });
    Object.defineProperty(window, 'OTPCredential', { value: function OTPCredential() {}, configurable: true });
    Object.defineProperty(navigator, 'credentials', { value: { get }, configurable: true });
    try {
      const { user } = mount([
        loginMock('bob', { __typename: 'CodeRequired', challenge: challenge('t-verify', 'VERIFY_CODE') }),
        verifyMock('t-verify', '313131', authenticated()),
      ]);
      await signIn(user);
      await expectLocation('/acme/account');
      expect(get).toHaveBeenCalledWith(expect.objectContaining({ otp: { transport: ['sms'] } }));
    } finally {
      delete (window as unknown as Record<string, unknown>)['OTPCredential'];
      delete (navigator as unknown as Record<string, unknown>)['credentials'];
    }
  });

  it.each([
    ['TOO_MANY_ATTEMPTS', 'Too many wrong codes.'],
    ['CHALLENGE_INVALID', 'This sign-in has ended.'],
  ] as const)('goes back to the password with the reason on %s', async (code, words) => {
    const { user } = mount([
      loginMock('bob', { __typename: 'CodeRequired', challenge: challenge('t-verify', 'VERIFY_CODE') }),
      verifyMock('t-verify', '123123', problem(code)),
    ]);
    await signIn(user);
    await user.type(await screen.findByLabelText('Code from the text message'), '123123');
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toHaveFocus();
    expect(errorAlert()).toHaveTextContent(words);
    expect(errorAlert()).toHaveTextContent('Sign in again');
    expect(screen.getByLabelText('Username')).toHaveValue('bob');
  });

  it('moves focus to "Send a new code" when the code expired', async () => {
    const { user } = mount([
      loginMock('bob', { __typename: 'CodeRequired', challenge: challenge('t-verify', 'VERIFY_CODE') }),
      verifyMock('t-verify', '123123', problem('CODE_EXPIRED')),
    ]);
    await signIn(user);
    await user.type(await screen.findByLabelText('Code from the text message'), '123123');
    await waitFor(() => expect(errorAlert()).toHaveTextContent('That code has expired.'));
    expect(screen.getByRole('button', { name: 'Send a new code' })).toHaveFocus();
  });

  it('says how long to wait when the resend is refused, and counts that down', async () => {
    const { user } = mount([
      loginMock('bob', { __typename: 'CodeRequired', challenge: challenge('t-verify', 'VERIFY_CODE') }),
      resendMock('t-verify', problem('RATE_LIMITED', { retryAfterSeconds: 25 })),
    ]);
    await signIn(user);
    await user.click(await screen.findByRole('button', { name: 'Send a new code' }));
    await waitFor(() => expect(errorAlert()).toHaveTextContent('You can ask for a new code in 25 seconds.'));
    // Counting down from 0:25 in real time: a busy machine may take a few seconds to get here.
    const countdown = screen.getByRole('button', { name: /Send a new code \(0:\d\d\)/ });
    expect(countdown).toBeDisabled();
    const left = Number(/0:(\d\d)/.exec(countdown.textContent ?? '')?.[1]);
    expect(left).toBeGreaterThan(10);
    expect(left).toBeLessThanOrEqual(25);
  });

  it('cancels back to the password from any step', async () => {
    const { user } = mount([loginMock('bob', { __typename: 'CodeRequired', challenge: challenge('t-verify', 'VERIFY_CODE') })]);
    await signIn(user);
    await user.click(await screen.findByRole('button', { name: 'Cancel and start over' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toHaveFocus();
  });

  it('says when the server cannot be reached', async () => {
    const { user } = mount([
      { request: loginMock('bob', {}).request, error: new Error('network down') },
    ]);
    await signIn(user);
    await waitFor(() => expect(errorAlert()).toHaveTextContent('We can’t reach the server right now.'));
  });

  it('announces errors in a live region that is already in the page', async () => {
    const { user } = mount([loginMock('bob', problem('INVALID_CREDENTIALS'))]);
    const region = (await screen.findAllByRole('alert'))[0] as HTMLElement;
    expect(region).toBeEmptyDOMElement();
    await signIn(user);
    await waitFor(() => expect(region).toHaveTextContent('That username and password don’t match.'));
    expect(screen.getByLabelText('Password')).toHaveFocus();
    expect(within(region).getByText(/passwords are case-sensitive/)).toBeInTheDocument();
  });

  it('submits the code with the keyboard alone (Enter) when fewer than six digits are typed', async () => {
    const { user } = mount([loginMock('bob', { __typename: 'CodeRequired', challenge: challenge('t-verify', 'VERIFY_CODE') })]);
    await signIn(user);
    await user.type(await screen.findByLabelText('Code from the text message'), '12{Enter}');
    expect(errorAlert()).toHaveTextContent('Enter the 6-digit code.');
  });

  it('ignores letters typed into the code box', async () => {
    const { user } = mount([loginMock('bob', { __typename: 'CodeRequired', challenge: challenge('t-verify', 'VERIFY_CODE') })]);
    await signIn(user);
    const box = await screen.findByLabelText('Code from the text message');
    await user.type(box, '1a2 b3');
    expect(box).toHaveValue('123');
    act(() => {
      fireEvent.change(box, { target: { value: '12-34' } });
    });
    expect(box).toHaveValue('1234');
  });
});
