import { useState, type FormEvent, type ReactNode } from 'react';
import { Alert, type AlertMessage } from '../../components/Alert';
import { Heading } from '../../components/Heading';
import { PhoneInput, formatAsTyped, initialPhone, phoneForServer, type PhoneValue } from '../../components/PhoneInput';
import { describeProblem, UNREACHABLE } from './problem-words';
import { useEnrollPhone } from './sign-in.hooks';
import type { Challenge, StepEvents } from './wizard.types';

interface Props extends Pick<StepEvents, 'onRestart'> {
  readonly challenge: Challenge;
  /** The number typed before, when coming back to correct it. */
  readonly phoneText: string;
  /** The portal's SMS countries; null: every country (the server still checks). */
  readonly countries: readonly string[] | null;
  readonly onCodeSent: (challenge: Challenge, phoneText: string) => void;
}

const ERROR_ID = 'enroll-error';
const HINT_ID = 'enroll-hint';

/** Enrollment, step 1: the mobile number codes will go to. */
export function EnrollStep({ challenge, phoneText, countries, onCodeSent, onRestart }: Props): ReactNode {
  const [phone, setPhone] = useState<PhoneValue>(() => {
    const start = initialPhone(countries);
    return phoneText ? formatAsTyped(phoneText, start.country) : start;
  });
  const [error, setError] = useState<AlertMessage | null>(null);
  const [invalid, setInvalid] = useState(false);
  const [enroll, { loading }] = useEnrollPhone();
  const correcting = challenge.step === 'CONFIRM_ENROLLMENT';

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (loading) return;
    if (phone.text.replace(/\D/g, '').length === 0) {
      setInvalid(true);
      setError({ title: 'Enter your mobile number.' });
      document.getElementById('enroll-phone-number')?.focus();
      return;
    }
    setError(null);
    const result = await enroll({ challengeToken: challenge.token, phoneNumber: phoneForServer(phone) });
    if (!result) return setError(UNREACHABLE);
    if (result.__typename === 'CodeSent') return onCodeSent(result.challenge, phone.text);
    const view = describeProblem(result, 'enroll');
    if (view.wayForward === 'sign-in-again') return onRestart(view);
    setInvalid(result.code === 'INVALID_PHONE_NUMBER');
    setError(view);
    document.getElementById('enroll-phone-number')?.focus();
  };

  return (
    <section aria-labelledby="step-heading" className="step">
      <Heading id="step-heading">{correcting ? 'Use a different number' : 'Add your mobile phone'}</Heading>
      <p className="lead">
        {correcting
          ? 'Enter the mobile number you want your codes sent to. We will text a new code to it.'
          : 'This portal protects your account with a code sent by text message each time you sign in. Enter the mobile number where you want to receive your codes.'}
      </p>
      <Alert tone="error" message={error} id={ERROR_ID} />
      <form onSubmit={submit} noValidate className="form">
        <PhoneInput
          idPrefix="enroll-phone"
          countries={countries}
          value={phone}
          onChange={(v) => {
            setPhone(v);
            setInvalid(false);
          }}
          disabled={loading}
          invalid={invalid}
          describedBy={[HINT_ID, error ? ERROR_ID : null].filter(Boolean).join(' ')}
        />
        <p className="hint" id={HINT_ID}>
          A mobile number that can receive text messages. Message and data rates may apply.
        </p>
        <button type="submit" className="button button-primary button-block" disabled={loading}>
          {loading ? 'Sending code…' : 'Text me a code'}
        </button>
      </form>
      <p className="step-aside">
        <button type="button" className="link-button" onClick={() => onRestart(null)}>
          Cancel and start over
        </button>
      </p>
    </section>
  );
}
