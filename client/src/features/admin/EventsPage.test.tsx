import { screen, within } from '@testing-library/react';
import { adminViewer, renderApp, type Mock } from '../../test/render';
import { CustomerNameDocument, CustomerSearchDocument, TwoFactorEventsDocument } from './admin.operations';
import { EventsPage } from './EventsPage';

const event = (id: string, type: string, customerUsername: string | null) => ({
  __typename: 'TwoFactorEvent',
  id,
  type,
  occurredAt: '2026-03-01T10:00:00.000Z',
  customerId: customerUsername ? `id-${customerUsername}` : null,
  customerUsername,
  adminUsername: customerUsername ? null : 'alice',
  ip: '203.0.113.9',
  detail: null,
});
function eventsMock(vars: Record<string, unknown>, events: ReturnType<typeof event>[], hasNextPage = false): Mock {
  return {
    request: { query: TwoFactorEventsDocument, variables: { first: 25, after: null, types: null, customerId: null, ...vars } },
    result: {
      data: {
        twoFactorEvents: {
          __typename: 'TwoFactorEventConnection',
          edges: events.map((e) => ({ __typename: 'TwoFactorEventEdge', cursor: `cur-${e.id}`, node: e })),
          pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor: events.length ? `cur-${events[events.length - 1]!.id}` : null },
        },
      },
    },
  };
}
const mount = (mocks: Mock[], at = '/acme/admin/events') => renderApp(<EventsPage />, { at, path: '/:portal/admin/events', viewer: adminViewer(true), mocks });

describe('the two-factor event log', () => {
  it('shows the events newest first, in words', async () => {
    mount([eventsMock({}, [event('3', 'CODE_ACCEPTED', 'bob'), event('2', 'CODE_SENT', 'bob'), event('1', 'POLICY_ENABLED', null)])]);
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(4);
    expect(rows[1]).toHaveTextContent('Code accepted');
    expect(rows[3]).toHaveTextContent('Two-factor turned on');
    expect(rows[3]).toHaveTextContent('alice');
    expect(screen.getByRole('region', { name: /Two-factor events, newest first/ })).toHaveAttribute('tabindex', '0');
  });

  it('filters by type and by customer, and pages', async () => {
    const { user } = mount([
      eventsMock({}, [event('3', 'CODE_ACCEPTED', 'bob')]),
      eventsMock({ types: ['CODE_REJECTED'] }, [event('9', 'CODE_REJECTED', 'bob')]),
      { request: { query: CustomerSearchDocument, variables: { search: 'bob' } }, result: { data: { customers: { __typename: 'CustomerConnection', edges: [{ __typename: 'CustomerEdge', node: { __typename: 'Customer', id: 'id-bob', username: 'bob', displayName: 'Bob' } }] } } }, maxUsageCount: 5 },
      { request: { query: CustomerNameDocument, variables: { id: 'id-bob' } }, result: { data: { customer: { __typename: 'Customer', id: 'id-bob', username: 'bob', displayName: 'Bob' } } } },
      eventsMock({ types: ['CODE_REJECTED'], customerId: 'id-bob' }, [event('9', 'CODE_REJECTED', 'bob')], true),
      eventsMock({ types: ['CODE_REJECTED'], customerId: 'id-bob', after: 'cur-9' }, [event('4', 'CODE_REJECTED', 'bob')]),
    ]);
    await screen.findByRole('table');
    await user.selectOptions(screen.getByLabelText('Event type'), 'CODE_REJECTED');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));
    expect(await within(await screen.findByRole('table')).findByText('Wrong code')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Customer'), 'bob');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));
    expect(await screen.findByText(/Showing events of/)).toHaveTextContent('Showing events of Bob (bob)');
    await user.click(await screen.findByRole('button', { name: 'Older events' }));
    expect(await screen.findByText('Page 2')).toBeInTheDocument();
  });

  it('says when no customer matches the filter', async () => {
    const { user } = mount([
      eventsMock({}, []),
      { request: { query: CustomerSearchDocument, variables: { search: 'zed' } }, result: { data: { customers: { __typename: 'CustomerConnection', edges: [] } } }, maxUsageCount: 5 },
    ]);
    expect(await screen.findByText('No events match these filters.')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Customer'), 'zed');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('No customer matches “zed”.');
  });
});
