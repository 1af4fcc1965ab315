import { screen, waitFor, within } from '@testing-library/react';
import { adminViewer, renderApp, type Mock } from '../../test/render';
import { CompanyCustomersDocument, ResetTwoFactorDocument } from './admin.operations';
import { CustomerDetailsPage } from './CustomerDetailsPage';

type Row = { id: string; username: string; displayName: string; enrolled: boolean; sms?: string };
const customer = ({ id, username, displayName, enrolled, sms }: Row) => ({
  __typename: 'Customer',
  id,
  username,
  displayName,
  email: `${username}@globex.test`,
  twoFactor: {
    __typename: 'CustomerTwoFactor',
    status: enrolled ? 'ENROLLED' : 'NOT_ENROLLED',
    maskedPhone: enrolled ? '+1 •••-•••-0134' : null,
    enrolledAt: enrolled ? '2026-02-03T14:05:00.000Z' : null,
    graceEndsAt: null,
    lastSmsStatus: sms ?? null,
    lastSmsAt: sms ? '2026-02-03T14:04:00.000Z' : null,
    factors: enrolled ? ['SMS'] : [],
    recoveryCodesRemaining: enrolled ? 10 : 0,
  },
});
const BOB = { id: 'c1', username: 'bob', displayName: 'Bob', enrolled: true, sms: 'delivered' };
const DAN = { id: 'c3', username: 'dan', displayName: 'Dan Dunn', enrolled: false };

function listMock(rows: Row[], vars: Record<string, unknown> = {}, hasNextPage = false): Mock {
  return {
    request: { query: CompanyCustomersDocument, variables: { id: 'co1', first: 20, after: null, search: null, twoFactorStatus: null, ...vars } },
    result: {
      data: {
        company: {
          __typename: 'Company',
          id: 'co1',
          name: 'Globex',
          customerCount: 3,
          customers: {
            __typename: 'CustomerConnection',
            edges: rows.map((r) => ({ __typename: 'CustomerEdge', cursor: `cur-${r.id}`, node: customer(r) })),
            pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor: rows.length ? `cur-${rows[rows.length - 1]!.id}` : null },
          },
        },
      },
    },
  };
}
const mount = (mocks: Mock[]) =>
  renderApp(<CustomerDetailsPage />, { at: '/acme/admin/companies/co1/customers', path: '/:portal/admin/companies/:companyId/customers', viewer: adminViewer(false), mocks });

describe('Company › Customer Details', () => {
  it('lists the contacts, each expandable to its two-factor details', async () => {
    const { user } = mount([listMock([BOB, DAN])]);
    expect(await screen.findByRole('heading', { level: 1, name: 'Customer Details' })).toBeInTheDocument();
    const bob = await screen.findByRole('button', { name: /Bob bob Enrolled/ });
    expect(bob).toHaveAttribute('aria-expanded', 'false');
    await user.click(bob);
    expect(bob).toHaveAttribute('aria-expanded', 'true');
    const panel = document.getElementById(bob.getAttribute('aria-controls')!)!;
    expect(panel).toBeVisible();
    expect(panel).toHaveTextContent('Two-factor statusEnrolled');
    expect(panel).toHaveTextContent('Phone+1 •••-•••-0134');
    expect(panel).toHaveTextContent(/Enrolled at\S+/);
    expect(panel).toHaveTextContent(/Last text messageDelivered, /);
    expect(within(panel).getByRole('button', { name: 'Reset two factor' })).toBeInTheDocument();
  });

  it('searches and filters by status', async () => {
    const { user } = mount([listMock([BOB, DAN]), listMock([DAN], { search: 'dan' }), listMock([], { search: 'dan', twoFactorStatus: 'ENROLLED' })]);
    await screen.findByRole('button', { name: /Bob bob/ });
    await user.type(screen.getByLabelText('Search contacts'), 'dan');
    await waitFor(() => expect(screen.queryByRole('button', { name: /Bob bob/ })).not.toBeInTheDocument());
    expect(screen.getByRole('button', { name: /Dan Dunn dan Not enrolled/ })).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Two-factor status'), 'ENROLLED');
    expect(await screen.findByText('No contact matches these filters.')).toBeInTheDocument();
  });

  it('resets one customer after a confirmation', async () => {
    const reset: Mock = {
      request: { query: ResetTwoFactorDocument, variables: { customerId: 'c1' } },
      result: { data: { resetTwoFactor: customer({ ...BOB, enrolled: false }) } },
    };
    const { user } = mount([listMock([BOB, DAN]), reset, listMock([{ ...BOB, enrolled: false }, DAN])]);
    await user.click(await screen.findByRole('button', { name: /Bob bob/ }));
    await user.click(screen.getByRole('button', { name: 'Reset two factor' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reset two factor for Bob?' });
    expect(dialog).toHaveTextContent('Bob (bob) is signed out, and they must enroll a mobile phone again at their next login.');
    expect(dialog).toHaveTextContent('This affects only this customer');
    await user.click(within(dialog).getByRole('button', { name: 'Reset two factor' }));
    expect(await screen.findByText('Two-factor authentication was reset for Bob.')).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: /Bob bob Not enrolled/ })).toBeInTheDocument();
  });

  it('pages forward and back', async () => {
    const { user } = mount([listMock([BOB], {}, true), listMock([DAN], { after: 'cur-c1' })]);
    await screen.findByRole('button', { name: /Bob bob/ });
    await user.click(screen.getByRole('button', { name: 'Next page' }));
    expect(await screen.findByRole('button', { name: /Dan Dunn/ })).toBeInTheDocument();
    expect(screen.getByText('Page 2')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Previous page' }));
    expect(await screen.findByRole('button', { name: /Bob bob/ })).toBeInTheDocument();
  });
});
