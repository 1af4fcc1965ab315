import type { ReactNode } from 'react';
import { Navigate, useParams } from 'react-router';
import { homePathFor, useViewer, type ViewerData } from '../apollo/viewer';
import type { AccountKind } from '../gql/graphql';

interface Props {
  readonly kind: AccountKind;
  readonly children: (viewer: ViewerData) => ReactNode;
}

/** Shows its children to a signed-in account of this kind and portal; sends anyone else where they belong. */
export function RequireViewer({ kind, children }: Props): ReactNode {
  const { portal = '' } = useParams();
  const { viewer, loading, error } = useViewer();
  if (loading) return <p className="page-loading">Loading…</p>;
  if (error && !viewer) {
    return (
      <div className="page-loading" role="alert">
        <p>We couldn’t reach the server. Check your connection and reload the page.</p>
      </div>
    );
  }
  if (!viewer || viewer.portal.slug !== portal) return <Navigate to={`/${encodeURIComponent(portal)}/login`} replace />;
  if (viewer.kind !== kind) return <Navigate to={homePathFor(viewer)} replace />;
  return children(viewer);
}
