import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Alert, type AlertMessage } from '../../components/Alert';
import { Heading } from '../../components/Heading';
import { describeProblem, UNREACHABLE } from './problem-words';
import { useUseRecoveryCode } from './sign-in.hooks';
import type { Challenge, StepEvents } from './wizard.types';

interface Props extends StepEvents {
  readonly challenge: Challenge;
  /** Back to the code screen of the same sign-in. */
  readonly onBack: () => void;
}

const ERROR_ID = 'recovery-error';
const HINT_ID = 'recovery-hint';

/** "Use a recovery code": one of the saved codes signs in, and is used up (useRecoveryCode). */
export function UseRecoveryCodeStep({ challenge, onSignedIn, onRestart, onBack }: Props): ReactNode {
  const [code, setCode] = useState('');
  const [error, setError] = useState<AlertMessage | null>(null);
  const [useCode, { loading }] = useUseRecoveryCode();
  const inputRef = useRef<HTMLInputElement>(null);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (loading) return;
    if (code.trim() === '') {
      setError({ title: 'Enter one of your recovery codes.', detail: 'It looks like ABCDE-FGHJK.' });
      inputRef.current?.focus();
      return;
    }
    setError(null);
    const result = await useCode({ challengeToken: challenge.token, code });
    if (!result) return setError(UNREACHABLE);
    if (result.__typename === 'Authenticated') return onSignedIn(result.viewer);
    const view = describeProblem(result, 'code', 'recovery');
    if (view.wayForward === 'sign-in-again') return onRestart(view);
    setError(result.code === 'INVALID_CODE' ? { title: 'That recovery code is not right, or was already used.', detail: view.detail } : view);
    setCode('');
    inputRef.current?.focus();
  };

  return (
    <section aria-labelledby="step-heading" className="step">
      <Heading id="step-heading">Use a recovery code</Heading>
      <p className="lead">Enter one of the recovery codes you saved when you enrolled. Each code works once.</p>
      <Alert tone="error" message={error} id={ERROR_ID} />
      <form className="form" noValidate onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor="recovery-code">Recovery code</label>
          <input
            ref={inputRef}
            id="recovery-code"
            type="text"
            className="input-code-text"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={20}
            aria-invalid={error !== null}
            aria-describedby={[HINT_ID, error ? ERROR_ID : null].filter(Boolean).join(' ')}
          />
          <p className="hint" id={HINT_ID}>
            10 letters and digits; the dash and spaces do not matter.
          </p>
        </div>
        <button type="submit" className="button button-primary button-block" disabled={loading}>
          {loading ? 'Checking…' : 'Sign in'}
        </button>
      </form>
      <p className="step-aside">
        <button type="button" className="link-button" onClick={onBack} disabled={loading}>
          Back to the code
        </button>
        <button type="button" className="link-button" onClick={() => onRestart(null)} disabled={loading}>
          Cancel and start over
        </button>
      </p>
    </section>
  );
}
