import { screen, waitFor } from '@testing-library/react';
import { expectLocation, renderApp } from '../../test/render';
import { signWithPasskey } from '../../lib/passkeys';
import { LoginPage } from './LoginPage';
import { authenticated, challenge, loginMock, PASSWORD, problem, resendMock, verifyMock, verifyPasskeyMock } from './wizard.fixtures';

// The browser's WebAuthn prompt, which jsdom has not: the real one is driven in e2e/passkeys.spec.ts.
jest.mock('../../lib/passkeys', () => ({ signWithPasskey: jest.fn(), passkeysSupported: () => true, createPasskey: jest.fn() }));
const sign = signWithPasskey as jest.MockedFunction<typeof signWithPasskey>;

const OPTIONS = '{"challenge":"abc","rpId":"localhost","allowCredentials":[]}';
const ASSERTION = '{"id":"cred","response":{}}';
const passkeyStep = () => ({ __typename: 'CodeRequired', challenge: challenge('t-pk', 'VERIFY_PASSKEY', { passkeyOptions: OPTIONS }) });

async function signIn(user: ReturnType<typeof renderApp>['user']): Promise<void> {
  await user.type(await screen.findByLabelText('Username'), 'bob');
  await user.type(screen.getByLabelText('Password'), PASSWORD);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

function errorAlert(): HTMLElement {
  return screen.getAllByRole('alert').find((el) => el.textContent !== '') as HTMLElement;
}

describe('the passkey step of the sign-in', () => {
  beforeEach(() => sign.mockReset());

  it('asks for the passkey with the login’s options; a closed prompt says so and keeps the button; the passkey then signs in', async () => {
    sign.mockResolvedValueOnce({ ok: false, reason: 'cancelled' }).mockResolvedValueOnce({ ok: true, responseJson: ASSERTION });
    const { user } = renderApp(<LoginPage />, { mocks: [loginMock('bob', passkeyStep()), verifyPasskeyMock('t-pk', ASSERTION, authenticated())] });
    await signIn(user);
    expect(await screen.findByRole('heading', { level: 1, name: 'Use your passkey' })).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Use my passkey' }));
    await waitFor(() => expect(errorAlert()).toHaveTextContent('Your passkey wasn’t used.'));
    expect(screen.getByRole('button', { name: 'Use my passkey' })).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Use my passkey' }));
    await expectLocation('/acme/account');
    expect(sign).toHaveBeenCalledWith(OPTIONS);
  });

  it('a refused assertion says so with the tries left, and stays on the step', async () => {
    sign.mockResolvedValue({ ok: true, responseJson: ASSERTION });
    const { user } = renderApp(<LoginPage />, {
      mocks: [loginMock('bob', passkeyStep()), verifyPasskeyMock('t-pk', ASSERTION, problem('INVALID_CODE', { attemptsRemaining: 4 }))],
    });
    await signIn(user);
    await user.click(await screen.findByRole('button', { name: 'Use my passkey' }));
    await waitFor(() => expect(errorAlert()).toHaveTextContent('That passkey wasn’t accepted.'));
    expect(errorAlert()).toHaveTextContent('You have 4 tries left.');
    expect(screen.getByRole('heading', { level: 1, name: 'Use your passkey' })).toBeInTheDocument();
  });

  it('"Text me a code instead" turns the screen into the texted-code one, and that code signs in', async () => {
    const { user } = renderApp(<LoginPage />, {
      mocks: [
        loginMock('bob', passkeyStep()),
        resendMock('t-pk', { __typename: 'CodeSent', challenge: challenge('t-pk', 'VERIFY_CODE') }),
        verifyMock('t-pk', '654321', authenticated()),
      ],
    });
    await signIn(user);
    await user.click(await screen.findByRole('button', { name: 'Text me a code instead' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Enter your sign-in code' })).toBeInTheDocument();
    await user.type(screen.getByLabelText('Code from the text message'), '654321');
    await expectLocation('/acme/account');
    expect(sign).not.toHaveBeenCalled();
  });
});
