import type { AuthCheckerFn } from 'type-graphql';
import type { Context, Role } from './context';
import { forbidden, unauthenticated } from './errors';

const MASTER_ADMIN_ONLY = 'Only an admin whose profile has the Master Admin option can do this.';

/**
 * The one authorization check: a field marked @Authorized('ROLE') runs only for a caller holding the
 * role (roles are resolved once per request in http/caller.ts). It throws the project's own errors
 * rather than returning false, so callers see the codes they always have: UNAUTHENTICATED when nobody
 * is signed in, FORBIDDEN for a known caller without the right.
 */
export const authChecker: AuthCheckerFn<Context, Role> = ({ context }, roles) => {
  const { caller } = context;
  if (roles.some((r) => caller.roles.has(r))) return true;
  // An API key is a known caller, but only for the portal reads.
  if (caller.kind === 'apiKey') throw forbidden('API keys are read-only: this needs a signed-in admin.');
  if (caller.kind === 'anonymous') throw unauthenticated();
  if (roles.includes('MASTER_ADMIN') && caller.roles.has('ADMIN')) throw forbidden(MASTER_ADMIN_ONLY);
  throw forbidden();
};
