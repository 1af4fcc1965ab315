import { useQuery } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { Heading } from '../../components/Heading';
import { QueryProblem } from '../../components/QueryProblem';
import { plural } from '../../lib/format';
import { CompanyDocument } from './admin.operations';
import { Breadcrumbs } from './AdminLayout';

/** A company's overview page, with the way to its "Customer Details". */
export function CompanyPage(): ReactNode {
  const { portal = '', companyId = '' } = useParams();
  const { data, error, loading } = useQuery(CompanyDocument, { variables: { id: companyId } });
  const base = `/${encodeURIComponent(portal)}/admin/companies`;
  const company = data?.company;

  if (loading && !data) return <p className="page-loading">Loading…</p>;
  if (error || !company) {
    return (
      <>
        <Breadcrumbs items={[{ label: 'Companies', to: base }, { label: 'Company' }]} />
        <Heading>Company</Heading>
        <QueryProblem error={error} code={error ? undefined : 'NOT_FOUND'} what="this company" />
      </>
    );
  }
  return (
    <>
      <Breadcrumbs items={[{ label: 'Companies', to: base }, { label: company.name }]} />
      <p className="eyebrow">Company overview</p>
      <Heading>{company.name}</Heading>
      <section className="card" aria-labelledby="company-contacts">
        <div className="card-header">
          <h2 id="company-contacts">Contacts</h2>
        </div>
        <p>
          {company.name} has {plural(company.customerCount, 'customer contact', 'customer contacts')}. Customer Details shows each contact’s two-factor
          status, the phone they enrolled and the last text message sent to them, and lets you reset their two-factor authentication.
        </p>
        <Link className="button button-primary" to={`${base}/${encodeURIComponent(company.id)}/customers`}>
          Customer Details
        </Link>
      </section>
    </>
  );
}
