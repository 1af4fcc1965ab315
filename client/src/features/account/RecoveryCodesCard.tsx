import { useMutation } from '@apollo/client/react';
import { useState, type ReactNode } from 'react';
import type { ViewerData } from '../../apollo/viewer';
import { ViewerDocument } from '../../apollo/viewer.operations';
import { Alert, type AlertMessage } from '../../components/Alert';
import { RecoveryCodeList } from '../../components/RecoveryCodeList';
import { describeProblem } from '../login/problem-words';
import { NewRecoveryCodesDocument } from './account.operations';

/** The server's RECOVERY_CODES_LOW: at this many or fewer, the page says so. */
const LOW = 3;

/** How many recovery codes are left, a warning when few are, and a new set (the old one stops) shown once. */
export function RecoveryCodesCard({ viewer }: { readonly viewer: ViewerData }): ReactNode {
  const twoFactor = viewer.customer?.twoFactor;
  const [codes, setCodes] = useState<readonly string[] | null>(null);
  const [error, setError] = useState<AlertMessage | null>(null);
  // no-cache: the codes are never written to the Apollo cache; the count is read again.
  const [make, { loading }] = useMutation(NewRecoveryCodesDocument, { fetchPolicy: 'no-cache', refetchQueries: [{ query: ViewerDocument }] });
  if (twoFactor?.status !== 'ENROLLED') return null;
  const left = twoFactor.recoveryCodesRemaining;

  const onMake = async (): Promise<void> => {
    setError(null);
    try {
      const r = (await make()).data?.newRecoveryCodes;
      if (r?.__typename === 'RecoveryCodeSet') setCodes(r.codes);
      else setError(r ? describeProblem(r, 'code') : { title: 'We couldn’t reach the server.', detail: 'Check your connection and try again.' });
    } catch {
      setError({ title: 'We couldn’t reach the server.', detail: 'Check your connection and try again.' });
    }
  };

  return (
    <section className="card" aria-labelledby="recovery-heading">
      <div className="card-header">
        <h2 id="recovery-heading">Recovery codes</h2>
        <span className={`badge ${left > LOW ? 'badge-good' : 'badge-warn'}`}>{left} left</span>
      </div>
      <Alert tone="error" message={error} />
      {codes ? (
        <>
          <p>Your new recovery codes. Save them now: they are shown only this once, and your old codes no longer work.</p>
          <RecoveryCodeList codes={codes} portalSlug={viewer.portal.slug} />
          <button type="button" className="button button-secondary" onClick={() => setCodes(null)}>
            Done
          </button>
        </>
      ) : (
        <>
          {left <= LOW ? (
            <div className="notice" role="note">
              <p className="notice-title">{left === 0 ? 'You have no recovery codes left.' : `Only ${left} recovery ${left === 1 ? 'code is' : 'codes are'} left.`}</p>
              <p>Make a new set so that you can still sign in if you lose your phone.</p>
            </div>
          ) : (
            <p className="muted">Each code signs you in once when you cannot get a code. Making a new set stops the old one.</p>
          )}
          <button type="button" className="button button-secondary" onClick={() => void onMake()} disabled={loading}>
            {loading ? 'Making…' : 'Make new recovery codes'}
          </button>
        </>
      )}
    </section>
  );
}
