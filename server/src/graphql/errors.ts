import { GraphQLError } from 'graphql';

/** Errors that are not sign-in outcomes: a caller without the right, a missing object, bad input. */
export function unauthenticated(): GraphQLError {
  return new GraphQLError('Sign in first.', { extensions: { code: 'UNAUTHENTICATED' } });
}

export function forbidden(message = 'You are not allowed to do this.'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}

/** One answer for "not there" and "not yours", so ids of other portals tell nothing. */
export function notFound(what = 'object'): GraphQLError {
  return new GraphQLError(`No such ${what}.`, { extensions: { code: 'NOT_FOUND' } });
}

export function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}
