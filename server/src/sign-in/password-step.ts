import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Config } from '../config';
import { ipRateKey } from '../lib/client-ip';
import type { RateLimiter } from '../rate-limits/rate-limiter';
import { hasRefusedIdentifierCharacter, identityKey } from '../lib/identity-key';
import { AccountRow } from '../portals/account.entity';
import { PortalRow } from '../portals/portal.entity';
import { verifyPassword } from '../auth/passwords';

export type PasswordCheck =
  | { ok: true; account: AccountRow; portal: PortalRow }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'rate_limited'; retryAfterSeconds: number };

/**
 * The password step. Unknown portal, unknown user and wrong password are one answer with one cost
 * (a dummy argon2 verify), and the per-account limit is keyed by what was typed, existing or not, so
 * neither the answer, the time nor RATE_LIMITED says whether an account exists.
 *
 * The row is found by the same identityKey the limit is keyed on, in a binary comparison, so every
 * spelling that can reach an account's password hash spends that account's one budget. A portal or
 * username with a character no identifier may hold (zero-width, bidi, control) names nobody: it is
 * INVALID_CREDENTIALS with the same dummy verify and the same counting as any unknown name.
 */
export class PasswordStep {
  constructor(
    private readonly db: EntityManager,
    private readonly limiter: RateLimiter,
    private readonly config: Pick<Config, 'limits'>,
  ) {}

  async check(input: { portal: string; username: string; password: string }, ip: string): Promise<PasswordCheck> {
    const window = this.config.limits.passwordWindowSeconds;
    const accountKey = passwordAccountKey(input.portal, input.username);
    const ipKey = `pw:ip:${ipRateKey(ip)}`;
    // Reserve before verifying, refund when right: concurrent guesses cannot all slip in under the limit.
    const [byAccount, byIp] = await Promise.all([
      this.limiter.consume(accountKey, { points: this.config.limits.passwordPerAccount, windowSeconds: window }),
      this.limiter.consume(ipKey, { points: this.config.limits.passwordPerIp, windowSeconds: window }),
    ]);
    if (!byAccount.allowed || !byIp.allowed) {
      const retry = Math.max(
        byAccount.allowed ? 0 : byAccount.retryAfterSeconds,
        byIp.allowed ? 0 : byIp.retryAfterSeconds,
      );
      return { ok: false, reason: 'rate_limited', retryAfterSeconds: retry };
    }
    const nameable = !hasRefusedIdentifierCharacter(input.portal) && !hasRefusedIdentifierCharacter(input.username);
    const portal = nameable ? await this.db.findOneBy(PortalRow, { slug: identityKey(input.portal) }) : null;
    const account = portal
      ? await this.db.findOneBy(AccountRow, { portalId: portal.id, usernameKey: identityKey(input.username) })
      : null;
    const right = await verifyPassword(account?.passwordHash ?? null, input.password);
    if (!right || !account || !portal) return { ok: false, reason: 'invalid' };
    await Promise.all([this.limiter.refund(accountKey), this.limiter.refund(ipKey)]);
    return { ok: true, account, portal };
  }
}

/**
 * The per-account counter's key: a digest of the identity keys of what was typed (the very keys the
 * lookup uses), so that it fits rate_counters.counter_key (191 characters) whatever the length of the
 * portal and username (each up to 200 characters), and the counters table does not keep typed
 * usernames in the clear.
 */
export function passwordAccountKey(portal: string, username: string): string {
  const digest = createHash('sha256').update(identityKey(portal)).update('\u0000').update(identityKey(username)).digest('hex');
  return `pw:acct:${digest}`;
}
