import type { Request } from 'express';
import { GraphQLError } from 'graphql';
import type { SignedIn } from '../auth/session.service';
import type { Caller, Role } from '../graphql/context';
import type { Services } from '../graphql/services';
import { masterAdminOf } from '../portals/admin.service';

const MINUTE_SECONDS = 60;

const NO_ROLES: ReadonlySet<Role> = new Set();
const API_KEY_ROLES: ReadonlySet<Role> = new Set(['PORTAL_READER']);
const CUSTOMER_ROLES: ReadonlySet<Role> = new Set(['CUSTOMER']);

/**
 * Who is calling, and with which roles: a bearer API key if one is sent, else the session cookie.
 * Roles are decided here once per request; the GraphQL authChecker only compares them. A bad or revoked key, or
 * one whose creator is no longer a Master Admin of its portal, is UNAUTHENTICATED for the whole
 * request rather than silently anonymous, so an integration notices.
 */
export async function resolveCaller(services: Services, req: Request, sessionToken: string | undefined): Promise<Caller> {
  const auth = req.headers.authorization;
  if (auth) {
    const match = /^Bearer\s+(\S+)$/i.exec(auth);
    const key = match ? await services.apiKeys.authenticate(match[1]) : null;
    if (!key) {
      throw new GraphQLError('The API key is not valid (unknown, malformed, revoked, or its creator is no longer a Master Admin).', {
        extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
      });
    }
    const limit = await services.limiter.consume(`api:key:${key.id}`, {
      name: 'api_key_requests_per_minute',
      points: services.config.limits.apiKeyRequestsPerMinute,
      windowSeconds: MINUTE_SECONDS,
    });
    if (!limit.allowed) {
      throw new GraphQLError(`Too many requests with this API key. Try again in ${limit.retryAfterSeconds} s.`, {
        extensions: {
          code: 'RATE_LIMITED',
          retryAfterSeconds: limit.retryAfterSeconds,
          http: { status: 429, headers: new Map([['retry-after', String(limit.retryAfterSeconds)]]) },
        },
      });
    }
    return { kind: 'apiKey', portalId: key.portalId, keyId: key.id, roles: API_KEY_ROLES };
  }
  const signedIn = await services.sessions.resolve(sessionToken);
  return signedIn ? { kind: 'account', signedIn, roles: rolesOf(signedIn) } : { kind: 'anonymous', roles: NO_ROLES };
}

function rolesOf({ account, profile }: SignedIn): ReadonlySet<Role> {
  if (account.kind !== 'admin') return CUSTOMER_ROLES;
  const roles: Role[] = ['ADMIN', 'PORTAL_READER'];
  if (masterAdminOf(account, profile)) roles.push('MASTER_ADMIN');
  return new Set(roles);
}
