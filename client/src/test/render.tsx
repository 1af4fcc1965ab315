import { MockedProvider } from '@apollo/client/testing/react';
import type { MockLink } from '@apollo/client/testing';
import { render, screen, type RenderResult } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement, ReactNode } from 'react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { createCache } from '../apollo/client';
import { ViewerDocument } from '../apollo/viewer.operations';
import type { SecondFactor, ViewerFieldsFragment } from '../gql/graphql';

export type Mock = MockLink.MockedResponse<Record<string, unknown>, Record<string, unknown>>;

interface Options {
  readonly mocks?: readonly Mock[];
  /** The address the test starts at, e.g. /acme/login. */
  readonly at?: string;
  /** The route pattern the element is mounted at, e.g. /:portal/login. */
  readonly path?: string;
  /** Who the cache says is signed in (null: nobody). */
  readonly viewer?: ViewerFieldsFragment | null;
}

/** Where the app went: every other address renders "Now at <path>". */
function Elsewhere(): ReactNode {
  const location = useLocation();
  return <p data-testid="location">Now at {location.pathname + location.search}</p>;
}

/** The element under a MemoryRouter and a MockedProvider with the app's cache, no network delay. */
export function renderApp(element: ReactElement, { mocks = [], at = '/acme/login', path = '/:portal/login', viewer = null }: Options = {}): RenderResult & { user: ReturnType<typeof userEvent.setup> } {
  const cache = createCache();
  cache.writeQuery({ query: ViewerDocument, data: { viewer: viewer ? { __typename: 'Viewer', ...viewer } : null } as never });
  const user = userEvent.setup();
  const result = render(
    <MockedProvider mocks={mocks} cache={cache} mockLinkDefaultOptions={{ delay: 0 }}>
      <MemoryRouter initialEntries={[at]} useTransitions={false}>
        <Routes>
          <Route path={path} element={element} />
          <Route path="*" element={<Elsewhere />} />
        </Routes>
      </MemoryRouter>
    </MockedProvider>,
  );
  return { ...result, user };
}

export async function expectLocation(path: string): Promise<void> {
  expect(await screen.findByTestId('location')).toHaveTextContent(`Now at ${path}`);
}

export const ACME = { __typename: 'Portal', slug: 'acme', name: 'Acme Freight', secondFactors: ['SMS'] as SecondFactor[] } as const;

export function customerViewer(overrides: Partial<ViewerFieldsFragment> = {}): ViewerFieldsFragment {
  return {
    __typename: 'Viewer',
    id: 'c-bob',
    kind: 'CUSTOMER',
    username: 'bob',
    displayName: 'Bob Brown',
    portal: ACME,
    profile: null,
    customer: {
      __typename: 'Customer',
      id: 'c-bob',
      company: { __typename: 'Company', id: 'co-globex', name: 'Globex' },
      twoFactor: { __typename: 'CustomerTwoFactor', status: 'ENROLLED', maskedPhone: '+1 •••-•••-0134', enrolledAt: '2026-01-02T10:00:00.000Z', factors: ['SMS'], authenticatorAppAddedAt: null, recoveryCodesRemaining: 10, passkeys: [] },
    },
    ...overrides,
  } as ViewerFieldsFragment;
}

export function adminViewer(masterAdmin: boolean): ViewerFieldsFragment {
  return {
    __typename: 'Viewer',
    id: masterAdmin ? 'a-alice' : 'a-dave',
    kind: 'ADMIN',
    username: masterAdmin ? 'alice' : 'dave',
    displayName: masterAdmin ? 'Alice Admin' : 'Dave Dispatcher',
    portal: ACME,
    profile: { __typename: 'Profile', name: masterAdmin ? 'Master Admin' : 'Dispatcher', masterAdmin },
    customer: null,
  } as ViewerFieldsFragment;
}
