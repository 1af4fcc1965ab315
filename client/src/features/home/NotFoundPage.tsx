import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Heading } from '../../components/Heading';

export function NotFoundPage({ embedded = false }: { readonly embedded?: boolean }): ReactNode {
  const body = (
    <>
      <Heading>Page not found</Heading>
      <p className="lead">There is nothing at this address. Check the link, or start again from the beginning.</p>
      <p>
        <Link to="/">Go to the start page</Link>
      </p>
    </>
  );
  if (embedded) return body;
  return (
    <main className="page page-narrow" id="main">
      {body}
    </main>
  );
}
