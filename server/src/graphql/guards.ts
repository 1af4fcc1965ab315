import type { SignedIn } from '../auth/session.service';
import type { Context } from './context';
import { forbidden, unauthenticated } from './errors';

/** Role and portal come from the server's session or API key, never from input. */
export function requireSignedIn(ctx: Context): SignedIn {
  // An API key is a known caller, but only for the portal reads below.
  if (ctx.caller.kind === 'apiKey') throw forbidden('API keys are read-only: this needs a signed-in admin.');
  if (ctx.caller.kind !== 'account') throw unauthenticated();
  return ctx.caller.signedIn;
}

export function requireAdmin(ctx: Context): SignedIn {
  const s = requireSignedIn(ctx);
  if (s.account.kind !== 'admin') throw forbidden();
  return s;
}

/** Reads of a portal's 2FA data: an admin of the portal, or (read-only) an API key of it. */
export function requirePortalReader(ctx: Context): { portalId: string } {
  if (ctx.caller.kind === 'apiKey') return { portalId: ctx.caller.portalId };
  return { portalId: requireAdmin(ctx).portal.id };
}
