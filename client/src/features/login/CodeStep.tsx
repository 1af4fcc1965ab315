import { useMutation } from '@apollo/client/react';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Alert, type AlertMessage } from '../../components/Alert';
import { CODE_LENGTH, CodeInput } from '../../components/CodeInput';
import { Heading } from '../../components/Heading';
import { formatClock } from '../../lib/format';
import { useSecondsLeft } from '../../lib/use-seconds-left';
import { ConfirmCodeDocument, ResendCodeDocument, VerifyOtpDocument } from './login.operations';
import { describeProblem, UNREACHABLE, type ProblemView } from './problem-words';
import type { Challenge, Problem, StepEvents } from './wizard.types';
import { useWebOtp } from './use-web-otp';

interface Props extends StepEvents {
  /** confirm: the enrollment code (then sign in again); verify: the sign-in code (then signed in). */
  readonly purpose: 'confirm' | 'verify';
  readonly challenge: Challenge;
  /** Each answer that carries a challenge replaces the one held: the newest token is the only one used. */
  readonly onChallenge: (challenge: Challenge) => void;
  readonly onConfirmed: () => void;
  readonly onChangeNumber: () => void;
}

const ERROR_ID = 'code-error';
const HINT_ID = 'code-hint';
const MS_PER_SECOND = 1000;

type Outcome = { kind: 'signed-in' } | { kind: 'confirmed' } | { kind: 'problem'; problem: Problem } | { kind: 'unreachable' };

