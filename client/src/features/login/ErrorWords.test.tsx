import { screen, waitFor } from '@testing-library/react';
import type { ErrorCode } from '../../gql/graphql';
import { renderApp } from '../../test/render';
import { LoginPage } from './LoginPage';
import { describeProblem, type ProblemStep } from './problem-words';
import { challenge, enrollMock, loginMock, PASSWORD, problem, resendMock, verifyMock } from './wizard.fixtures';

type Where = 'login' | 'enroll' | 'verify' | 'resend';
const STEP_OF: Record<Where, ProblemStep> = { login: 'password', enroll: 'enroll', verify: 'code', resend: 'resend' };

/** Every ErrorCode where the server can answer it, and the words a person sees there. */
const CASES: Array<[ErrorCode, Where, { attemptsRemaining?: number; retryAfterSeconds?: number }]> = [
  ['INVALID_CREDENTIALS', 'login', {}],
  ['RATE_LIMITED', 'login', { retryAfterSeconds: 840 }],
  ['SMS_DELIVERY_FAILED', 'login', {}],
  ['INVALID_PHONE_NUMBER', 'enroll', {}],
  ['SMS_DELIVERY_FAILED', 'enroll', {}],
  ['RATE_LIMITED', 'enroll', { retryAfterSeconds: 3000 }],
  ['CHALLENGE_INVALID', 'enroll', {}],
  ['INVALID_CODE', 'verify', { attemptsRemaining: 2 }],
  ['CODE_EXPIRED', 'verify', {}],
  ['TOO_MANY_ATTEMPTS', 'verify', { attemptsRemaining: 0 }],
  ['CHALLENGE_INVALID', 'verify', {}],
  ['RATE_LIMITED', 'verify', { retryAfterSeconds: 600 }],
  ['RATE_LIMITED', 'resend', { retryAfterSeconds: 20 }],
  ['SMS_DELIVERY_FAILED', 'resend', {}],
  ['TOO_MANY_ATTEMPTS', 'resend', {}],
];

describe('every ErrorCode has its words on screen', () => {
  it('covers every code at least once', () => {
    const all: ErrorCode[] = ['INVALID_CREDENTIALS', 'RATE_LIMITED', 'INVALID_CODE', 'CODE_EXPIRED', 'TOO_MANY_ATTEMPTS', 'CHALLENGE_INVALID', 'INVALID_PHONE_NUMBER', 'SMS_DELIVERY_FAILED'];
    expect(new Set(CASES.map(([code]) => code))).toEqual(new Set(all));
  });

  it.each(CASES)('%s at %s', async (code, where, extra) => {
    const answer = problem(code, extra);
    const mocks =
      where === 'login'
        ? [loginMock('bob', answer)]
        : where === 'enroll'
          ? [loginMock('bob', { __typename: 'EnrollmentRequired', graceEndsAt: null, graceDaysLeft: null, challenge: challenge('t1', 'ENROLL_PHONE') }), enrollMock('t1', '+14155550134', answer)]
          : where === 'verify'
            ? [loginMock('bob', { __typename: 'CodeRequired', challenge: challenge('t1', 'VERIFY_CODE') }), verifyMock('t1', '123456', answer)]
            : [loginMock('bob', { __typename: 'CodeRequired', challenge: challenge('t1', 'VERIFY_CODE') }), resendMock('t1', answer)];
    const { user } = renderApp(<LoginPage />, { mocks });
    await user.type(await screen.findByLabelText('Username'), 'bob');
    await user.type(screen.getByLabelText('Password'), PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    if (where === 'enroll') {
      await user.type(await screen.findByLabelText('Mobile number'), '4155550134');
      await user.click(screen.getByRole('button', { name: 'Text me a code' }));
    } else if (where === 'verify') {
      await user.type(await screen.findByLabelText('Code from the text message'), '123456');
    } else if (where === 'resend') {
      await user.click(await screen.findByRole('button', { name: 'Send a new code' }));
    }

    const view = describeProblem({ ...answer }, STEP_OF[where]);
    const alert = await waitFor(() => {
      const found = screen.getAllByRole('alert').find((el) => el.textContent?.includes(view.title));
      if (!found) throw new Error(`no alert says "${view.title}"`);
      return found;
    });
    expect(alert).toHaveTextContent(view.detail);
    if (view.wayForward === 'sign-in-again') {
      expect(screen.getByRole('heading', { level: 1, name: 'Sign in' })).toHaveFocus();
    } else if (where !== 'login') {
      expect(screen.queryByRole('heading', { level: 1, name: 'Sign in' })).not.toBeInTheDocument();
    }
  });
});
