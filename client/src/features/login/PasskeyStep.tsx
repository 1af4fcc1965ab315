import { useRef, useState, type ReactNode } from 'react';
import { Alert, type AlertMessage } from '../../components/Alert';
import { Heading } from '../../components/Heading';
import { signWithPasskey } from '../../lib/passkeys';
import type { CodeScreenProps } from './CodeForm';
import { describeProblem, UNREACHABLE } from './problem-words';
import { useResendCode, useVerifyPasskey } from './sign-in.hooks';
import type { StepEvents } from './wizard.types';

interface Props extends CodeScreenProps, Pick<StepEvents, 'onSignedIn'> {
  readonly onUseRecoveryCode: () => void;
}

const ERROR_ID = 'passkey-error';
const CANCELLED: AlertMessage = {
  title: 'Your passkey wasn’t used.',
  detail: 'The prompt was closed or timed out. Choose “Use my passkey” to try again, or “Text me a code instead”.',
};
const FAILED: AlertMessage = {
  title: 'Your passkey couldn’t be used on this device.',
  detail: 'Try again, use a device that has the passkey, or choose “Text me a code instead”.',
};

/**
 * Step VERIFY_PASSKEY: a customer with a passkey signs in with it in place of a code (the browser's
 * prompt, then verifyPasskey). "Text me a code instead" moves the challenge to VERIFY_CODE, and the
 * wizard then shows the texted-code screen; "Use a recovery code" is there too.
 */
export function PasskeyStep({ challenge, onChallenge, onRestart, onSignedIn, onUseRecoveryCode }: Props): ReactNode {
  const [verify, { loading: checking }] = useVerifyPasskey();
  const [resendCode, { loading: sending }] = useResendCode();
  const [prompting, setPrompting] = useState(false);
  const [error, setError] = useState<AlertMessage | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const busy = prompting || checking || sending;

  const usePasskey = async (): Promise<void> => {
    if (busy || !challenge.passkeyOptions) return;
    setError(null);
    setPrompting(true);
    const signed = await signWithPasskey(challenge.passkeyOptions);
    setPrompting(false);
    if (!signed.ok) {
      setError(signed.reason === 'cancelled' ? CANCELLED : FAILED);
      buttonRef.current?.focus();
      return;
    }
    const result = await verify({ challengeToken: challenge.token, response: signed.responseJson });
    if (!result) return setError(UNREACHABLE);
    if (result.__typename === 'Authenticated') return onSignedIn(result.viewer);
    const view = describeProblem(result, 'code', 'passkey');
    if (view.wayForward === 'sign-in-again') return onRestart(view);
    setError(result.code === 'INVALID_CODE' ? { title: 'That passkey wasn’t accepted.', detail: view.detail } : view);
    buttonRef.current?.focus();
  };

  const textInstead = async (): Promise<void> => {
    if (busy) return;
    setError(null);
    const result = await resendCode({ challengeToken: challenge.token });
    if (!result) return setError(UNREACHABLE);
    // The new challenge is at VERIFY_CODE: the wizard shows the texted-code screen for it.
    if (result.__typename === 'CodeSent') return onChallenge(result.challenge);
    const view = describeProblem(result, 'resend');
    if (view.wayForward === 'sign-in-again') return onRestart(view);
    setError(view);
  };

  return (
    <section aria-labelledby="step-heading" className="step">
      <Heading id="step-heading">Use your passkey</Heading>
      <p className="lead">
        Confirm it’s you with the passkey you added for this portal: your device’s fingerprint, face or screen lock, or your security key.
      </p>
      <Alert tone="error" message={error} id={ERROR_ID} />
      <button
        ref={buttonRef}
        type="button"
        className="button button-primary button-block"
        onClick={() => void usePasskey()}
        disabled={busy}
        aria-describedby={error ? ERROR_ID : undefined}
      >
        {prompting ? 'Waiting for your passkey…' : checking ? 'Checking…' : 'Use my passkey'}
      </button>
      <div className="step-actions">
        <button type="button" className="button button-secondary" onClick={() => void textInstead()} disabled={busy}>
          {sending ? 'Sending…' : 'Text me a code instead'}
        </button>
      </div>
      <p className="step-aside">
        <button type="button" className="link-button" onClick={onUseRecoveryCode} disabled={busy}>
          Use a recovery code
        </button>
        <button type="button" className="link-button" onClick={() => onRestart(null)} disabled={checking}>
          Cancel and start over
        </button>
      </p>
    </section>
  );
}
