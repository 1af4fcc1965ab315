import { useQuery } from '@apollo/client/react';
import { useEffect, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { Heading } from '../../components/Heading';
import { QueryProblem } from '../../components/QueryProblem';
import { PagerControls } from '../../components/PagerControls';
import { plural } from '../../lib/format';
import { useDebounced } from '../../lib/use-debounced';
import { usePager } from '../../lib/use-pager';
import { CompaniesDocument } from './admin.operations';
import { Breadcrumbs } from './AdminLayout';

const PAGE_SIZE = 20;

/** Companies: find one, open its overview. */
export function CompaniesPage(): ReactNode {
  const { portal = '' } = useParams();
  const [search, setSearch] = useState('');
  const term = useDebounced(search.trim());
  const pager = usePager();
  const { reset } = pager;
  useEffect(() => reset(), [term, reset]);
  const { data, previousData, error, loading } = useQuery(CompaniesDocument, {
    variables: { first: PAGE_SIZE, after: pager.after, search: term || null },
  });
  const shown = data ?? previousData;
  const edges = shown?.companies.edges ?? [];
  const base = `/${encodeURIComponent(portal)}/admin/companies`;

  return (
    <>
      <Breadcrumbs items={[{ label: 'Companies' }]} />
      <Heading>Companies</Heading>
      <p className="lead">Open a company’s overview to see its contacts in Customer Details.</p>
      <div className="toolbar">
        <div className="field field-grow">
          <label htmlFor="company-search">Search companies</label>
          <input id="company-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} autoComplete="off" />
        </div>
      </div>
      <p role="status" className="result-count">
        {loading && !shown ? 'Loading…' : shown ? `${plural(edges.length, 'company', 'companies')}${pager.page > 1 || shown.companies.pageInfo.hasNextPage ? ' on this page' : ''}` : ''}
      </p>
      {error ? <QueryProblem error={error} what="the companies" /> : null}
      {edges.length > 0 ? (
        <ul className="card-list">
          {edges.map(({ node }) => (
            <li key={node.id} className="list-card">
              <div className="list-card-main">
                <Link className="list-card-title" to={`${base}/${encodeURIComponent(node.id)}`}>
                  {node.name}
                </Link>
                <span className="muted">{plural(node.customerCount, 'contact', 'contacts')}</span>
              </div>
              <Link className="button button-secondary button-small" to={`${base}/${encodeURIComponent(node.id)}/customers`} aria-label={`Customer Details for ${node.name}`}>
                Customer Details
              </Link>
            </li>
          ))}
        </ul>
      ) : shown && !error ? (
        <p className="empty">{term ? `No company matches “${term}”.` : 'There are no companies yet.'}</p>
      ) : null}
      <PagerControls pager={pager} pageInfo={shown?.companies.pageInfo} label="Company pages" />
    </>
  );
}
