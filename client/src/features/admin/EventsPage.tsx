import { useLazyQuery, useQuery } from '@apollo/client/react';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, type AlertMessage } from '../../components/Alert';
import { ColumnHeads } from '../../components/ColumnHeads';
import { Heading } from '../../components/Heading';
import { PagerControls } from '../../components/PagerControls';
import { QueryProblem } from '../../components/QueryProblem';
import { formatDateTime, plural } from '../../lib/format';
import { useDebounced } from '../../lib/use-debounced';
import { usePager } from '../../lib/use-pager';
import { CustomerNameDocument, CustomerSearchDocument, TwoFactorEventsDocument } from './admin.operations';
import { Breadcrumbs } from './AdminLayout';
import { EVENT_LABELS, EVENT_TYPES, eventTone, isEventType } from './event-words';

const PAGE_SIZE = 25;
const COLUMNS = ['When', 'Event', 'Customer', 'Admin', 'IP address', 'Detail'] as const;

/** The two-factor event log, newest first; filters live in the URL (?type=…&customer=…). */
export function EventsPage(): ReactNode {
  const [params, setParams] = useSearchParams();
  const typeParam = params.get('type');
  const type = isEventType(typeParam) ? typeParam : null;
  const customerId = params.get('customer');

  const [typeChoice, setTypeChoice] = useState<string>(type ?? '');
  const [customerText, setCustomerText] = useState('');
  const [filterError, setFilterError] = useState<AlertMessage | null>(null);
  const pager = usePager();
  const { reset: resetPager } = pager;
  useEffect(() => resetPager(), [type, customerId, resetPager]);
  useEffect(() => setTypeChoice(type ?? ''), [type]);

  const named = useQuery(CustomerNameDocument, { variables: { id: customerId ?? '' }, skip: !customerId });
  const customerName = named.data?.customer ? `${named.data.customer.displayName} (${named.data.customer.username})` : customerId;
  const suggestionsFor = useDebounced(customerText.trim(), 250);
  const suggestions = useQuery(CustomerSearchDocument, { variables: { search: suggestionsFor }, skip: suggestionsFor === '' });
  const [findCustomer, found] = useLazyQuery(CustomerSearchDocument);

  const { data, previousData, error, loading } = useQuery(TwoFactorEventsDocument, {
    variables: { first: PAGE_SIZE, after: pager.after, types: type ? [type] : null, customerId },
    // A log: fresh on each visit and each filter, then steady while the page is open.
    fetchPolicy: 'network-only',
    nextFetchPolicy: 'cache-first',
  });
  const shown = data ?? previousData;
  const edges = shown?.twoFactorEvents.edges ?? [];

  const apply = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setFilterError(null);
    const next = new URLSearchParams(params);
    if (typeChoice) next.set('type', typeChoice);
    else next.delete('type');
    const text = customerText.trim();
    if (text) {
      const result = await findCustomer({ variables: { search: text } });
      const matches = result.data?.customers.edges.map((edge) => edge.node) ?? [];
      const exact = matches.find((c) => c.username.toLowerCase() === text.toLowerCase()) ?? (matches.length === 1 ? matches[0] : undefined);
      if (!exact) {
        setFilterError(
          matches.length === 0
            ? { title: `No customer matches “${text}”.`, detail: 'Type a username, a name or an email.' }
            : { title: `Several customers match “${text}”.`, detail: 'Type the whole username, or pick one from the suggestions.' },
        );
        document.getElementById('event-customer')?.focus();
        return;
      }
      next.set('customer', exact.id);
      setCustomerText('');
    }
    setParams(next);
  };

  const clearCustomer = (): void => {
    const next = new URLSearchParams(params);
    next.delete('customer');
    setParams(next);
  };
  const clearAll = (): void => {
    setTypeChoice('');
    setCustomerText('');
    setFilterError(null);
    setParams(new URLSearchParams());
  };

  const options = suggestions.data?.customers.edges.map((edge) => edge.node) ?? [];
  return (
    <>
      <Breadcrumbs items={[{ label: 'Two-factor events' }]} />
      <Heading>Two-factor events</Heading>
      <p className="lead">Everything that happened with two-factor authentication in this portal, newest first.</p>

      <form className="toolbar" onSubmit={(e) => void apply(e)} aria-label="Filter events">
        <div className="field">
          <label htmlFor="event-type">Event type</label>
          <select id="event-type" value={typeChoice} onChange={(e) => setTypeChoice(e.target.value)}>
            <option value="">All events</option>
            {EVENT_TYPES.map((t) => (
              <option key={t} value={t}>
                {EVENT_LABELS[t]}
              </option>
            ))}
          </select>
        </div>
        <div className="field field-grow">
          <label htmlFor="event-customer">Customer</label>
          <input
            id="event-customer"
            type="search"
            list="event-customer-options"
            autoComplete="off"
            value={customerText}
            onChange={(e) => setCustomerText(e.target.value)}
            aria-describedby="event-customer-hint"
            aria-invalid={filterError ? true : undefined}
          />
          <datalist id="event-customer-options">
            {options.map((c) => (
              <option key={c.id} value={c.username}>
                {c.displayName}
              </option>
            ))}
          </datalist>
          <p className="hint" id="event-customer-hint">
            Username, name or email.
          </p>
        </div>
        <div className="toolbar-actions">
          <button type="submit" className="button button-primary" disabled={found.loading}>
            Apply filters
          </button>
          {type || customerId ? (
            <button type="button" className="button button-secondary" onClick={clearAll}>
              Clear
            </button>
          ) : null}
        </div>
      </form>
      <Alert tone="error" message={filterError} />

      {customerId ? (
        <p className="filter-chip">
          Showing events of <strong>{customerName}</strong>
          <button type="button" className="link-button" onClick={clearCustomer}>
            Show all customers
          </button>
        </p>
      ) : null}

      <p role="status" className="result-count">
        {loading && !shown ? 'Loading…' : `${plural(edges.length, 'event', 'events')}${pager.page > 1 || shown?.twoFactorEvents.pageInfo.hasNextPage ? ' on this page' : ''}`}
      </p>
      {error ? <QueryProblem error={error} what="the events" /> : null}

      {edges.length > 0 ? (
        <div className="table-scroll" role="region" aria-labelledby="events-caption" tabIndex={0}>
          {/* Explicit roles keep the table a table for screen readers when narrow screens restyle it as cards. */}
          <table className="table table-stack" role="table">
            <caption id="events-caption" className="visually-hidden">
              Two-factor events, newest first, page {pager.page}
            </caption>
            <ColumnHeads columns={COLUMNS} />
            <tbody role="rowgroup">
              {edges.map(({ node }) => (
                <tr key={node.id} role="row">
                  <td role="cell" data-label="When" className="nowrap">
                    {formatDateTime(node.occurredAt)}
                  </td>
                  <td role="cell" data-label="Event">
                    <span className={`event event-${eventTone(node.type)}`}>{EVENT_LABELS[node.type] ?? node.type}</span>
                  </td>
                  <td role="cell" data-label="Customer">
                    {node.customerUsername ?? '—'}
                  </td>
                  <td role="cell" data-label="Admin">
                    {node.adminUsername ?? '—'}
                  </td>
                  <td role="cell" data-label="IP address" className="mono">
                    {node.ip ?? '—'}
                  </td>
                  <td role="cell" data-label="Detail" className="detail-cell">
                    {node.detail ?? ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : shown && !error ? (
        <p className="empty">No events match these filters.</p>
      ) : null}
      <PagerControls pager={pager} pageInfo={shown?.twoFactorEvents.pageInfo} label="Event pages" previousText="Newer events" nextText="Older events" />
    </>
  );
}
