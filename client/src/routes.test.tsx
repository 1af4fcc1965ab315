import { screen } from '@testing-library/react';
import { LogoutDocument } from './apollo/viewer.operations';
import { AppRoutes } from './routes';
import { TwoFactorPolicyDocument } from './features/admin/admin.operations';
import { adminViewer, customerViewer, renderApp } from './test/render';

const policyMock = {
  request: { query: TwoFactorPolicyDocument },
  result: { data: { twoFactorPolicy: { __typename: 'TwoFactorPolicy', enabled: false, updatedAt: null, customerCount: 4, enrolledCount: 0 } } },
};

describe('routes: the portal is the first path segment', () => {
  it('asks for the portal at /', async () => {
    const { user } = renderApp(<AppRoutes />, { at: '/', path: '/*' });
    await user.type(await screen.findByLabelText('Portal'), 'Acme');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
  });

  it('sends /acme to the sign-in page when signed out', async () => {
    renderApp(<AppRoutes />, { at: '/acme', path: '/*' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
  });

  it('sends a signed-in customer from the sign-in page to their page', async () => {
    renderApp(<AppRoutes />, { at: '/acme/login', path: '/*', viewer: customerViewer() });
    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome, Bob Brown' })).toBeInTheDocument();
  });

  it('keeps customers out of the admin panes', async () => {
    renderApp(<AppRoutes />, { at: '/acme/admin/companies', path: '/*', viewer: customerViewer() });
    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome, Bob Brown' })).toBeInTheDocument();
  });

  it('lands a signed-in admin on Client Users, loading the admin panes on demand', async () => {
    renderApp(<AppRoutes />, { at: '/acme/admin', path: '/*', viewer: adminViewer(true), mocks: [policyMock] });
    expect(await screen.findByRole('heading', { level: 1, name: 'Client Users' })).toBeInTheDocument();
    expect(screen.getByText('Alice Admin')).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Admin sections' })).toBeInTheDocument();
  });

  it('sends a signed-out visitor of the admin panes to the sign-in page', async () => {
    renderApp(<AppRoutes />, { at: '/acme/admin/events', path: '/*' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
  });

  it('says when a page does not exist', async () => {
    renderApp(<AppRoutes />, { at: '/acme/nowhere/else', path: '/*' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
  });

  it('says "signed out" on the sign-in page after signing out', async () => {
    const { user } = renderApp(<AppRoutes />, {
      at: '/acme/account',
      path: '/*',
      viewer: customerViewer(),
      mocks: [{ request: { query: LogoutDocument }, result: { data: { logout: true } } }],
    });
    await user.click(await screen.findByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByText('You are signed out.')).toBeInTheDocument();
  });
});
