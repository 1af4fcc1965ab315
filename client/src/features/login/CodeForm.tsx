import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Alert, type AlertMessage } from '../../components/Alert';
import { CODE_LENGTH, CodeInput } from '../../components/CodeInput';
import { Heading } from '../../components/Heading';
import { formatClock } from '../../lib/format';
import { useSecondsLeft } from '../../lib/use-seconds-left';
import { describeProblem, UNREACHABLE, type ProblemView } from './problem-words';
import { useResendCode } from './sign-in.hooks';
import type { Challenge, Problem, StepEvents } from './wizard.types';
import { useWebOtp } from './use-web-otp';

/** What the screen's mutation made of a complete code. */
export type CodeCheck =
  | { readonly kind: 'accepted' } // the screen has told the wizard where to go next
  | { readonly kind: 'problem'; readonly problem: Problem }
  | { readonly kind: 'unreachable' };

/** A refused code (the step's Problem member), or no answer at all. */
export function refused(problem: Problem | null): CodeCheck {
  return problem ? { kind: 'problem', problem } : { kind: 'unreachable' };
}

/** What each code screen gets from the wizard. */
export interface CodeScreenProps extends Pick<StepEvents, 'onRestart'> {
  readonly challenge: Challenge;
  /** Each answer that carries a challenge replaces the one held: the newest token is the only one used. */
  readonly onChallenge: (challenge: Challenge) => void;
}

/** The words that tell the two code screens apart. */
export interface CodeFormWords {
  readonly heading: string;
  /** What the code is for, said after "We sent a code to …". */
  readonly instruction: string;
  readonly submitLabel: string;
  /** The app's screen: where the code is (replaces "We sent a code to …"), its field's label, and its way to a text. */
  readonly lead?: string;
  readonly inputLabel?: string;
  readonly resendLabel?: string;
}

interface Props extends CodeScreenProps {
  readonly words: CodeFormWords;
  /** Sends a complete code to the server (confirmCode or verifyOtp). */
  readonly check: (code: string) => Promise<CodeCheck>;
  /** The check is on its way. */
  readonly checking: boolean;
  /** Offered only while the number can still change (enrollment). */
  readonly onChangeNumber?: () => void;
  /** Offered at the sign-in's code steps: "Use a recovery code". */
  readonly onUseRecoveryCode?: () => void;
}

const ERROR_ID = 'code-error';
const HINT_ID = 'code-hint';
const MS_PER_SECOND = 1000;

/**
 * The code entry both code screens share: the code input (and the browser's WebOTP), "Send a new
 * code" with its countdown, the problem in words, and where focus goes after each answer.
 */
export function CodeForm(props: Props): ReactNode {
  const { challenge, onChallenge, onRestart, words, check, checking, onChangeNumber, onUseRecoveryCode } = props;
  const [code, setCode] = useState('');
  const [error, setError] = useState<(AlertMessage & Partial<ProblemView>) | null>(null);
  const [status, setStatus] = useState<AlertMessage | null>(null);
  const [blockedUntil, setBlockedUntil] = useState<Date | null>(null);
  const [resendCode, { loading: resending }] = useResendCode();
  const inputRef = useRef<HTMLInputElement>(null);
  const resendRef = useRef<HTMLButtonElement>(null);
  const busy = checking || resending;
  // Focus moves once the controls are enabled again (a disabled control cannot take it).
  const [focusNext, setFocusNext] = useState<'input' | 'resend' | null>(null);
  useEffect(() => {
    if (busy || !focusNext) return;
    (focusNext === 'resend' ? resendRef : inputRef).current?.focus();
    setFocusNext(null);
  }, [busy, focusNext]);

  const resendAt = latest(challenge.resendAvailableAt ? new Date(challenge.resendAvailableAt) : null, blockedUntil);
  const resendIn = useSecondsLeft(resendAt);

  const submit = async (value: string): Promise<void> => {
    if (busy) return;
    if (value.length !== CODE_LENGTH) {
      setError({ title: `Enter the ${CODE_LENGTH}-digit code.`, detail: words.lead ? 'Your authenticator app shows it.' : 'It is in the latest text message we sent you.' });
      setFocusNext('input');
      return;
    }
    setError(null);
    setStatus(null);
    const outcome = await check(value);
    if (outcome.kind === 'accepted') return;
    if (outcome.kind === 'unreachable') {
      setError(UNREACHABLE);
      return;
    }
    const view = describeProblem(outcome.problem, 'code', words.lead ? 'app' : 'text');
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
    const result = await resendCode({ challengeToken: challenge.token });
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
  return (
    <section aria-labelledby="step-heading" className="step">
      <Heading id="step-heading">{words.heading}</Heading>
      {words.lead ? (
        <p className="lead">{`${words.lead} ${words.instruction}`}</p>
      ) : (
        <p className="lead">
          We sent a {CODE_LENGTH}-digit code by text message to <strong className="nowrap">{phone}</strong>.{` ${words.instruction}`}
        </p>
      )}
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
          <label htmlFor="code">{words.inputLabel ?? 'Code from the text message'}</label>
          <CodeInput
            ref={inputRef}
            id="code"
            value={code}
            onChange={(digits) => {
              setCode(digits);
            }}
            onComplete={(digits) => void submit(digits)}
            disabled={resending}
            invalid={error !== null && error.code !== undefined}
            describedBy={[HINT_ID, error ? ERROR_ID : null].filter(Boolean).join(' ')}
          />
          <p className="hint" id={HINT_ID}>
            {CODE_LENGTH} digits. It is checked as soon as you type the last one.
          </p>
        </div>
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {checking ? 'Checking…' : words.submitLabel}
        </button>
      </form>
      <div className="step-actions">
        <button ref={resendRef} type="button" className="button button-secondary" onClick={() => void sendAgain()} disabled={busy || resendIn > 0}>
          {resending ? 'Sending…' : resendIn > 0 ? `Send a new code (${formatClock(resendIn)})` : (words.resendLabel ?? 'Send a new code')}
        </button>
      </div>
      <p className="step-aside">
        {onUseRecoveryCode ? (
          <button type="button" className="link-button" onClick={onUseRecoveryCode} disabled={busy}>
            Use a recovery code
          </button>
        ) : null}
        {onChangeNumber ? (
          <button type="button" className="link-button" onClick={onChangeNumber} disabled={busy}>
            Use a different number
          </button>
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
