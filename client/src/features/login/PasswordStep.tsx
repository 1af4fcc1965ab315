import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Alert, type AlertMessage } from '../../components/Alert';
import { describedBy, Field } from '../../components/Field';
import { Heading } from '../../components/Heading';
import { describeProblem, UNREACHABLE } from './problem-words';
import { useLogin } from './sign-in.hooks';
import type { Challenge, Grace, PasswordNotice, StepEvents } from './wizard.types';

interface Props extends StepEvents {
  readonly portal: string;
  readonly username: string;
  readonly onUsernameChange: (username: string) => void;
  readonly notice: PasswordNotice | null;
  readonly focusHeading: boolean;
  /** `grace`: the portal's enrollment grace period runs, so the customer may postpone. */
  readonly onEnrollmentRequired: (challenge: Challenge, grace: Grace | null) => void;
  readonly onCodeRequired: (challenge: Challenge) => void;
}

const ERROR_ID = 'password-error';

/** Step 1: username and password. Answers one of: signed in, enroll a phone, enter a code, a problem. */
export function PasswordStep(props: Props): ReactNode {
  const { portal, username, onUsernameChange, notice, focusHeading } = props;
  const [password, setPassword] = useState('');
  const [error, setError] = useState<AlertMessage | null>(null);
  const [invalid, setInvalid] = useState<{ username: boolean; password: boolean }>({ username: false, password: false });
  const [login, { loading }] = useLogin();
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (loading) return;
    const gaps = { username: username.trim() === '', password: password === '' };
    setInvalid(gaps);
    if (gaps.username || gaps.password) {
      setError({ title: gaps.username && gaps.password ? 'Enter your username and password.' : gaps.username ? 'Enter your username.' : 'Enter your password.' });
      (gaps.username ? usernameRef : passwordRef).current?.focus();
      return;
    }
    setError(null);
    const result = await login({ portal, username: username.trim(), password });
    if (!result) {
      setError(UNREACHABLE);
      return;
    }
    switch (result.__typename) {
      case 'Authenticated':
        props.onSignedIn(result.viewer);
        return;
      case 'EnrollmentRequired':
        props.onEnrollmentRequired(
          result.challenge,
          result.graceEndsAt && result.graceDaysLeft ? { endsAt: result.graceEndsAt, daysLeft: result.graceDaysLeft } : null,
        );
        return;
      case 'CodeRequired':
        props.onCodeRequired(result.challenge);
        return;
      case 'Problem': {
        const view = describeProblem(result, 'password');
        setError(view);
        if (result.code === 'INVALID_CREDENTIALS') {
          setInvalid({ username: false, password: true });
          setPassword('');
          passwordRef.current?.focus();
        }
      }
    }
  };

  const relogin = notice?.kind === 'relogin';
  const restart = notice?.kind === 'restart' ? notice.problem : null;
  const shownError = error ?? restart;
  const status: AlertMessage | null =
    notice?.kind === 'signed-out'
      ? { title: 'You are signed out.' }
      : notice?.kind === 'session-ended'
        ? { title: 'Your session has ended.', detail: 'Sign in again to continue.' }
        : null;

  return (
    <section aria-labelledby="step-heading" className="step">
      <Heading id="step-heading" focusOnMount={focusHeading}>
        {relogin ? 'Phone confirmed' : 'Sign in'}
      </Heading>
      <p className="lead">
        {relogin
          ? 'Sign in again with your password to finish. From now on, each sign-in also asks for a code we text to your phone.'
          : 'Use the username and password for this portal.'}
      </p>
      <Alert tone="status" message={status} />
      <Alert tone="error" message={shownError} id={ERROR_ID} />
      <form onSubmit={submit} noValidate className="form">
        <Field id="username" label="Username">
          <input
            ref={usernameRef}
            id="username"
            name="username"
            type="text"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            value={username}
            onChange={(e) => onUsernameChange(e.target.value)}
            aria-invalid={invalid.username || undefined}
            aria-describedby={describedBy(invalid.username && ERROR_ID)}
          />
        </Field>
        <Field id="password" label="Password">
          <input
            ref={passwordRef}
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={invalid.password || undefined}
            aria-describedby={describedBy(shownError && ERROR_ID)}
          />
        </Field>
        <button type="submit" className="button button-primary button-block" disabled={loading}>
          {loading ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </section>
  );
}
