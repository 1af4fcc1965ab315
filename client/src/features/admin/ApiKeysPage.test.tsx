import { screen, waitFor, within } from '@testing-library/react';
import { adminViewer, renderApp, type Mock } from '../../test/render';
import { ApiKeysDocument, CreateApiKeyDocument, RevokeApiKeyDocument } from './admin.operations';
import { ApiKeysPage } from './ApiKeysPage';

const SECRET = 'pk_live_abcd1234_s3cr3t-value-shown-once';

const key = (id: string, name: string, revokedAt: string | null = null, status: 'ACTIVE' | 'REVOKED' | 'STOPPED' = revokedAt ? 'REVOKED' : 'ACTIVE') => ({
  __typename: 'ApiKey',
  id,
  name,
  prefix: `pk_${id}`,
  createdBy: 'alice',
  createdAt: '2026-03-01T09:00:00.000Z',
  lastUsedAt: null,
  revokedAt,
  status,
});
const keysMock = (keys: Array<ReturnType<typeof key>>): Mock => ({ request: { query: ApiKeysDocument }, result: { data: { apiKeys: keys } } });
const mount = (masterAdmin: boolean, mocks: Mock[]) => {
  const viewer = adminViewer(masterAdmin);
  return renderApp(<ApiKeysPage viewer={viewer} />, { at: '/acme/admin/settings/api-keys', path: '/:portal/admin/settings/api-keys', viewer, mocks });
};

describe('Settings › Configurations › API keys', () => {
  it('creates a key and shows its secret once', async () => {
    const created = key('k2', 'Billing export');
    const { user } = mount(true, [
      keysMock([key('k1', 'Old sync')]),
      {
        request: { query: CreateApiKeyDocument, variables: { name: 'Billing export' } },
        result: { data: { createApiKey: { __typename: 'ApiKeyCreated', secret: SECRET, apiKey: created } } },
      },
    ]);
    expect(await screen.findByRole('heading', { level: 1, name: 'API keys' })).toHaveFocus();
    expect(screen.getByRole('navigation', { name: 'Breadcrumb' })).toHaveTextContent('SettingsConfigurationsAPI keys');
    expect(await screen.findByRole('cell', { name: 'Old sync' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Create API key' }));
    expect(screen.getByLabelText('Key name')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Key name')).toHaveAccessibleDescription(/Enter a name for the key/);
    expect(screen.getByLabelText('Key name')).toHaveFocus();

    await user.type(screen.getByLabelText('Key name'), 'Billing export');
    await user.click(screen.getByRole('button', { name: 'Create API key' }));

    const secret = await screen.findByLabelText('Secret');
    expect(secret).toHaveValue(SECRET);
    expect(secret).toHaveAttribute('readonly');
    expect(secret).toHaveFocus();
    expect(screen.getByRole('note')).toHaveTextContent('it will not be shown again');
    expect(screen.getByRole('button', { name: 'Copy' })).toBeInTheDocument();
    expect(screen.getByLabelText('Key name')).toHaveValue('');
    // The new key is in the list, without its secret.
    const row = screen.getByRole('cell', { name: 'Billing export' }).closest('tr') as HTMLElement;
    expect(within(row).getByText('Active')).toBeInTheDocument();
    expect(row).not.toHaveTextContent(SECRET);

    await user.click(screen.getByRole('button', { name: 'Copy' }));
    expect(await screen.findByText(/Secret copied to the clipboard|Copying is not available here/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'I have copied the secret' }));
    expect(screen.queryByLabelText('Secret')).not.toBeInTheDocument();
    expect(screen.queryByDisplayValue(SECRET)).not.toBeInTheDocument();
    expect(document.body).not.toHaveTextContent(SECRET);
    expect(screen.getByLabelText('Key name')).toHaveFocus();
  });

  it('revokes a key after a confirmation', async () => {
    const { user } = mount(true, [
      keysMock([key('k1', 'Old sync')]),
      {
        request: { query: RevokeApiKeyDocument, variables: { id: 'k1' } },
        result: { data: { revokeApiKey: { __typename: 'ApiKey', id: 'k1', revokedAt: '2026-03-05T12:00:00.000Z', status: 'REVOKED' } } },
      },
    ]);
    const revoke = await screen.findByRole('button', { name: 'Revoke Old sync' });
    await user.click(revoke);
    const dialog = await screen.findByRole('dialog', { name: 'Revoke the API key “Old sync”?' });
    expect(dialog).toHaveTextContent('pk_k1');
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Revoke key' }));
    expect(await screen.findByText('The API key “Old sync” is revoked.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const row = screen.getByRole('cell', { name: 'Old sync' }).closest('tr') as HTMLElement;
    expect(within(row).getByText('Revoked')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Revoke Old sync' })).not.toBeInTheDocument();
  });

  it('shows a key whose creator is no longer a Master Admin as stopped, not active, and still lets it be revoked', async () => {
    mount(true, [keysMock([key('k1', 'Old sync', null, 'STOPPED'), key('k2', 'Billing export')])]);
    const row = (await screen.findByRole('cell', { name: 'Old sync' })).closest('tr') as HTMLElement;
    expect(within(row).getByText('Stopped')).toBeInTheDocument();
    expect(row).toHaveTextContent('Stopped: its creator is no longer a Master Admin.');
    expect(within(row).queryByText('Active')).not.toBeInTheDocument();
    expect(within(row).getByRole('button', { name: 'Revoke Old sync' })).toBeInTheDocument();
    expect(screen.getByText('2 keys, 1 active')).toBeInTheDocument();
  });

  it('cancelling a revoke changes nothing', async () => {
    const { user } = mount(true, [keysMock([key('k1', 'Old sync')])]);
    await user.click(await screen.findByRole('button', { name: 'Revoke Old sync' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(screen.getByRole('button', { name: 'Revoke Old sync' })).toHaveFocus();
  });

  it('shows an admin without Master Admin why they cannot manage keys', async () => {
    mount(false, []);
    expect(await screen.findByRole('heading', { level: 1, name: 'API keys' })).toHaveFocus();
    expect(screen.getByText('You can’t manage API keys.')).toBeInTheDocument();
    expect(screen.getByRole('note')).toHaveTextContent('Your profile is “Dispatcher”');
    expect(screen.getByRole('note')).toHaveTextContent('Please check that the Profile selected for your account is the same as a Profile with the “Master Admin” option enabled');
    expect(screen.queryByLabelText('Key name')).not.toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
