import { useQuery } from '@apollo/client/react';
import { useEffect, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, type AlertMessage } from '../../components/Alert';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Heading } from '../../components/Heading';
import { PagerControls } from '../../components/PagerControls';
import { errorCode, QueryProblem } from '../../components/QueryProblem';
import { StatusBadge, statusLabel } from '../../components/StatusBadge';
import type { CustomerRowFieldsFragment, TwoFactorStatus } from '../../gql/graphql';
import { formatDateTime, plural } from '../../lib/format';
import { useDebounced } from '../../lib/use-debounced';
import { usePager } from '../../lib/use-pager';
import { useResetTwoFactor } from './admin.hooks';
import { CompanyCustomersDocument } from './admin.operations';
import { factorWords } from './SecondFactorsForm';
import { Breadcrumbs } from './AdminLayout';

const PAGE_SIZE = 20;
type StatusFilter = 'ALL' | TwoFactorStatus;

/** Company › Customer Details: the company's contacts, their two-factor state, and the reset. */
export function CustomerDetailsPage(): ReactNode {
  const { portal = '', companyId = '' } = useParams();
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<StatusFilter>('ALL');
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const [resetting, setResetting] = useState<CustomerRowFieldsFragment | null>(null);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: AlertMessage } | null>(null);
  const term = useDebounced(search.trim());
  const pager = usePager();
  const { reset: resetPager } = pager;
  useEffect(() => resetPager(), [term, status, resetPager]);

  const { data, previousData, error, loading } = useQuery(CompanyCustomersDocument, {
    variables: { id: companyId, first: PAGE_SIZE, after: pager.after, search: term || null, twoFactorStatus: status === 'ALL' ? null : status },
  });
  const [reset, { loading: resetBusy }] = useResetTwoFactor();
  const shown = data ?? previousData;
  const company = shown?.company;
  const edges = company?.customers.edges ?? [];
  const base = `/${encodeURIComponent(portal)}/admin`;

  const toggle = (id: string): void =>
    setOpen((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const onReset = async (): Promise<void> => {
    if (!resetting) return;
    const who = resetting;
    try {
      await reset(who.id);
      setMessage({
        tone: 'success',
        text: {
          title: `Two-factor authentication was reset for ${who.displayName}.`,
          detail: `${who.displayName} is signed out and must enroll a phone at their next login. No other customer is affected.`,
        },
      });
    } catch (err) {
      setMessage({ tone: 'error', text: { title: `Two-factor authentication was not reset for ${who.displayName}.`, detail: resetFailure(err) } });
    } finally {
      setResetting(null);
    }
  };

  if (!shown && loading) return <p className="page-loading">Loading…</p>;
  if (!company) {
    return (
      <>
        <Breadcrumbs items={[{ label: 'Companies', to: `${base}/companies` }, { label: 'Customer Details' }]} />
        <Heading>Customer Details</Heading>
        <QueryProblem error={error} code={error ? undefined : 'NOT_FOUND'} what="this company" />
      </>
    );
  }

  return (
    <>
      <Breadcrumbs
        items={[
          { label: 'Companies', to: `${base}/companies` },
          { label: company.name, to: `${base}/companies/${encodeURIComponent(company.id)}` },
          { label: 'Customer Details' },
        ]}
      />
      <p className="eyebrow">{company.name}</p>
      <Heading>Customer Details</Heading>
      <p className="lead">Find a contact and expand it to see their two-factor authentication, or to reset it.</p>

      <form className="toolbar" role="search" aria-label="Filter contacts" onSubmit={(e) => e.preventDefault()}>
        <div className="field field-grow">
          <label htmlFor="customer-search">Search contacts</label>
          <input id="customer-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} autoComplete="off" aria-describedby="customer-search-hint" />
          <p className="hint" id="customer-search-hint">
            Name, username or email.
          </p>
        </div>
        <div className="field">
          <label htmlFor="customer-status">Two-factor status</label>
          <select id="customer-status" value={status} onChange={(e) => setStatus(e.target.value as StatusFilter)}>
            <option value="ALL">All</option>
            <option value="ENROLLED">Enrolled</option>
            <option value="NOT_ENROLLED">Not enrolled</option>
            <option value="IN_GRACE">In grace period</option>
          </select>
        </div>
      </form>

      <Alert tone="error" message={message?.tone === 'error' ? message.text : null} />
      <Alert tone="success" message={message?.tone === 'success' ? message.text : null} />
      <p role="status" className="result-count">
        {plural(edges.length, 'contact', 'contacts')}
        {pager.page > 1 || company.customers.pageInfo.hasNextPage ? ' on this page' : ''}
        {loading ? ' (updating…)' : ''}
      </p>
      {error ? <QueryProblem error={error} what="the contacts" /> : null}

      {edges.length === 0 && !error ? (
        <p className="empty">{term || status !== 'ALL' ? 'No contact matches these filters.' : `${company.name} has no contacts yet.`}</p>
      ) : (
        <ul className="contact-list">
          {edges.map(({ node }) => (
            <ContactRow
              key={node.id}
              customer={node}
              expanded={open.has(node.id)}
              onToggle={() => toggle(node.id)}
              onReset={() => {
                setMessage(null);
                setResetting(node);
              }}
              eventsPath={`${base}/events?customer=${encodeURIComponent(node.id)}`}
            />
          ))}
        </ul>
      )}
      <PagerControls pager={pager} pageInfo={company.customers.pageInfo} label="Contact pages" />

      <ConfirmDialog
        open={resetting !== null}
        title={resetting ? `Reset two factor for ${resetting.displayName}?` : 'Reset two factor?'}
        confirmLabel="Reset two factor"
        tone="danger"
        busy={resetBusy}
        onCancel={() => setResetting(null)}
        onConfirm={() => void onReset()}
      >
        {resetting ? (
          <>
            <p>
              The phone {resetting.twoFactor.maskedPhone ? <strong className="nowrap">{resetting.twoFactor.maskedPhone}</strong> : null}, any authenticator app, any
              passkeys and the recovery codes are forgotten,{' '}
              {resetting.displayName} ({resetting.username}) is signed out, and they must enroll a mobile phone again at their next login.
            </p>
            <p>This affects only this customer; nobody else has to enroll again.</p>
          </>
        ) : null}
      </ConfirmDialog>
    </>
  );
}

interface RowProps {
  readonly customer: CustomerRowFieldsFragment;
  readonly expanded: boolean;
  readonly onToggle: () => void;
  readonly onReset: () => void;
  readonly eventsPath: string;
}

function ContactRow({ customer, expanded, onToggle, onReset, eventsPath }: RowProps): ReactNode {
  const panelId = `contact-${customer.id}`;
  const tf = customer.twoFactor;
  return (
    <li className={`contact ${expanded ? 'contact-open' : ''}`}>
      <h2 className="contact-heading">
        <button type="button" className="contact-toggle" aria-expanded={expanded} aria-controls={panelId} onClick={onToggle}>
          <span className="disclosure-icon" aria-hidden="true" />
          <span className="contact-name">
            {customer.displayName}
            <span className="contact-username">{customer.username}</span>
          </span>
          <StatusBadge status={tf.status} />
        </button>
      </h2>
      <div id={panelId} className="contact-body" hidden={!expanded}>
        <dl className="details">
          <div>
            <dt>Two-factor status</dt>
            <dd>{statusLabel(tf.status)}</dd>
          </div>
          {tf.status === 'IN_GRACE' ? (
            <div>
              <dt>May postpone until</dt>
              <dd>{formatDateTime(tf.graceEndsAt)}</dd>
            </div>
          ) : null}
          <div>
            <dt>Phone</dt>
            <dd className="nowrap">{tf.maskedPhone ?? '—'}</dd>
          </div>
          <div>
            <dt>Enrolled at</dt>
            <dd>{formatDateTime(tf.enrolledAt)}</dd>
          </div>
          <div>
            <dt>Factors</dt>
            <dd>{tf.factors.length ? factorWords(tf.factors) : 'None'}</dd>
          </div>
          <div>
            <dt>Recovery codes left</dt>
            <dd>{tf.recoveryCodesRemaining}</dd>
          </div>
          <div>
            <dt>Last text message</dt>
            <dd>{tf.lastSmsStatus ? `${smsStatusWords(tf.lastSmsStatus)}, ${formatDateTime(tf.lastSmsAt)}` : 'None sent yet'}</dd>
          </div>
          {customer.email ? (
            <div>
              <dt>Email</dt>
              <dd>{customer.email}</dd>
            </div>
          ) : null}
        </dl>
        <div className="contact-actions">
          {tf.status === 'ENROLLED' || tf.maskedPhone || tf.recoveryCodesRemaining > 0 ? (
            <button type="button" className="button button-danger-outline" onClick={onReset}>
              Reset two factor
            </button>
          ) : (
            <p className="muted">Nothing to reset: {customer.displayName} will be asked to enroll a phone at their next login when two-factor authentication is on.</p>
          )}
          <Link to={eventsPath}>Two-factor events for {customer.displayName}</Link>
        </div>
      </div>
    </li>
  );
}

/** Plivo's delivery states in words ("delivered", "failed", …); anything new as it came. */
function smsStatusWords(status: string): string {
  const s = status.toLowerCase();
  const words: Record<string, string> = {
    queued: 'Queued',
    sent: 'Sent',
    delivered: 'Delivered',
    undelivered: 'Not delivered',
    failed: 'Failed',
    rejected: 'Rejected',
    accepted: 'Accepted by the provider',
  };
  return words[s] ?? status.charAt(0).toUpperCase() + status.slice(1);
}

function resetFailure(err: unknown): string {
  const code = errorCode(err);
  if (code === 'NOT_FOUND') return 'That customer no longer exists.';
  if (code === 'UNAUTHENTICATED') return 'Your session has ended. Sign in again, then try the reset.';
  if (code === 'FORBIDDEN') return 'Your account may not reset customers.';
  return 'We couldn’t reach the server. Check your connection and try again.';
}
