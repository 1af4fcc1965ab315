import { screen, waitFor } from '@testing-library/react';
import { adminViewer, renderApp, type Mock } from '../../test/render';
import { CompaniesDocument, CompanyDocument } from './admin.operations';
import { CompaniesPage } from './CompaniesPage';
import { CompanyPage } from './CompanyPage';

const company = (id: string, name: string, customerCount: number) => ({ __typename: 'Company', id, name, customerCount });
function companiesMock(search: string | null, rows: ReturnType<typeof company>[]): Mock {
  return {
    request: { query: CompaniesDocument, variables: { first: 20, after: null, search } },
    result: {
      data: {
        companies: {
          __typename: 'CompanyConnection',
          edges: rows.map((node) => ({ __typename: 'CompanyEdge', cursor: `c-${node.id}`, node })),
          pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
        },
      },
    },
  };
}

describe('Companies and a company’s overview', () => {
  it('lists and searches companies, each with its Customer Details', async () => {
    const { user } = renderApp(<CompaniesPage />, {
      at: '/acme/admin/companies',
      path: '/:portal/admin/companies',
      viewer: adminViewer(false),
      mocks: [companiesMock(null, [company('co1', 'Globex', 3), company('co2', 'Initech', 1)]), companiesMock('ini', [company('co2', 'Initech', 1)])],
    });
    expect(await screen.findByRole('link', { name: 'Globex' })).toHaveAttribute('href', '/acme/admin/companies/co1');
    expect(screen.getByRole('link', { name: 'Customer Details for Globex' })).toHaveAttribute('href', '/acme/admin/companies/co1/customers');
    expect(screen.getByText('3 contacts')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Search companies'), 'ini');
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Globex' })).not.toBeInTheDocument());
    expect(screen.getByRole('status')).toHaveTextContent('1 company');
  });

  it('shows the company overview with the way to "Customer Details"', async () => {
    renderApp(<CompanyPage />, {
      at: '/acme/admin/companies/co1',
      path: '/:portal/admin/companies/:companyId',
      viewer: adminViewer(false),
      mocks: [{ request: { query: CompanyDocument, variables: { id: 'co1' } }, result: { data: { company: company('co1', 'Globex', 3) } } }],
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Globex' })).toBeInTheDocument();
    expect(screen.getByText('Company overview')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Customer Details' })).toHaveAttribute('href', '/acme/admin/companies/co1/customers');
  });

  it('says when the company is not there', async () => {
    renderApp(<CompanyPage />, {
      at: '/acme/admin/companies/nope',
      path: '/:portal/admin/companies/:companyId',
      viewer: adminViewer(false),
      mocks: [{ request: { query: CompanyDocument, variables: { id: 'nope' } }, result: { data: { company: null } } }],
    });
    expect(await screen.findByRole('alert')).toHaveTextContent('We couldn’t find this company.');
  });
});
