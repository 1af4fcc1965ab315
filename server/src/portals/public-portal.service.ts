import { GraphQLError } from 'graphql';
import type { EntityManager } from 'typeorm';
import type { Config } from '../config';
import { ipRateKey } from '../lib/client-ip';
import { hasRefusedIdentifierCharacter, identityKey } from '../lib/identity-key';
import type { RateLimiter } from '../rate-limits/rate-limiter';
import { PortalRow, smsCountryList } from './portal.entity';

const LOOKUP_WINDOW_SECONDS = 15 * 60;
const MAX_SLUG_CHARS = 64;

export interface PublicPortalView {
  slug: string;
  name: string;
  smsCountries: string[] | null;
}

/**
 * The login page's portal lookup, open to anyone (docs/SECURITY.md says why). Each answer tells
 * whether a slug is a tenant, so lookups are counted per client address like password attempts:
 * a page load needs one, walking a word list needs thousands.
 */
export class PublicPortalService {
  constructor(
    private readonly db: EntityManager,
    private readonly limiter: RateLimiter,
    private readonly config: Config,
  ) {}

  async lookup(slug: string, ip: string): Promise<PublicPortalView | null> {
    const limit = await this.limiter.consume(`portal:ip:${ipRateKey(ip)}`, {
      name: 'portal_lookup_per_ip',
      points: this.config.limits.portalLookupPerIp,
      windowSeconds: LOOKUP_WINDOW_SECONDS,
    });
    if (!limit.allowed) {
      throw new GraphQLError(`Too many portal lookups from this address. Try again in ${limit.retryAfterSeconds} s.`, {
        extensions: { code: 'RATE_LIMITED', retryAfterSeconds: limit.retryAfterSeconds },
      });
    }
    if (slug.length > MAX_SLUG_CHARS || hasRefusedIdentifierCharacter(slug)) return null;
    // The sign-in's own key, so the login page names the portal that login would use, and no other.
    const row = await this.db.findOneBy(PortalRow, { slug: identityKey(slug) });
    return row ? { slug: row.slug, name: row.name, smsCountries: smsCountryList(row) } : null;
  }
}
