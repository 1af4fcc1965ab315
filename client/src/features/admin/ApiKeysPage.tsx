import { useQuery } from '@apollo/client/react';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { ViewerData } from '../../apollo/viewer';
import { Alert, type AlertMessage } from '../../components/Alert';
import { ColumnHeads } from '../../components/ColumnHeads';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { describedBy } from '../../components/Field';
import { Heading } from '../../components/Heading';
import { errorCode, QueryProblem } from '../../components/QueryProblem';
import type { ApiKeyFieldsFragment } from '../../gql/graphql';
import { formatDateTime, plural } from '../../lib/format';
import { useCreateApiKey, useRevokeApiKey } from './admin.hooks';
import { ApiKeysDocument } from './admin.operations';
import { Breadcrumbs } from './AdminLayout';

const COLUMNS = ['Name', 'Prefix', 'Created by', 'Created', 'Last used', 'Status', 'Actions'] as const;
const NAME_MAX = 100;

interface Created {
  readonly name: string;
  readonly secret: string;
}

/** Settings › Configurations › API keys: read-only keys for third parties, Master Admins only. */
export function ApiKeysPage({ viewer }: { readonly viewer: ViewerData }): ReactNode {
  const masterAdmin = viewer.profile?.masterAdmin === true;
  return (
    <>
      <Breadcrumbs items={[{ label: 'Settings' }, { label: 'Configurations' }, { label: 'API keys' }]} />
      <Heading>API keys</Heading>
      <p className="lead">Read-only keys that let other systems fetch {viewer.portal.name}’s two-factor data.</p>
      {masterAdmin ? (
        <ApiKeysManager />
      ) : (
        <div className="notice" role="note">
          <p className="notice-title">You can’t manage API keys.</p>
          <p>
            Creating, listing and revoking API keys needs a Master Admin. Your profile is “{viewer.profile?.name ?? 'unknown'}”, which does not have the
            “Master Admin” option enabled.
          </p>
          <p>
            Please check that the Profile selected for your account is the same as a Profile with the “Master Admin” option enabled, or ask a Master
            Admin to create or revoke a key for you.
          </p>
        </div>
      )}
    </>
  );
}

