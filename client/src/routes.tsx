import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes, useParams } from 'react-router';
import { homePathFor, useViewer } from './apollo/viewer';
import { RequireViewer } from './components/RequireViewer';
import { AccountPage } from './features/account/AccountPage';
import { NotFoundPage } from './features/home/NotFoundPage';
import { StartPage } from './features/home/StartPage';
import { LoginPage } from './features/login/LoginPage';

// Its own chunk: loaded only when an admin is signed in.
const AdminApp = lazy(() => import('./features/admin/AdminApp'));

/**
 * /                     which portal?
 * /:portal              → login, or the signed-in account's home
 * /:portal/login        the sign-in wizard (customers and admins)
 * /:portal/account      a signed-in customer
 * /:portal/admin/*      the admin panes
 */
export function AppRoutes(): ReactNode {
  return (
    <Routes>
      <Route path="/" element={<StartPage />} />
      <Route path="/:portal" element={<PortalIndex />} />
      <Route path="/:portal/login" element={<LoginPage />} />
      <Route path="/:portal/account" element={<RequireViewer kind="CUSTOMER">{(viewer) => <AccountPage viewer={viewer} />}</RequireViewer>} />
      <Route
        path="/:portal/admin/*"
        element={
          <RequireViewer kind="ADMIN">
            {(viewer) => (
              <Suspense fallback={<p className="page-loading">Loading…</p>}>
                <AdminApp viewer={viewer} />
              </Suspense>
            )}
          </RequireViewer>
        }
      />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

function PortalIndex(): ReactNode {
  const { portal = '' } = useParams();
  const { viewer, loading } = useViewer();
  if (loading) return <p className="page-loading">Loading…</p>;
  if (viewer && viewer.portal.slug === portal) return <Navigate to={homePathFor(viewer)} replace />;
  return <Navigate to={`/${encodeURIComponent(portal)}/login`} replace />;
}
