import { useMutation } from '@apollo/client/react';
import { Fragment, useState, type FormEvent, type ReactNode } from 'react';
import { Alert, type AlertMessage } from '../../components/Alert';
import type { PolicyFieldsFragment, SecondFactor } from '../../gql/graphql';
import { SetSecondFactorsDocument } from './admin.operations';

/** The factors a Master Admin can offer besides SMS, in words. */
const OPTIONAL: ReadonlyArray<{ factor: SecondFactor; label: string; hint: string }> = [
  {
    factor: 'TOTP',
    label: 'Authenticator app (TOTP)',
    hint: 'Customers who enrolled a phone may add an app from their account page; it is then asked for first, with a text as the fallback.',
  },
  {
    factor: 'PASSKEY',
    label: 'Passkey',
    hint: 'Customers who enrolled a phone may add a passkey (their device’s screen lock or a security key) from their account page; at sign-in it replaces the code, with a text as the fallback.',
  },
];

export function factorWords(factors: readonly SecondFactor[]): string {
  return factors.map((f) => (f === 'SMS' ? 'SMS' : f === 'TOTP' ? 'authenticator app' : f === 'PASSKEY' ? 'passkey' : f)).join(', ');
}

/**
 * Under "Two Factor Authentication": which second factors customers may use. SMS is always on while the
 * policy is; the rest are check boxes. Saving the stored choice again changes nothing.
 */
export function SecondFactorsForm({ policy }: { readonly policy: PolicyFieldsFragment }): ReactNode {
  const [chosen, setChosen] = useState<ReadonlySet<SecondFactor> | null>(null);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: AlertMessage } | null>(null);
  const [save, { loading }] = useMutation(SetSecondFactorsDocument);
  const current = chosen ?? new Set(policy.factors);

  const toggle = (f: SecondFactor, on: boolean): void => {
    const next = new Set(current);
    if (on) next.add(f);
    else next.delete(f);
    setChosen(next);
  };

  const onSave = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setMessage(null);
    try {
      const saved = (await save({ variables: { factors: ['SMS', ...OPTIONAL.map((o) => o.factor).filter((f) => current.has(f))] } })).data?.setSecondFactors;
      setChosen(null);
      if (saved) setMessage({ tone: 'success', text: { title: `Customers may use: ${factorWords(saved.factors)}.` } });
    } catch {
      setMessage({ tone: 'error', text: { title: 'The change was not saved.', detail: 'We couldn’t reach the server, or your session ended. Try again.' } });
    }
  };

  return (
    <form className="form" onSubmit={(e) => void onSave(e)} aria-labelledby="factors-legend">
      <fieldset className="fieldset">
        <legend id="factors-legend">Second factors customers may use</legend>
        <div className="checkbox">
          <input id="factor-SMS" type="checkbox" checked disabled aria-describedby="factor-SMS-hint" />
          <label htmlFor="factor-SMS">SMS text message</label>
        </div>
        <p className="hint checkbox-hint" id="factor-SMS-hint">
          Always on while two-factor authentication is: every customer enrolls a phone first.
        </p>
        {OPTIONAL.map((o) => (
          <Fragment key={o.factor}>
            <div className="checkbox">
              <input
                id={`factor-${o.factor}`}
                type="checkbox"
                checked={current.has(o.factor)}
                onChange={(e) => toggle(o.factor, e.target.checked)}
                aria-describedby={`factor-${o.factor}-hint`}
              />
              <label htmlFor={`factor-${o.factor}`}>{o.label}</label>
            </div>
            <p className="hint checkbox-hint" id={`factor-${o.factor}-hint`}>
              {o.hint}
            </p>
          </Fragment>
        ))}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={loading}>
          Save second factors
        </button>
      </div>
      <Alert tone="error" message={message?.tone === 'error' ? message.text : null} />
      <Alert tone="success" message={message?.tone === 'success' ? message.text : null} />
    </form>
  );
}
