import { screen, waitFor, within } from '@testing-library/react';
import { adminViewer, renderApp, type Mock } from '../../test/render';
import { SetEnrollmentGraceDaysDocument, SetSecondFactorsDocument, SetTwoFactorPolicyDocument, TwoFactorPolicyDocument } from './admin.operations';
import { ClientUsersPage } from './ClientUsersPage';

const POLICY_BOX = 'Require SMS two-factor authentication for all customers';
const policy = (enabled: boolean, enrolledCount = 0, customerCount = 4) => ({
  __typename: 'TwoFactorPolicy',
  enabled,
  updatedAt: enabled ? '2026-03-01T09:00:00.000Z' : null,
  customerCount,
  enrolledCount,
  factors: ['SMS'],
  enrollmentGraceDays: 0,
  graceEndsAt: null as string | null,
  inGraceCount: 0,
});
const policyMock = (p: ReturnType<typeof policy>): Mock => ({ request: { query: TwoFactorPolicyDocument }, result: { data: { twoFactorPolicy: p } } });
const setMock = (enabled: boolean, answer: ReturnType<typeof policy>): Mock => ({
  request: { query: SetTwoFactorPolicyDocument, variables: { enabled } },
  result: { data: { setTwoFactorPolicy: answer } },
});
const mount = (masterAdmin: boolean, mocks: Mock[]) => {
  const viewer = adminViewer(masterAdmin);
  return renderApp(<ClientUsersPage viewer={viewer} />, { at: '/acme/admin/settings/client-users', path: '/:portal/admin/settings/client-users', viewer, mocks });
};

