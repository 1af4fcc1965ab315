import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { useCallback } from 'react';
import type { ViewerFieldsFragment } from '../gql/graphql';
import { LogoutDocument, ViewerDocument } from './viewer.operations';

export type ViewerData = ViewerFieldsFragment;

export interface ViewerState {
  readonly viewer: ViewerData | null;
  readonly loading: boolean;
  readonly error: Error | undefined;
}

/** Who is signed in (null when nobody), from the cache once known. */
export function useViewer(): ViewerState {
  const { data, loading, error } = useQuery(ViewerDocument, { fetchPolicy: 'cache-first' });
  return { viewer: data?.viewer ?? null, loading: loading && !data, error };
}

/** Where a signed-in account starts: admins in the admin panes, customers on their page. */
export function homePathFor(viewer: Pick<ViewerData, 'kind' | 'portal'>): string {
  const portal = encodeURIComponent(viewer.portal.slug);
  return viewer.kind === 'ADMIN' ? `/${portal}/admin` : `/${portal}/account`;
}

/** Puts the account a sign-in step answered with into the cache, so every screen knows at once. */
export function useRememberViewer(): (viewer: ViewerData) => void {
  const client = useApolloClient();
  return useCallback(
    (viewer: ViewerData) => {
      client.writeQuery({ query: ViewerDocument, data: { viewer } });
    },
    [client],
  );
}

/** Ends the session on the server, then forgets everything this browser had cached. */
export function useSignOut(): { signOut: () => Promise<void>; signingOut: boolean } {
  const client = useApolloClient();
  const [logout, { loading }] = useMutation(LogoutDocument);
  const signOut = useCallback(async () => {
    try {
      await logout();
    } finally {
      await client.clearStore();
      client.writeQuery({ query: ViewerDocument, data: { viewer: null } });
    }
  }, [client, logout]);
  return { signOut, signingOut: loading };
}
