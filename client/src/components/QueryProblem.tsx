import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';

/** The code of the first GraphQL error, e.g. UNAUTHENTICATED, FORBIDDEN, NOT_FOUND. */
export function errorCode(error: unknown): string | undefined {
  if (!CombinedGraphQLErrors.is(error)) return undefined;
  const code = error.errors[0]?.extensions?.['code'];
  return typeof code === 'string' ? code : undefined;
}

/** A failed query in words, with the way forward. */
export function QueryProblem({ error, what, code: knownCode }: { readonly error?: unknown; readonly what: string; readonly code?: string }): ReactNode {
  const { portal = '' } = useParams();
  const code = knownCode ?? errorCode(error);
  let body: ReactNode;
  if (code === 'UNAUTHENTICATED') {
    body = (
      <>
        <p className="alert-title">Your session has ended.</p>
        <p className="alert-detail">
          <Link to={`/${encodeURIComponent(portal)}/login`}>Sign in again</Link> to continue.
        </p>
      </>
    );
  } else if (code === 'FORBIDDEN') {
    body = <p className="alert-title">Your account may not see {what}.</p>;
  } else if (code === 'SERVICE_UNAVAILABLE' || (ServerError.is(error) && error.statusCode === 503)) {
    // A database outage on the server's side (docs/OPERATIONS.md): it ends by itself.
    body = (
      <>
        <p className="alert-title">We can’t reach the server right now.</p>
        <p className="alert-detail">Nothing is wrong on your side. Wait a minute, then reload the page.</p>
      </>
    );
  } else if (code === 'NOT_FOUND') {
    body = <p className="alert-title">We couldn’t find {what}. It may have been removed.</p>;
  } else {
    body = (
      <>
        <p className="alert-title">We couldn’t load {what}.</p>
        <p className="alert-detail">Check your connection and reload the page.</p>
      </>
    );
  }
  return (
    <div role="alert" className="alert alert-error">
      {body}
    </div>
  );
}
