import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import type { SignedIn } from '../auth/session.service';
import type { Services } from './services';

/**
 * What a caller may do, decided once per request (http/caller.ts) and checked by the one authChecker
 * (auth-checker.ts) through `@Authorized(...)` on each field.
 * - ADMIN: a signed-in admin of the portal;
 * - MASTER_ADMIN: an admin whose profile has the Master Admin option;
 * - PORTAL_READER: an admin of the portal, or (read-only) an API key of it;
 * - CUSTOMER: a signed-in customer, for the changes of their own sign-in on the account page.
 */
export type Role = 'ADMIN' | 'MASTER_ADMIN' | 'PORTAL_READER' | 'CUSTOMER';

/** Who is calling, from the session cookie or an API key; role and portal never come from input. */
export type Caller =
  | { kind: 'anonymous'; roles: ReadonlySet<Role> }
  | { kind: 'account'; signedIn: SignedIn; roles: ReadonlySet<Role> }
  | { kind: 'apiKey'; portalId: string; keyId: string; roles: ReadonlySet<Role> };

/** The session cookie, as the sign-in and logout see it: the HTTP layer decides how it is written. */
export interface SessionCookiePort {
  /** The token the request came with, if any. */
  readonly token: string | undefined;
  issue(token: string): void;
  clear(): void;
}

export interface Context {
  readonly req: Request;
  readonly res: Response;
  readonly requestId: string;
  readonly ip: string;
  readonly log: Logger;
  readonly caller: Caller;
  readonly session: SessionCookiePort;
  readonly services: Services;
}

/**
 * The signed-in account of a field behind @Authorized('ADMIN') or ('MASTER_ADMIN'). The checker has
 * let only such callers through; anything else here is a field missing its @Authorized, a bug.
 */
export function signedInAdmin(ctx: Context): SignedIn {
  if (ctx.caller.kind !== 'account' || ctx.caller.signedIn.account.kind !== 'admin') {
    throw new Error('a field that needs an admin has no @Authorized');
  }
  return ctx.caller.signedIn;
}

/** The signed-in customer of a field behind @Authorized('CUSTOMER'); anything else is a field missing its @Authorized. */
export function signedInCustomer(ctx: Context): SignedIn {
  if (ctx.caller.kind !== 'account' || ctx.caller.signedIn.account.kind !== 'customer') {
    throw new Error('a field that needs a customer has no @Authorized');
  }
  return ctx.caller.signedIn;
}

/** The portal a field behind @Authorized('PORTAL_READER') reads: the admin's or the API key's. */
export function readerPortalId(ctx: Context): string {
  if (ctx.caller.kind === 'apiKey') return ctx.caller.portalId;
  return signedInAdmin(ctx).portal.id;
}