describe('Settings › Configurations › Client Users', () => {
  it('a Master Admin sets the enrollment grace period; the state says who may postpone until when', async () => {
    const inGrace = { ...policy(true, 1), enrollmentGraceDays: 7, graceEndsAt: '2099-03-08T09:00:00.000Z', inGraceCount: 3 };
    const { user } = mount(true, [
      policyMock(policy(true, 1)),
      { request: { query: SetEnrollmentGraceDaysDocument, variables: { days: 7 } }, result: { data: { setEnrollmentGraceDays: inGrace } } },
    ]);
    await user.click(await screen.findByRole('button', { name: /Two Factor Authentication/ }));
    expect(await screen.findByText(/None: customers must enroll at their first login/)).toBeInTheDocument();
    const days = screen.getByLabelText('Customers may postpone enrolling for up to (days)');
    await user.clear(days);
    await user.type(days, '31');
    await user.click(screen.getByRole('button', { name: 'Save grace period' }));
    expect(await screen.findByText('Enter a whole number of days from 0 to 30.')).toBeInTheDocument();
    await user.clear(days);
    await user.type(days, '7');
    await user.click(screen.getByRole('button', { name: 'Save grace period' }));
    expect(await screen.findByText(/Customers may postpone enrolling for up to 7 days after/)).toBeInTheDocument();
    expect(screen.getByText(/3 customers may postpone enrolling until/)).toBeInTheDocument();
  });

  it('shows the grace period to an admin without Master Admin, with no form', async () => {
    mount(false, [policyMock({ ...policy(true), enrollmentGraceDays: 5, graceEndsAt: '2099-03-08T09:00:00.000Z', inGraceCount: 4 })]);
    expect(await screen.findByText(/5 days after two-factor authentication is turned on/)).toBeInTheDocument();
    expect(screen.queryByLabelText('Customers may postpone enrolling for up to (days)')).toBeNull();
  });

  it('offers the authenticator app beside SMS, which stays on; saving sends SMS with the choice', async () => {
    const withApp = { ...policy(true), factors: ['SMS', 'TOTP'] };
    const { user } = mount(true, [
      policyMock(policy(true)),
      { request: { query: SetSecondFactorsDocument, variables: { factors: ['SMS', 'TOTP'] } }, result: { data: { setSecondFactors: withApp } } },
    ]);
    await user.click(await screen.findByRole('button', { name: /Two Factor Authentication/ }));
    expect(await screen.findByRole('checkbox', { name: 'SMS text message' })).toBeDisabled();
    expect(screen.getByRole('checkbox', { name: 'SMS text message' })).toBeChecked();
    expect(screen.getByText(/Second factors:/).parentElement).toHaveTextContent('Second factors: SMS.');
    await user.click(screen.getByRole('checkbox', { name: 'Authenticator app (TOTP)' }));
    await user.click(screen.getByRole('button', { name: 'Save second factors' }));
    expect(await screen.findByText('Customers may use: SMS, authenticator app.')).toBeInTheDocument();
  });

  it('has a collapsed "Two Factor Authentication" header that expands', async () => {
    const { user } = mount(true, [policyMock(policy(false))]);
    expect(await screen.findByRole('heading', { level: 1, name: 'Client Users' })).toHaveFocus();
    expect(screen.getByRole('navigation', { name: 'Breadcrumb' })).toHaveTextContent('SettingsConfigurationsClient Users');
    const header = screen.getByRole('button', { name: /Two Factor Authentication/ });
    expect(header).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('checkbox')).not.toBeInTheDocument();
    await user.click(header);
    expect(header).toHaveAttribute('aria-expanded', 'true');
    expect(await screen.findByRole('checkbox', { name: 'Require SMS two-factor authentication for all customers' })).not.toBeChecked();
  });

  it('turns it on after a confirmation that says all N customers must enroll', async () => {
    const { user } = mount(true, [policyMock(policy(false)), setMock(true, policy(true))]);
    await user.click(await screen.findByRole('button', { name: /Two Factor Authentication/ }));
    await user.click(await screen.findByRole('checkbox', { name: POLICY_BOX }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const dialog = await screen.findByRole('dialog', { name: 'Turn on two-factor authentication?' });
    expect(dialog).toHaveTextContent('All 4 customers must enroll a mobile phone at their next login.');
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Turn on' }));
    expect(await screen.findByText('Two-factor authentication is on.')).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: POLICY_BOX })).toBeChecked();
  });

  it('counts customers whose phone already counts', async () => {
    const { user } = mount(true, [policyMock(policy(false, 1, 4))]);
    await user.click(await screen.findByRole('button', { name: /Two Factor Authentication/ }));
    await user.click(await screen.findByRole('checkbox', { name: POLICY_BOX }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('dialog')).toHaveTextContent('3 of 4 customers must enroll a mobile phone at their next login; 1 already has an enrolled phone');
  });

  it('warns that turning it off makes everyone enroll again later', async () => {
    const { user } = mount(true, [policyMock(policy(true, 3)), setMock(false, policy(false, 0))]);
    await user.click(await screen.findByRole('button', { name: /Two Factor Authentication/ }));
    await user.click(await screen.findByRole('checkbox', { name: POLICY_BOX }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const dialog = await screen.findByRole('dialog', { name: 'Turn off two-factor authentication?' });
    expect(dialog).toHaveTextContent('if you turn two-factor authentication on again later, all customers must enroll again');
    await user.click(within(dialog).getByRole('button', { name: 'Turn off' }));
    expect(await screen.findByText('Two-factor authentication is off.')).toBeInTheDocument();
  });

  it('cancelling changes nothing', async () => {
    const { user } = mount(true, [policyMock(policy(false))]);
    await user.click(await screen.findByRole('button', { name: /Two Factor Authentication/ }));
    await user.click(await screen.findByRole('checkbox', { name: POLICY_BOX }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(screen.getByRole('button', { name: 'Save' })).toHaveFocus();
  });

  it('says so when nothing changed', async () => {
    const { user } = mount(true, [policyMock(policy(false))]);
    await user.click(await screen.findByRole('button', { name: /Two Factor Authentication/ }));
    await user.click(await screen.findByRole('button', { name: 'Save' }));
    expect(await screen.findByText('No changes to save.')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('shows an admin without Master Admin why the option is missing', async () => {
    const { user } = mount(false, [policyMock(policy(false))]);
    await user.click(await screen.findByRole('button', { name: /Two Factor Authentication/ }));
    expect(await screen.findByText('You can’t change this option.')).toBeInTheDocument();
    expect(screen.getByRole('note')).toHaveTextContent('Your profile is “Dispatcher”');
    expect(screen.getByRole('note')).toHaveTextContent('Please check that the Profile selected for your account is the same as a Profile with the “Master Admin” option enabled');
    expect(screen.queryByRole('checkbox')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save' })).not.toBeInTheDocument();
  });
});
