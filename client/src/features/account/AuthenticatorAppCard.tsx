import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent, type ReactNode } from 'react';
import type { ViewerData } from '../../apollo/viewer';
import { ViewerDocument } from '../../apollo/viewer.operations';
import { Alert, type AlertMessage } from '../../components/Alert';
import { CODE_LENGTH, CodeInput } from '../../components/CodeInput';
import { formatDateTime } from '../../lib/format';
import type { StartAuthenticatorAppMutation } from '../../gql/graphql';
import { describeProblem } from '../login/problem-words';
import { ConfirmAuthenticatorAppDocument, RemoveAuthenticatorAppDocument, StartAuthenticatorAppDocument } from './account.operations';

type Setup = Extract<StartAuthenticatorAppMutation['startAuthenticatorApp'], { __typename: 'AuthenticatorAppSetup' }>;

const UNREACHABLE: AlertMessage = { title: 'We couldn’t reach the server.', detail: 'Check your connection and try again.' };
const REFRESH = { refetchQueries: [{ query: ViewerDocument }], awaitRefetchQueries: true };

/** The secret in groups of four, as apps show it for typing by hand. */
function grouped(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

/**
 * The account page's authenticator app: add one (QR code, or the secret typed by hand, then one code
 * from the app to confirm it) or remove it. Offered only where the portal offers apps, to a customer
 * whose phone is enrolled. The secret is in this answer only; the server never shows it again.
 */
export function AuthenticatorAppCard({ viewer }: { readonly viewer: ViewerData }): ReactNode {
  const twoFactor = viewer.customer?.twoFactor;
  const hasApp = twoFactor?.factors.includes('TOTP') ?? false;
  const [setup, setSetup] = useState<Setup | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<AlertMessage | null>(null);
  const [status, setStatus] = useState<AlertMessage | null>(null);
  // no-cache: the secret and its QR code are never written to the Apollo cache.
  const [start, { loading: starting }] = useMutation(StartAuthenticatorAppDocument, { fetchPolicy: 'no-cache' });
  const [confirm, { loading: confirming }] = useMutation(ConfirmAuthenticatorAppDocument, REFRESH);
  const [remove, { loading: removing }] = useMutation(RemoveAuthenticatorAppDocument, REFRESH);

  if (!viewer.portal.secondFactors.includes('TOTP') || twoFactor?.status !== 'ENROLLED') return null;

  const onStart = async (): Promise<void> => {
    setError(null);
    setStatus(null);
    try {
      const r = (await start()).data?.startAuthenticatorApp;
      if (r?.__typename === 'AuthenticatorAppSetup') setSetup(r);
      else setError(r ? describeProblem(r, 'code') : UNREACHABLE);
    } catch {
      setError(UNREACHABLE);
    }
  };

  const onConfirm = async (value: string): Promise<void> => {
    if (confirming) return;
    if (value.length !== CODE_LENGTH) {
      setError({ title: `Enter the ${CODE_LENGTH}-digit code your app shows.` });
      return;
    }
    setError(null);
    try {
      const r = (await confirm({ variables: { code: value } })).data?.confirmAuthenticatorApp;
      if (r?.__typename === 'AccountFactors') {
        setSetup(null);
        setCode('');
        setStatus({ title: 'Your authenticator app is added.', detail: 'From your next sign-in, we ask for the app’s code first.' });
        return;
      }
      setCode('');
      if (!r) return setError(UNREACHABLE);
      if (r.code === 'TOO_MANY_ATTEMPTS') {
        setSetup(null);
        return setError({ title: 'Too many wrong codes.', detail: 'Start again: choose “Add an authenticator app” and scan the new code.' });
      }
      const left = r.attemptsRemaining;
      setError({ title: 'That code isn’t right.', detail: `Check that the app's clock is right and enter the code it shows now.${left !== null && left !== undefined ? ` ${left} tries left.` : ''}` });
    } catch {
      setError(UNREACHABLE);
    }
  };

  const onRemove = async (): Promise<void> => {
    setError(null);
    try {
      const r = (await remove()).data?.removeAuthenticatorApp;
      if (r?.__typename === 'AccountFactors') setStatus({ title: 'Your authenticator app is removed.', detail: 'Sign-ins ask for a texted code again.' });
      else setError(r ? describeProblem(r, 'code') : UNREACHABLE);
    } catch {
      setError(UNREACHABLE);
    }
  };

  return (
    <section className="card" aria-labelledby="app-heading">
      <div className="card-header">
        <h2 id="app-heading">Authenticator app</h2>
        <span className={`badge ${hasApp ? 'badge-good' : 'badge-neutral'}`}>{hasApp ? 'Added' : 'Not added'}</span>
      </div>
      <Alert tone="status" message={status} />
      <Alert tone="error" message={error} id="app-error" />
      {hasApp ? (
        <>
          <p className="muted">
            Added on {formatDateTime(twoFactor?.authenticatorAppAddedAt)}. Each sign-in asks for the app’s code first; you can still choose to get a text.
          </p>
          <button type="button" className="button button-secondary" onClick={() => void onRemove()} disabled={removing}>
            {removing ? 'Removing…' : 'Remove the app'}
          </button>
        </>
      ) : setup ? (
        <form
          className="form"
          noValidate
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            void onConfirm(code);
          }}
        >
          <p>Scan this QR code with your authenticator app, or type the key below into it. Then enter the code the app shows.</p>
          <div className="qr-code" role="img" aria-label="QR code to add this portal to your authenticator app" dangerouslySetInnerHTML={{ __html: setup.qrCodeSvg }} />
          <p>
            Key for typing by hand: <code className="app-secret" data-testid="app-secret">{grouped(setup.secret)}</code>
          </p>
          <div className="field">
            <label htmlFor="app-code">Code from the app</label>
            <CodeInput id="app-code" value={code} onChange={setCode} onComplete={(digits) => void onConfirm(digits)} disabled={confirming} invalid={error !== null} describedBy={error ? 'app-error' : undefined} />
          </div>
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={confirming}>
              {confirming ? 'Checking…' : 'Confirm the app'}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setSetup(null)} disabled={confirming}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <>
          <p className="muted">Use an app such as an authenticator on your phone instead of waiting for a text message.</p>
          <button type="button" className="button button-secondary" onClick={() => void onStart()} disabled={starting}>
            {starting ? 'Preparing…' : 'Add an authenticator app'}
          </button>
        </>
      )}
    </section>
  );
}
