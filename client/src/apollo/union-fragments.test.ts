/**
 * @jest-environment node
 */
import { ApolloClient } from '@apollo/client';
import { MockLink } from '@apollo/client/testing';
import { ViewerFieldsFragmentDoc } from '../gql/graphql';
import { LoginDocument, ResendCodeDocument } from '../features/login/login.operations';
import { challenge, problem } from '../features/login/wizard.fixtures';
import { customerViewer } from '../test/render';
import { createCache } from './client';

/**
 * The sign-in answers are unions, and each member's fields come from a named fragment on that member
 * type. The app's cache has no possibleTypes: it matches a fragment whose type condition is the
 * object's own __typename, and these tests hold that true for the real documents and the real cache.
 * A fragment written on the union itself (or on another supertype) would not match here, and the
 * viewer a sign-in answered with would never reach the cache.
 */
function clientAnswering(mocks: ConstructorParameters<typeof MockLink>[0]): ApolloClient {
  return new ApolloClient({ cache: createCache(), link: new MockLink(mocks, { defaultOptions: { delay: 0 } }) });
}

describe('fragments on union members, in the app cache', () => {
  let warnings: jest.SpyInstance;
  beforeEach(() => {
    warnings = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => {
    expect(warnings).not.toHaveBeenCalled();
    warnings.mockRestore();
  });

  it('writes the viewer of an Authenticated answer, so every screen knows who signed in', async () => {
    const viewer = customerViewer();
    const input = { portal: 'acme', username: 'bob', password: 'pw' };
    const client = clientAnswering([{ request: { query: LoginDocument, variables: { input } }, result: { data: { login: { __typename: 'Authenticated', viewer } } } }]);

    const { data } = await client.mutate({ mutation: LoginDocument, variables: { input } });

    expect(data?.login.__typename).toBe('Authenticated');
    const cached = client.cache.readFragment({ id: client.cache.identify(viewer), fragment: ViewerFieldsFragmentDoc, fragmentName: 'ViewerFields' });
    expect(cached).toEqual(viewer);
  });

  it('keeps each member apart: a challenge for CodeSent, the problem fields for Problem', async () => {
    const sent = challenge('t2', 'VERIFY_CODE');
    const refused = problem('RATE_LIMITED', { retryAfterSeconds: 30 });
    const client = clientAnswering([
      { request: { query: ResendCodeDocument, variables: { input: { challengeToken: 't1' } } }, result: { data: { resendCode: { __typename: 'CodeSent', challenge: sent } } } },
      { request: { query: ResendCodeDocument, variables: { input: { challengeToken: 't2' } } }, result: { data: { resendCode: refused } } },
    ]);

    const first = (await client.mutate({ mutation: ResendCodeDocument, variables: { input: { challengeToken: 't1' } } })).data?.resendCode;
    const second = (await client.mutate({ mutation: ResendCodeDocument, variables: { input: { challengeToken: 't2' } } })).data?.resendCode;

    expect(first).toEqual({ __typename: 'CodeSent', challenge: sent });
    expect(second).toEqual(refused);
  });
});
