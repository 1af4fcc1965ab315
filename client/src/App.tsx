import { ApolloProvider } from '@apollo/client/react';
import type { ApolloClient } from '@apollo/client';
import type { ReactNode } from 'react';
import { BrowserRouter } from 'react-router';
import { AppRoutes } from './routes';

export function App({ client }: { readonly client: ApolloClient }): ReactNode {
  return (
    <ApolloProvider client={client}>
      {/* Navigations render at once, not as transitions: queries whose variables come from the URL
          (filters, pages) would otherwise start requests from renders React then throws away. */}
      <BrowserRouter useTransitions={false}>
        <AppRoutes />
      </BrowserRouter>
    </ApolloProvider>
  );
}
