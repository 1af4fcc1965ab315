import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { Context } from './context';

/** API keys are read-only: any mutation sent with one is refused before it runs, whatever the field. */
export const readOnlyApiKeys: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, contextValue }) {
        if (operation?.operation === 'mutation' && contextValue.caller.kind === 'apiKey') {
          throw new GraphQLError('API keys are read-only.', { extensions: { code: 'FORBIDDEN', http: { status: 200 } } });
        }
      },
    };
  },
};
