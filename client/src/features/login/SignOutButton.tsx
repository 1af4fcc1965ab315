import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { useSignOut } from '../../apollo/viewer';
import type { LoginLocationState } from './LoginPage';

/** Signs out and goes back to the portal's sign-in page, which then says "signed out". */
export function SignOutButton({ portalSlug }: { readonly portalSlug: string }): ReactNode {
  const { signOut, signingOut } = useSignOut();
  const navigate = useNavigate();
  const onSignOut = async (): Promise<void> => {
    await signOut();
    const state: LoginLocationState = { notice: { kind: 'signed-out' } };
    navigate(`/${encodeURIComponent(portalSlug)}/login`, { replace: true, state });
  };
  return (
    <button type="button" className="button button-secondary button-small" onClick={() => void onSignOut()} disabled={signingOut}>
      {signingOut ? 'Signing out…' : 'Sign out'}
    </button>
  );
}
