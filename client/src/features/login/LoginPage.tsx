import { useQuery } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { Navigate, useLocation, useParams } from 'react-router';
import { homePathFor, useViewer } from '../../apollo/viewer';
import { AuthLayout } from '../../components/AuthLayout';
import { PublicPortalDocument } from './login.operations';
import { SignInWizard } from './SignInWizard';
import { DEV_OUTBOX_PATH, useDevOutbox } from './use-dev-outbox';
import type { PasswordNotice } from './wizard.types';

/** Where navigation to the login page can say why (signed out, session ended). */
export interface LoginLocationState {
  readonly notice?: PasswordNotice;
}

/** /:portal/login — customers and admins of the portal sign in here. */
export function LoginPage(): ReactNode {
  const { portal = '' } = useParams();
  const location = useLocation();
  const { viewer, loading } = useViewer();
  const devOutbox = useDevOutbox();
  // The portal's name and SMS countries; until they arrive (or if the slug is unknown) the slug stands in.
  const publicPortal = useQuery(PublicPortalDocument, { variables: { slug: portal } }).data?.portal ?? null;
  const notice = (location.state as LoginLocationState | null)?.notice ?? null;

  if (viewer && viewer.portal.slug === portal) return <Navigate to={homePathFor(viewer)} replace />;

  const footer = devOutbox ? (
    <p className="dev-note">
      Development server: text messages are not really sent.{' '}
      <a href={DEV_OUTBOX_PATH} target="_blank" rel="noreferrer">
        Read them in the SMS outbox<span className="visually-hidden"> (opens in a new tab)</span>
      </a>
      .
    </p>
  ) : null;

  return (
    <AuthLayout portal={portal} portalName={publicPortal?.name} footer={footer}>
      {loading ? (
        <p className="muted">Loading…</p>
      ) : (
        <SignInWizard portal={portal} initialNotice={notice} countries={publicPortal?.smsCountries ?? null} />
      )}
    </AuthLayout>
  );
}
