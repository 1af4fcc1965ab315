import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';

/**
 * The cache's view of the schema: objects without an id of their own are merged into their parent
 * (a customer's twoFactor, a viewer's profile), and the policy is a singleton, so the answer of
 * setTwoFactorPolicy updates every screen that shows it. No possibleTypes: every fragment is written on
 * a concrete type (a union's member, never the union), which the cache matches by __typename alone.
 */
export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      Portal: { keyFields: ['slug'] },
      TwoFactorPolicy: { keyFields: [] },
      CustomerTwoFactor: { merge: true },
      Profile: { merge: true },
    },
  });
}

/** Same-origin /graphql; the session is an HttpOnly cookie the browser sends by itself. */
export function createApolloClient(uri = '/graphql'): ApolloClient {
  return new ApolloClient({
    link: new HttpLink({ uri, credentials: 'same-origin' }),
    cache: createCache(),
  });
}
