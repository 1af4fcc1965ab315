import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from './context';
import { isOutage, SERVICE_UNAVAILABLE, SERVICE_UNAVAILABLE_MESSAGE } from './service-unavailable';

/** Codes a caller is meant to see; anything else is a bug or an outage and is masked. */
export const PUBLIC_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'RATE_LIMITED',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * Unexpected errors reach the caller as a plain internal error (no stack, no SQL) and the log with the
 * full detail. The request id ties the two together without leaking anything.
 */
export function makeFormatError(includeStack: boolean, hideSuggestions = !includeStack) {
  return (formatted: GraphQLFormattedError, error?: unknown): GraphQLFormattedError => {
    if (isMalformedRequest(error)) {
      return { message: formatted.message, extensions: { code: 'BAD_REQUEST' } };
    }
    // An outage is neither masked as a bug nor allowed to carry the driver's words (docs/OPERATIONS.md).
    if (formatted.extensions?.code === SERVICE_UNAVAILABLE || isOutage(error)) {
      return { message: SERVICE_UNAVAILABLE_MESSAGE, path: formatted.path, extensions: { code: SERVICE_UNAVAILABLE } };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && PUBLIC_CODES.has(code)) {
      const message = hideSuggestions ? withoutSuggestions(formatted.message) : formatted.message;
      if (includeStack) return { ...formatted, message };
      return { message, locations: formatted.locations, path: formatted.path, extensions: pick(formatted.extensions) };
    }
    return {
      message: 'Something went wrong on our side. Try again in a moment.',
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

/**
 * graphql-js appends schema hints ("Did you mean the enum value \"ENROLLED\"?") to more than the
 * validation errors Apollo's hideSchemaDetailsFromClientErrors cleans: variable coercion errors
 * (a misspelled enum value or input field in `variables`) keep them. They name parts of the schema
 * that introspection is off to hide, so they go here, for every error.
 */
export function withoutSuggestions(message: string): string {
  return message.replace(/\s*Did you mean\b[\s\S]*?\?(?=\s|$)/g, '');
}

/**
 * Errors Apollo raises about the request itself before any of our code runs (a persisted-query hash
 * that does not match its query, an unknown persisted-query version) carry an HTTP 4xx but no code.
 * They are the caller's mistake: a short reason for them, nothing for the error log.
 */
export function isMalformedRequest(error: unknown): boolean {
  if (!(error instanceof GraphQLError) || error.extensions?.code !== undefined) return false;
  const status = (error.extensions?.http as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

function pick(ext: GraphQLFormattedError['extensions']): Record<string, unknown> {
  // validationErrors: a library's report that can hold the caller's input, passwords included.
  const { stacktrace: _drop, validationErrors: _input, ...rest } = (ext ?? {}) as Record<string, unknown>;
  return rest;
}

/** Logs what formatError masks, with the request's logger (request id, caller). */
export const logUnexpectedErrors: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ errors, contextValue }) {
        for (const e of errors) {
          const code = e.extensions?.code;
          // Outages are logged once per request at warn by answerOutagesWith503.
          if ((typeof code === 'string' && PUBLIC_CODES.has(code)) || isMalformedRequest(e) || isOutage(e)) continue;
          contextValue.log.error({ err: e.originalError ?? e, path: e.path }, 'unexpected error in a GraphQL request');
        }
      },
    };
  },
};
