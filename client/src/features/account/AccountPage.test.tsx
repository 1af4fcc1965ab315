import { screen } from '@testing-library/react';
import { LogoutDocument } from '../../apollo/viewer.operations';
import { RequireViewer } from '../../components/RequireViewer';
import { customerViewer, expectLocation, renderApp } from '../../test/render';
import { AccountPage } from './AccountPage';

const page = <RequireViewer kind="CUSTOMER">{(viewer) => <AccountPage viewer={viewer} />}</RequireViewer>;

describe('the signed-in customer’s page', () => {
  it('shows who is signed in and the two-factor status with the masked phone', async () => {
    renderApp(page, { at: '/acme/account', path: '/:portal/account', viewer: customerViewer() });
    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome, Bob Brown' })).toBeInTheDocument();
    expect(screen.getByText(/You are signed in as/)).toHaveTextContent('You are signed in as bob at Globex.');
    expect(screen.getByText('Enrolled')).toBeInTheDocument();
    expect(screen.getByText('+1 •••-•••-0134')).toBeInTheDocument();
  });

  it('says when no phone is enrolled', async () => {
    const viewer = customerViewer();
    const notEnrolled = { ...viewer, customer: { ...viewer.customer!, twoFactor: { ...viewer.customer!.twoFactor, status: 'NOT_ENROLLED' as const, maskedPhone: null, enrolledAt: null } } };
    renderApp(page, { at: '/acme/account', path: '/:portal/account', viewer: notEnrolled });
    expect(await screen.findByText('Not enrolled')).toBeInTheDocument();
    expect(screen.getByText(/No phone is enrolled/)).toBeInTheDocument();
  });

  it('offers an authenticator app only where the portal does, and warns when 3 or fewer recovery codes are left', async () => {
    const viewer = customerViewer();
    const { unmount } = renderApp(page, { at: '/acme/account', path: '/:portal/account', viewer });
    expect(await screen.findByRole('heading', { level: 2, name: 'Recovery codes' })).toBeInTheDocument();
    expect(screen.getByText('10 left')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Authenticator app' })).not.toBeInTheDocument();
    expect(screen.queryByRole('note')).not.toBeInTheDocument();
    unmount();
    const withApps = {
      ...viewer,
      portal: { ...viewer.portal, secondFactors: ['SMS' as const, 'TOTP' as const] },
      customer: { ...viewer.customer!, twoFactor: { ...viewer.customer!.twoFactor, recoveryCodesRemaining: 3 } },
    };
    renderApp(page, { at: '/acme/account', path: '/:portal/account', viewer: withApps });
    expect(await screen.findByRole('button', { name: 'Add an authenticator app' })).toBeInTheDocument();
    expect(screen.getByRole('note')).toHaveTextContent('Only 3 recovery codes are left.');
    expect(screen.getByRole('button', { name: 'Make new recovery codes' })).toBeInTheDocument();
  });

  it('signs out and goes to the sign-in page', async () => {
    const { user } = renderApp(page, {
      at: '/acme/account',
      path: '/:portal/account',
      viewer: customerViewer(),
      mocks: [{ request: { query: LogoutDocument }, result: { data: { logout: true } } }],
    });
    await user.click(await screen.findByRole('button', { name: 'Sign out' }));
    await expectLocation('/acme/login');
  });

  it('sends a signed-out visitor to the sign-in page', async () => {
    renderApp(page, { at: '/acme/account', path: '/:portal/account', viewer: null });
    await expectLocation('/acme/login');
  });
});