function ApiKeysManager(): ReactNode {
  const { data, error, loading } = useQuery(ApiKeysDocument, { fetchPolicy: 'cache-and-network' });
  const [create, { loading: creating }] = useCreateApiKey();
  const [revoke, { loading: revoking }] = useRevokeApiKey();
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const [created, setCreated] = useState<Created | null>(null);
  const [copied, setCopied] = useState<AlertMessage | null>(null);
  const [revokingKey, setRevokingKey] = useState<ApiKeyFieldsFragment | null>(null);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: AlertMessage } | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const secretRef = useRef<HTMLInputElement>(null);
  const keys = data?.apiKeys ?? [];

  useEffect(() => {
    if (created) secretRef.current?.focus();
  }, [created]);

  const onCreate = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setNameError('Enter a name for the key, such as the system that will use it.');
      nameRef.current?.focus();
      return;
    }
    setNameError(null);
    setMessage(null);
    setCopied(null);
    setCreated(null);
    try {
      const answer = await create(trimmed);
      if (!answer) throw new Error('no answer');
      setName('');
      setCreated({ name: answer.apiKey.name, secret: answer.secret });
    } catch (err) {
      setMessage({ tone: 'error', text: { title: 'The API key was not created.', detail: failure(err, 'create') } });
    }
  };

  const onCopy = async (): Promise<void> => {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.secret);
      setCopied({ title: 'Secret copied to the clipboard.' });
    } catch {
      secretRef.current?.select();
      setCopied({ title: 'Copying is not available here.', detail: 'The secret is selected: press Ctrl+C (⌘C on a Mac) to copy it.' });
    }
  };

  const onRevoke = async (): Promise<void> => {
    if (!revokingKey) return;
    const key = revokingKey;
    try {
      await revoke(key.id);
      setMessage({ tone: 'success', text: { title: `The API key “${key.name}” is revoked.`, detail: 'Requests that use it are refused from now on.' } });
    } catch (err) {
      setMessage({ tone: 'error', text: { title: `The API key “${key.name}” was not revoked.`, detail: failure(err, 'revoke') } });
    } finally {
      setRevokingKey(null);
    }
  };

  return (
    <>
      <section className="card" aria-labelledby="api-key-create-heading">
        <h2 id="api-key-create-heading">Create an API key</h2>
        <form className="form" onSubmit={(e) => void onCreate(e)} noValidate>
          <div className="field">
            <label htmlFor="api-key-name">Key name</label>
            <input
              ref={nameRef}
              id="api-key-name"
              type="text"
              value={name}
              maxLength={NAME_MAX}
              autoComplete="off"
              onChange={(e) => setName(e.target.value)}
              aria-invalid={nameError ? true : undefined}
              aria-describedby={describedBy('api-key-name-hint', nameError && 'api-key-name-error')}
            />
            <p className="hint" id="api-key-name-hint">
              Who or what will use it, e.g. “Billing export”. The secret is shown only once, right after you create the key.
            </p>
            <Alert tone="error" id="api-key-name-error" message={nameError ? { title: nameError } : null} />
          </div>
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={creating}>
              {creating ? 'Creating…' : 'Create API key'}
            </button>
          </div>
        </form>

        {created ? (
          <div className="api-key-secret" role="group" aria-labelledby="api-key-secret-title">
            <p className="notice-title" id="api-key-secret-title">
              API key “{created.name}” created
            </p>
            <div className="notice" role="note">
              <p>
                <strong>Copy the secret now: it will not be shown again.</strong> Store it somewhere safe. If it is lost, revoke this key and create a new
                one. Send it as <span className="mono">Authorization: Bearer &lt;secret&gt;</span>.
              </p>
            </div>
            <div className="field">
              <label htmlFor="api-key-secret">Secret</label>
              <div className="secret-row">
                <input
                  ref={secretRef}
                  id="api-key-secret"
                  type="text"
                  className="mono"
                  readOnly
                  value={created.secret}
                  spellCheck={false}
                  autoComplete="off"
                  onFocus={(e) => e.currentTarget.select()}
                />
                <button type="button" className="button button-secondary" onClick={() => void onCopy()}>
                  Copy
                </button>
              </div>
            </div>
            <Alert tone="status" message={copied} />
            <div className="form-actions">
              <button
                type="button"
                className="button button-secondary"
                onClick={() => {
                  setCreated(null);
                  setCopied(null);
                  nameRef.current?.focus();
                }}
              >
                I have copied the secret
              </button>
            </div>
          </div>
        ) : null}
      </section>

      <h2 id="api-keys-heading">Keys</h2>
      <Alert tone="error" message={message?.tone === 'error' ? message.text : null} />
      <Alert tone="success" message={message?.tone === 'success' ? message.text : null} />
      <p role="status" className="result-count">
        {loading && !data ? 'Loading…' : `${plural(keys.length, 'key', 'keys')}, ${keys.filter((k) => k.status === 'ACTIVE').length} active`}
      </p>
      {error && !data ? <QueryProblem error={error} what="the API keys" /> : null}

      {keys.length > 0 ? (
        <div className="table-scroll" role="region" aria-labelledby="api-keys-caption" tabIndex={0}>
          <table className="table table-stack" role="table">
            <caption id="api-keys-caption" className="visually-hidden">
              API keys, newest first
            </caption>
            <ColumnHeads columns={COLUMNS} />
            <tbody role="rowgroup">
              {keys.map((key) => (
                <tr key={key.id} role="row">
                  <td role="cell" data-label="Name">
                    {key.name}
                  </td>
                  <td role="cell" data-label="Prefix" className="mono nowrap">
                    {key.prefix}…
                  </td>
                  <td role="cell" data-label="Created by">
                    {key.createdBy ?? '—'}
                  </td>
                  <td role="cell" data-label="Created" className="nowrap">
                    {formatDateTime(key.createdAt)}
                  </td>
                  <td role="cell" data-label="Last used" className="nowrap">
                    {key.lastUsedAt ? formatDateTime(key.lastUsedAt) : 'Never'}
                  </td>
                  <td role="cell" data-label="Status">
                    <KeyStatus apiKey={key} />
                  </td>
                  <td role="cell" data-label="Actions">
                    {key.revokedAt ? (
                      <span className="muted nowrap">Revoked {formatDateTime(key.revokedAt)}</span>
                    ) : (
                      <button
                        type="button"
                        className="button button-danger-outline button-small"
                        onClick={() => {
                          setMessage(null);
                          setRevokingKey(key);
                        }}
                      >
                        Revoke<span className="visually-hidden"> {key.name}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : data && !error ? (
        <p className="empty">No API keys yet. Create one above to let another system read this portal’s two-factor data.</p>
      ) : null}

      <ConfirmDialog
        open={revokingKey !== null}
        title={revokingKey ? `Revoke the API key “${revokingKey.name}”?` : 'Revoke the API key?'}
        confirmLabel="Revoke key"
        tone="danger"
        busy={revoking}
        onCancel={() => setRevokingKey(null)}
        onConfirm={() => void onRevoke()}
      >
        {revokingKey ? (
          <>
            <p>
              Every system that uses the key starting <strong className="mono nowrap">{revokingKey.prefix}</strong> is refused from now on.
            </p>
            <p>This cannot be undone; to give access again, create a new key.</p>
          </>
        ) : null}
      </ConfirmDialog>
    </>
  );
}

/**
 * A stopped key is refused because the admin who made it is no longer a Master Admin (removed, or
 * their profile lost the option); it works again if they are one again, so it is not shown as revoked.
 */
function KeyStatus({ apiKey }: { readonly apiKey: ApiKeyFieldsFragment }): ReactNode {
  if (apiKey.status === 'REVOKED') {
    return (
      <span className="badge badge-neutral" title={apiKey.revokedAt ? `Revoked ${formatDateTime(apiKey.revokedAt)}` : undefined}>
        Revoked
      </span>
    );
  }
  if (apiKey.status === 'STOPPED') {
    return (
      <>
        <span className="badge badge-warn">Stopped</span>
        <p className="hint">Stopped: its creator is no longer a Master Admin. Requests with it are refused until they are one again.</p>
      </>
    );
  }
  return <span className="badge badge-good">Active</span>;
}

function failure(err: unknown, action: 'create' | 'revoke'): string {
  const code = errorCode(err);
  if (code === 'FORBIDDEN') return `Only an admin whose profile has the “Master Admin” option can ${action} API keys.`;
  if (code === 'UNAUTHENTICATED') return `Your session has ended. Sign in again, then ${action} the key.`;
  if (code === 'NOT_FOUND') return 'That key no longer exists.';
  if (code === 'BAD_USER_INPUT') return 'Check the name and try again.';
  return 'We couldn’t reach the server. Check your connection and try again.';
}
