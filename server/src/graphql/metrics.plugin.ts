import type { ApolloServerPlugin } from '@apollo/server';
import type { Metrics } from '../metrics/metrics';
import type { Context } from './context';

/**
 * portal_graphql_request_duration_seconds (docs/OPERATIONS.md, Metrics): from Apollo's start of the
 * request (the body read and the caller resolved) to its response, by operation type; a document that
 * did not parse or validate is `invalid`.
 */
export function graphqlDurations(metrics: Metrics): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse(request) {
          metrics.graphqlRequest(request.operation?.operation ?? 'invalid', (performance.now() - started) / 1000);
        },
      };
    },
  };
}
