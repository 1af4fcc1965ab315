import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Alert, type AlertMessage } from '../../components/Alert';
import type { PolicyFieldsFragment } from '../../gql/graphql';
import { plural } from '../../lib/format';
import { SetEnrollmentGraceDaysDocument } from './admin.operations';

/** The server's bounds (README, Enrollment grace period). */
const MAX_DAYS = 30;

/**
 * Under "Two Factor Authentication", for a Master Admin: for how many days after the policy is turned
 * on customers may choose "Remind me later". 0 keeps the forced enrollment at the next login.
 */
export function EnrollmentGraceForm({ policy }: { readonly policy: PolicyFieldsFragment }): ReactNode {
  const [text, setText] = useState<string | null>(null);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: AlertMessage } | null>(null);
  const [save, { loading }] = useMutation(SetEnrollmentGraceDaysDocument);
  const value = text ?? String(policy.enrollmentGraceDays);

  const onSave = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setMessage(null);
    const days = Number(value);
    if (!/^\d+$/.test(value.trim()) || days > MAX_DAYS) {
      setMessage({ tone: 'error', text: { title: `Enter a whole number of days from 0 to ${MAX_DAYS}.` } });
      return;
    }
    try {
      const saved = (await save({ variables: { days } })).data?.setEnrollmentGraceDays;
      setText(null);
      if (saved) {
        const title = saved.enrollmentGraceDays === 0
          ? 'No grace period: customers must enroll at their next login.'
          : `Customers may postpone enrolling for up to ${plural(saved.enrollmentGraceDays, 'day', 'days')} after two-factor authentication is turned on.`;
        setMessage({ tone: 'success', text: { title } });
      }
    } catch {
      setMessage({ tone: 'error', text: { title: 'The change was not saved.', detail: 'We couldn’t reach the server, or your session ended. Try again.' } });
    }
  };

  return (
    <form className="form" onSubmit={(e) => void onSave(e)} noValidate>
      <div className="field">
        <label htmlFor="grace-days">Customers may postpone enrolling for up to (days)</label>
        <input
          id="grace-days"
          className="input-days"
          type="number"
          inputMode="numeric"
          min={0}
          max={MAX_DAYS}
          step={1}
          value={value}
          onChange={(e) => setText(e.target.value)}
          aria-describedby="grace-days-hint"
        />
        <p className="hint" id="grace-days-hint">
          0 to {MAX_DAYS}. Counted from when two-factor authentication is turned on (turning it off and on starts it again). Until then a customer
          who has not enrolled may choose “Remind me later” and sign in with their password; after it, enrolling is required. 0: required at once.
        </p>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={loading}>
          Save grace period
        </button>
      </div>
      <Alert tone="error" message={message?.tone === 'error' ? message.text : null} />
      <Alert tone="success" message={message?.tone === 'success' ? message.text : null} />
    </form>
  );
}
