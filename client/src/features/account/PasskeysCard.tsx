import { useMutation } from '@apollo/client/react';
import { useState, type ReactNode } from 'react';
import type { ViewerData } from '../../apollo/viewer';
import { ViewerDocument } from '../../apollo/viewer.operations';
import { Alert, type AlertMessage } from '../../components/Alert';
import { formatDateTime } from '../../lib/format';
import { createPasskey, passkeysSupported } from '../../lib/passkeys';
import { describeProblem } from '../login/problem-words';
import { AddPasskeyDocument, RemovePasskeyDocument, StartPasskeyDocument } from './account.operations';

const UNREACHABLE: AlertMessage = { title: 'We couldn’t reach the server.', detail: 'Check your connection and try again.' };
const REFRESH = { refetchQueries: [{ query: ViewerDocument }], awaitRefetchQueries: true };

const CEREMONY_WORDS: Record<'cancelled' | 'already-added' | 'failed', AlertMessage> = {
  cancelled: { title: 'No passkey was added.', detail: 'The prompt was closed or timed out. Choose “Add a passkey” to try again.' },
  'already-added': { title: 'This device already has a passkey for this portal.', detail: 'It is in the list below; there is no need to add it again.' },
  failed: { title: 'This device couldn’t make a passkey.', detail: 'Try again, or use another device or a security key.' },
};

/**
 * The account page's passkeys: add one (the browser makes a WebAuthn credential for the options of
 * startPasskey, the server checks it in addPasskey), see when each was added and last used, remove one.
 * Offered where the portal offers passkeys, to a customer whose phone is enrolled.
 */
export function PasskeysCard({ viewer }: { readonly viewer: ViewerData }): ReactNode {
  const twoFactor = viewer.customer?.twoFactor;
  const passkeys = twoFactor?.passkeys ?? [];
  const [error, setError] = useState<AlertMessage | null>(null);
  const [status, setStatus] = useState<AlertMessage | null>(null);
  const [adding, setAdding] = useState(false);
  const [start] = useMutation(StartPasskeyDocument, { fetchPolicy: 'no-cache' });
  const [add] = useMutation(AddPasskeyDocument, REFRESH);
  const [remove, { loading: removing }] = useMutation(RemovePasskeyDocument, REFRESH);

  if (!viewer.portal.secondFactors.includes('PASSKEY') || twoFactor?.status !== 'ENROLLED') return null;
  const supported = passkeysSupported();

  const onAdd = async (): Promise<void> => {
    if (adding) return;
    setError(null);
    setStatus(null);
    setAdding(true);
    try {
      const started = (await start()).data?.startPasskey;
      if (started?.__typename !== 'PasskeySetup') return setError(started ? describeProblem(started, 'code') : UNREACHABLE);
      const made = await createPasskey(started.optionsJson);
      if (!made.ok) return setError(CEREMONY_WORDS[made.reason]);
      const r = (await add({ variables: { response: made.responseJson } })).data?.addPasskey;
      if (r?.__typename === 'AccountFactors') {
        setStatus({ title: 'Your passkey is added.', detail: 'From your next sign-in, we ask for it in place of a code.' });
        return;
      }
      if (!r) return setError(UNREACHABLE);
      setError(
        r.code === 'INVALID_CODE' || r.code === 'CHALLENGE_INVALID'
          ? { title: 'That passkey couldn’t be added.', detail: 'Choose “Add a passkey” to try again.' }
          : describeProblem(r, 'code'),
      );
    } catch {
      setError(UNREACHABLE);
    } finally {
      setAdding(false);
    }
  };

  const onRemove = async (id: string): Promise<void> => {
    setError(null);
    setStatus(null);
    try {
      const r = (await remove({ variables: { id } })).data?.removePasskey;
      if (r?.__typename === 'AccountFactors') {
        setStatus({ title: 'The passkey is removed.', detail: r.passkeys.length ? 'Your other passkeys still work.' : 'Sign-ins ask for a code again.' });
      } else setError(r ? describeProblem(r, 'code') : UNREACHABLE);
    } catch {
      setError(UNREACHABLE);
    }
  };

  return (
    <section className="card" aria-labelledby="passkeys-heading">
      <div className="card-header">
        <h2 id="passkeys-heading">Passkeys</h2>
        <span className={`badge ${passkeys.length ? 'badge-good' : 'badge-neutral'}`}>{passkeys.length ? `${passkeys.length} added` : 'None added'}</span>
      </div>
      <Alert tone="status" message={status} />
      <Alert tone="error" message={error} id="passkey-error" />
      <p className="muted">
        A passkey lets you confirm sign-ins with your device’s fingerprint, face or screen lock, or with a security key, in place of a texted code. You can still
        choose to get a text.
      </p>
      {passkeys.length ? (
        <ul className="passkey-list" aria-label="Your passkeys">
          {passkeys.map((k, i) => (
            <li key={k.id} className="passkey-item">
              <div>
                <p className="passkey-name">
                  Passkey {i + 1}
                  {k.synced ? <span className="muted"> · synced between your devices</span> : null}
                </p>
                <p className="muted">
                  Added {formatDateTime(k.createdAt)}
                  {k.lastUsedAt ? ` · last used ${formatDateTime(k.lastUsedAt)}` : ' · not used yet'}
                </p>
              </div>
              <button
                type="button"
                className="button button-secondary"
                onClick={() => void onRemove(k.id)}
                disabled={removing}
                aria-label={`Remove passkey ${i + 1}, added ${formatDateTime(k.createdAt)}`}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {supported ? (
        <button type="button" className="button button-secondary" onClick={() => void onAdd()} disabled={adding}>
          {adding ? 'Waiting for your device…' : 'Add a passkey'}
        </button>
      ) : (
        <p className="muted">This browser can’t make passkeys. Open this page in a current browser to add one.</p>
      )}
    </section>
  );
}
