import { useQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import type { ViewerData } from '../../apollo/viewer';
import { Alert, type AlertMessage } from '../../components/Alert';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Heading } from '../../components/Heading';
import { errorCode, QueryProblem } from '../../components/QueryProblem';
import { formatDateTime } from '../../lib/format';
import { useSetTwoFactorPolicy } from './admin.hooks';
import { TwoFactorPolicyDocument } from './admin.operations';
import { Breadcrumbs } from './AdminLayout';
import { graceSummary, policyChangeWords, policySummary } from './policy-words';
import { factorWords, SecondFactorsForm } from './SecondFactorsForm';
import { EnrollmentGraceForm } from './EnrollmentGraceForm';

/** Settings › Configurations › Client Users, with the "Two Factor Authentication" section. */
export function ClientUsersPage({ viewer }: { readonly viewer: ViewerData }): ReactNode {
  const { portal = '' } = useParams();
  const { data, error, loading } = useQuery(TwoFactorPolicyDocument, { fetchPolicy: 'cache-and-network' });
  const [expanded, setExpanded] = useState(false);
  const [choice, setChoice] = useState<boolean | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<{ tone: 'success' | 'error' | 'status'; text: AlertMessage } | null>(null);
  const [save, { loading: saving }] = useSetTwoFactorPolicy();
  const sectionId = useId();
  const policy = data?.twoFactorPolicy;
  const masterAdmin = viewer.profile?.masterAdmin === true;
  const checked = choice ?? policy?.enabled ?? false;

  const onSave = (e: FormEvent): void => {
    e.preventDefault();
    if (!policy) return;
    if (checked === policy.enabled) {
      setMessage({ tone: 'status', text: { title: 'No changes to save.' } });
      return;
    }
    setMessage(null);
    setConfirming(true);
  };

  const onConfirm = async (): Promise<void> => {
    try {
      const saved = await save(checked);
      setConfirming(false);
      setChoice(null);
      if (saved) {
        setMessage({
          tone: 'success',
          text: saved.enabled
            ? { title: 'Two-factor authentication is on.', detail: 'Customers will be asked to enroll a phone, or for a code, at their next login.' }
            : { title: 'Two-factor authentication is off.', detail: 'Customers sign in with their password only.' },
        });
      }
    } catch (err) {
      setConfirming(false);
      setMessage({ tone: 'error', text: { title: 'The change was not saved.', detail: saveFailure(err) } });
    }
  };

  return (
    <>
      <Breadcrumbs
        items={[{ label: 'Settings' }, { label: 'Configurations' }, { label: 'Client Users' }]}
      />
      <Heading>Client Users</Heading>
      <p className="lead">How your customers (client users) sign in to {viewer.portal.name}.</p>
      {error && !policy ? <QueryProblem error={error} what="the two-factor setting" /> : null}

      <section className="panel">
        <h2 className="panel-heading">
          <button
            type="button"
            className="disclosure"
            aria-expanded={expanded}
            aria-controls={sectionId}
            onClick={() => setExpanded((x) => !x)}
          >
            <span className="disclosure-icon" aria-hidden="true" />
            Two Factor Authentication
            {policy ? <span className={`badge ${policy.enabled ? 'badge-good' : 'badge-neutral'}`}>{policy.enabled ? 'On' : 'Off'}</span> : null}
          </button>
        </h2>
        <div id={sectionId} className="panel-body" hidden={!expanded}>
          <p>
            Secure your customers’ logins with a one-time code sent by SMS text message. When this is on, every customer enrolls a mobile phone at
            their next login, and each login after that asks for a code.
          </p>
          {loading && !policy ? <p className="muted">Loading…</p> : null}
          {policy ? (
            <p className="policy-state">
              <span className="muted">Currently:</span> {policySummary(policy)}
              {policy.updatedAt ? <span className="muted"> Last changed {formatDateTime(policy.updatedAt)}.</span> : null}
            </p>
          ) : null}
          {policy ? (
            <p className="policy-state">
              <span className="muted">Second factors:</span> {factorWords(policy.factors)}.
            </p>
          ) : null}
          {policy ? (
            <p className="policy-state" id="grace-state">
              <span className="muted">Grace period:</span> {graceSummary(policy)}
            </p>
          ) : null}
          {policy && masterAdmin ? (
            <form onSubmit={onSave} className="form">
              <div className="checkbox">
                <input id="two-factor-enabled" type="checkbox" checked={checked} onChange={(e) => setChoice(e.target.checked)} aria-describedby="two-factor-enabled-hint" />
                <label htmlFor="two-factor-enabled">Require SMS two-factor authentication for all customers</label>
              </div>
              <p className="hint checkbox-hint" id="two-factor-enabled-hint">
                {checked === policy.enabled ? 'Change the check box, then save.' : policyChangeWords(policy, checked)[0]}
              </p>
              <div className="form-actions">
                <button type="submit" className="button button-primary" disabled={saving}>
                  Save
                </button>
              </div>
            </form>
          ) : null}
          {policy && masterAdmin ? <SecondFactorsForm policy={policy} /> : null}
          {policy && masterAdmin ? <EnrollmentGraceForm policy={policy} /> : null}
          {policy && !masterAdmin ? (
            <div className="notice" role="note">
              <p className="notice-title">You can’t change this option.</p>
              <p>
                Turning two-factor authentication on or off for the whole portal needs a Master Admin. Your profile is “{viewer.profile?.name ?? 'unknown'}”,
                which does not have the “Master Admin” option enabled.
              </p>
              <p>
                Please check that the Profile selected for your account is the same as a Profile with the “Master Admin” option enabled, or ask a
                Master Admin to make this change. You can still reset two-factor authentication for one customer under{' '}
                <Link to={`/${encodeURIComponent(portal)}/admin/companies`}>Companies</Link> › Customer Details.
              </p>
            </div>
          ) : null}
          <Alert tone="error" message={message?.tone === 'error' ? message.text : null} />
          <Alert tone={message?.tone === 'success' ? 'success' : 'status'} message={message && message.tone !== 'error' ? message.text : null} />
        </div>
      </section>

      {policy ? (
        <ConfirmDialog
          open={confirming}
          title={checked ? 'Turn on two-factor authentication?' : 'Turn off two-factor authentication?'}
          confirmLabel={checked ? 'Turn on' : 'Turn off'}
          tone={checked ? 'default' : 'danger'}
          busy={saving}
          onCancel={() => setConfirming(false)}
          onConfirm={() => void onConfirm()}
        >
          {policyChangeWords(policy, checked).map((line) => (
            <p key={line}>{line}</p>
          ))}
        </ConfirmDialog>
      ) : null}
    </>
  );
}

function saveFailure(err: unknown): string {
  const code = errorCode(err);
  if (code === 'FORBIDDEN') return 'Only an admin whose profile has the “Master Admin” option can change this.';
  if (code === 'UNAUTHENTICATED') return 'Your session has ended. Sign in again, then save.';
  return 'We couldn’t reach the server. Check your connection and try again.';
}
