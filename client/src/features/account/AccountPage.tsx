import type { ReactNode } from 'react';
import type { ViewerData } from '../../apollo/viewer';
import { Heading } from '../../components/Heading';
import { StatusBadge } from '../../components/StatusBadge';
import { TopbarBrand } from '../../components/TopbarBrand';
import { formatDateTime } from '../../lib/format';
import { SignOutButton } from '../login/SignOutButton';
import { AuthenticatorAppCard } from './AuthenticatorAppCard';
import { PasskeysCard } from './PasskeysCard';
import { RecoveryCodesCard } from './RecoveryCodesCard';

/** /:portal/account — a signed-in customer: who they are, their two-factor status, sign out. */
export function AccountPage({ viewer }: { readonly viewer: ViewerData }): ReactNode {
  const twoFactor = viewer.customer?.twoFactor;
  const enrolled = twoFactor?.status === 'ENROLLED';

  return (
    <div className="app-shell">
      <header className="topbar">
        <div className="topbar-inner">
          <TopbarBrand name={viewer.portal.name} />
          <SignOutButton portalSlug={viewer.portal.slug} />
        </div>
      </header>
      <main className="page page-narrow" id="main">
        <Heading>Welcome, {viewer.displayName}</Heading>
        <p className="lead">
          You are signed in as <strong>{viewer.username}</strong>
          {viewer.customer ? (
            <>
              {' '}
              at <strong>{viewer.customer.company.name}</strong>
            </>
          ) : null}
          .
        </p>
        <section className="card" aria-labelledby="twofactor-heading">
          <div className="card-header">
            <h2 id="twofactor-heading">Two-factor authentication</h2>
            <StatusBadge status={twoFactor?.status ?? 'NOT_ENROLLED'} />
          </div>
          {enrolled ? (
            <>
              <dl className="details">
                <div>
                  <dt>Codes are sent to</dt>
                  <dd className="nowrap">{twoFactor?.maskedPhone ?? '—'}</dd>
                </div>
                <div>
                  <dt>Enrolled on</dt>
                  <dd>{formatDateTime(twoFactor?.enrolledAt)}</dd>
                </div>
              </dl>
              <p className="muted">
                {twoFactor?.factors.includes('PASSKEY')
                  ? 'Each sign-in asks for your passkey; a code texted to this phone is there if you need it.'
                  : twoFactor?.factors.includes('TOTP')
                    ? 'Each sign-in asks for your authenticator app’s code; a code texted to this phone is there if you need it.'
                    : 'Each sign-in asks for a code texted to this phone.'}{' '}
                To use a different phone, ask an administrator of this portal to reset your two-factor authentication; you will then enroll the new
                number at your next sign-in.
              </p>
            </>
          ) : (
            <p className="muted">
              No phone is enrolled. If your administrator turns on two-factor authentication, you will be asked to add a mobile number the next time
              you sign in.
            </p>
          )}
        </section>
        <AuthenticatorAppCard viewer={viewer} />
        <PasskeysCard viewer={viewer} />
        <RecoveryCodesCard viewer={viewer} />
      </main>
    </div>
  );
}
