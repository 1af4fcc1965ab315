import { ApolloProvider } from '@apollo/client/react';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { createApolloClient } from '../../apollo/client';
import { LoginPage } from './LoginPage';

/**
 * The sign-in page while the server cannot serve (docs/OPERATIONS.md, Database outages): the app's own
 * Apollo client and HttpLink read what the server sends during a database outage (HTTP 503 with
 * SERVICE_UNAVAILABLE, in either content type) and a network failure, and the person sees the same
 * "can't reach the server" words, keeps what they typed and can simply press Sign in again.
 */

type Reply = { status: number; contentType: string; body: unknown } | 'network down';

/** What the server sends during a database outage (server/src/graphql/service-unavailable.ts). */
const OUTAGE = {
  errors: [{ message: 'The service is unavailable for a moment. Try again shortly.', path: ['login'], extensions: { code: 'SERVICE_UNAVAILABLE' } }],
  data: null,
};
const GRAPHQL_JSON = 'application/graphql-response+json; charset=utf-8';

/** Stands in for the network: answers the page's queries, and each login with the next scripted reply. */
function serverThat(loginReplies: Reply[]): typeof fetch {
  return (async (_url: unknown, init?: { body?: unknown }) => {
    const { operationName, query } = JSON.parse(String(init?.body)) as { operationName?: string; query: string };
    let reply: Reply;
    if (/mutation/.test(query)) {
      reply = loginReplies.shift() ?? 'network down';
    } else if (/portal\(/.test(query)) {
      reply = { status: 200, contentType: GRAPHQL_JSON, body: { data: { portal: { __typename: 'Portal', slug: 'acme', name: 'Acme Freight', smsCountries: ['US'] } } } };
    } else {
      reply = { status: 200, contentType: GRAPHQL_JSON, body: { data: { viewer: null } } };
    }
    if (reply === 'network down') throw new TypeError(`Failed to fetch (${operationName ?? 'operation'})`);
    const text = JSON.stringify(reply.body);
    const { status, contentType } = reply;
    return { ok: status < 300, status, headers: { get: (name: string) => (name.toLowerCase() === 'content-type' ? contentType : null) }, text: async () => text };
  }) as unknown as typeof fetch;
}

function mountWith(replies: Reply[]) {
  const realFetch = globalThis.fetch;
  globalThis.fetch = serverThat(replies);
  const user = userEvent.setup();
  const view = render(
    <ApolloProvider client={createApolloClient('http://portal.test/graphql')}>
      <MemoryRouter initialEntries={['/acme/login']}>
        <Routes>
          <Route path="/:portal/login" element={<LoginPage />} />
        </Routes>
      </MemoryRouter>
    </ApolloProvider>,
  );
  return { user, view, restore: () => (globalThis.fetch = realFetch) };
}

const errorAlert = () => screen.getAllByRole('alert').find((el) => el.textContent !== '') as HTMLElement | undefined;

describe('the sign-in page when the server cannot be reached', () => {
  let restore: () => void = () => undefined;
  afterEach(() => restore());

  it.each<[string, Reply]>([
    ['a 503 SERVICE_UNAVAILABLE (graphql-response+json)', { status: 503, contentType: GRAPHQL_JSON, body: OUTAGE }],
    ['a 503 SERVICE_UNAVAILABLE (application/json)', { status: 503, contentType: 'application/json; charset=utf-8', body: OUTAGE }],
    ['a network failure', 'network down'],
  ])('says so for %s, keeps what was typed, and signs in when the server is back', async (_what, failure) => {
    const back = { status: 200, contentType: GRAPHQL_JSON, body: { data: { login: { __typename: 'Problem', code: 'INVALID_CREDENTIALS', message: 'No.', attemptsRemaining: null, retryAfterSeconds: null } } } };
    const mounted = mountWith([failure, back]);
    restore = mounted.restore;
    const { user } = mounted;
    await user.type(await screen.findByLabelText('Username'), 'bob');
    await user.type(screen.getByLabelText('Password'), 'my password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    await waitFor(() => expect(errorAlert()).toHaveTextContent('We can’t reach the server right now.'));
    expect(errorAlert()).toHaveTextContent('What you typed is still here');
    expect(errorAlert()).not.toHaveTextContent(/SERVICE_UNAVAILABLE|503|unavailable for a moment|Failed to fetch/);
    expect(screen.getByLabelText('Username')).toHaveValue('bob');
    expect(screen.getByLabelText('Password')).toHaveValue('my password');

    // The server answers again: the same button, nothing retyped, and this time its real answer.
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(errorAlert()).toHaveTextContent('That username and password don’t match.'));
  });
});
