import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { isDatabaseUnavailable } from '../db/unavailable';
import type { Context } from './context';

/**
 * A database outage, as callers see it: GraphQL code SERVICE_UNAVAILABLE and HTTP 503, so the SPA and
 * integrations can tell "try again in a moment" from a bug, with one message and never a stack or SQL
 * (docs/OPERATIONS.md, Database outages).
 */
export const SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE';
export const SERVICE_UNAVAILABLE_MESSAGE = 'The service is unavailable for a moment. Try again shortly.';
/** Seconds a caller is told to wait; an outage measured here lasts at least the database's restart. */
export const RETRY_AFTER_SECONDS = 5;
const HTTP_SERVICE_UNAVAILABLE = 503;

export function serviceUnavailable(): GraphQLError {
  return new GraphQLError(SERVICE_UNAVAILABLE_MESSAGE, {
    extensions: { code: SERVICE_UNAVAILABLE, http: { status: HTTP_SERVICE_UNAVAILABLE } },
  });
}

/** A GraphQL error (or what it wraps) that is an outage rather than a bug. */
export function isOutage(error: unknown): boolean {
  const code = (error as { extensions?: { code?: unknown } } | undefined)?.extensions?.code;
  return code === SERVICE_UNAVAILABLE || isDatabaseUnavailable(error);
}

/**
 * Resolver errors do not set the HTTP status; this makes a response with an outage among its errors a
 * 503 with Retry-After, and logs the outage once per request at warn (it is not a bug: no stack).
 */
export const answerOutagesWith503: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async willSendResponse({ errors, response, contextValue }) {
        const outage = errors?.find(isOutage);
        if (!outage) return;
        response.http.status = HTTP_SERVICE_UNAVAILABLE;
        response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
        contextValue.log.warn({ reason: (outage.originalError ?? outage).message }, 'request failed: database unavailable');
      },
    };
  },
};