/** The code step, for enrollment (confirmCode) and for sign-in (verifyOtp). */
export function CodeStep(props: Props): ReactNode {
  const { purpose, challenge, onChallenge, onConfirmed, onChangeNumber, onRestart, onSignedIn } = props;
  const [code, setCode] = useState('');
  const [error, setError] = useState<(AlertMessage & Partial<ProblemView>) | null>(null);
  const [status, setStatus] = useState<AlertMessage | null>(null);
  const [blockedUntil, setBlockedUntil] = useState<Date | null>(null);
  const [confirm, confirmState] = useMutation(ConfirmCodeDocument);
  const [verify, verifyState] = useMutation(VerifyOtpDocument);
  const [resend, resendState] = useMutation(ResendCodeDocument);
  const inputRef = useRef<HTMLInputElement>(null);
  const resendRef = useRef<HTMLButtonElement>(null);
  const checking = confirmState.loading || verifyState.loading;
  const busy = checking || resendState.loading;
  // Focus moves once the controls are enabled again (a disabled control cannot take it).
  const [focusNext, setFocusNext] = useState<'input' | 'resend' | null>(null);
  useEffect(() => {
    if (busy || !focusNext) return;
    (focusNext === 'resend' ? resendRef : inputRef).current?.focus();
    setFocusNext(null);
  }, [busy, focusNext]);

  const resendAt = latest(challenge.resendAvailableAt ? new Date(challenge.resendAvailableAt) : null, blockedUntil);
  const resendIn = useSecondsLeft(resendAt);

  const check = async (value: string): Promise<Outcome> => {
    const input = { challengeToken: challenge.token, code: value };
    try {
      if (purpose === 'confirm') {
        const result = (await confirm({ variables: { input } })).data?.confirmCode;
        if (!result) return { kind: 'unreachable' };
        return result.__typename === 'ReloginRequired' ? { kind: 'confirmed' } : { kind: 'problem', problem: result };
      }
      const result = (await verify({ variables: { input } })).data?.verifyOtp;
      if (!result) return { kind: 'unreachable' };
      if (result.__typename === 'Authenticated') {
        onSignedIn(result.viewer);
        return { kind: 'signed-in' };
      }
      return { kind: 'problem', problem: result };
    } catch {
      return { kind: 'unreachable' };
    }
  };

  const submit = async (value: string): Promise<void> => {
    if (busy) return;
    if (value.length !== CODE_LENGTH) {
      setError({ title: `Enter the ${CODE_LENGTH}-digit code.`, detail: 'It is in the latest text message we sent you.' });
      setFocusNext('input');
      return;
    }
    setError(null);
    setStatus(null);
    const outcome = await check(value);
    if (outcome.kind === 'signed-in') return;
    if (outcome.kind === 'confirmed') return onConfirmed();
    if (outcome.kind === 'unreachable') {
      setError(UNREACHABLE);
      return;
    }
    const view = describeProblem(outcome.problem, 'code');
    if (view.wayForward === 'sign-in-again') return onRestart(view);
    setError(view);
    setCode('');
    setFocusNext(view.wayForward === 'new-code' && resendIn === 0 ? 'resend' : 'input');
  };

  const submitRef = useRef(submit);
  submitRef.current = submit;
  useWebOtp(challenge.token, (otp) => {
    setCode(otp);
    void submitRef.current(otp);
  });

  const sendAgain = async (): Promise<void> => {
    if (busy || resendIn > 0) return;
    setError(null);
    setStatus(null);
    let result;
    try {
      result = (await resend({ variables: { input: { challengeToken: challenge.token } } })).data?.resendCode;
    } catch {
      setError(UNREACHABLE);
      return;
    }
    if (!result) return setError(UNREACHABLE);
    if (result.__typename === 'CodeSent') {
      onChallenge(result.challenge);
      setCode('');
      setStatus({ title: `We sent a new code to ${result.challenge.maskedPhone ?? 'your phone'}.`, detail: 'Codes sent before it no longer work.' });
      setFocusNext('input');
      return;
    }
    const view = describeProblem(result, 'resend');
    if (view.wayForward === 'sign-in-again') return onRestart(view);
    if (result.retryAfterSeconds) setBlockedUntil(new Date(Date.now() + result.retryAfterSeconds * MS_PER_SECOND));
    setError(view);
  };

  useEffect(() => {
    setBlockedUntil(null);
  }, [challenge.token]);

  const phone = challenge.maskedPhone ?? 'your phone';
  const confirming = purpose === 'confirm';
  return (
    <section aria-labelledby="step-heading" className="step">
      <Heading id="step-heading">{confirming ? 'Confirm your phone' : 'Enter your sign-in code'}</Heading>
      <p className="lead">
        We sent a {CODE_LENGTH}-digit code by text message to <strong className="nowrap">{phone}</strong>.
        {confirming ? ' Enter it to confirm this is your phone.' : ' Enter it to finish signing in.'}
      </p>
      <Alert tone="status" message={status} />
      <Alert tone="error" message={error} id={ERROR_ID} />
      <form
        className="form"
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void submit(code);
        }}
      >
        <div className="field">
          <label htmlFor="code">Code from the text message</label>
          <CodeInput
            ref={inputRef}
            id="code"
            value={code}
            onChange={(digits) => {
              setCode(digits);
            }}
            onComplete={(digits) => void submit(digits)}
            disabled={resendState.loading}
            invalid={error !== null && error.code !== undefined}
            describedBy={[HINT_ID, error ? ERROR_ID : null].filter(Boolean).join(' ')}
          />
          <p className="hint" id={HINT_ID}>
            {CODE_LENGTH} digits. It is checked as soon as you type the last one.
          </p>
        </div>
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {checking ? 'Checking…' : confirming ? 'Confirm phone' : 'Sign in'}
        </button>
      </form>
      <div className="step-actions">
        <button ref={resendRef} type="button" className="button button-secondary" onClick={() => void sendAgain()} disabled={busy || resendIn > 0}>
          {resendState.loading ? 'Sending…' : resendIn > 0 ? `Send a new code (${formatClock(resendIn)})` : 'Send a new code'}
        </button>
      </div>
      <p className="step-aside">
        {confirming ? (
          <>
            <button type="button" className="link-button" onClick={onChangeNumber} disabled={busy}>
              Use a different number
            </button>
            <span aria-hidden="true"> · </span>
          </>
        ) : null}
        <button type="button" className="link-button" onClick={() => onRestart(null)} disabled={checking}>
          Cancel and start over
        </button>
      </p>
    </section>
  );
}

function latest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}
