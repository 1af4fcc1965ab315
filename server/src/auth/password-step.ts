import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import { ipRateKey } from '../lib/client-ip';
import type { RateLimiter } from '../lib/rate-limiter';
import { AccountRow, usernameKey } from '../portals/account.entity';
import { PortalRow } from '../portals/portal.entity';
import { verifyPassword } from './passwords';

export type PasswordCheck =
  | { ok: true; account: AccountRow; portal: PortalRow }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'rate_limited'; retryAfterSeconds: number };

/**
 * The password step. Unknown portal, unknown user and wrong password are one answer with one cost
 * (a dummy argon2 verify), and the per-account limit is keyed by what was typed, existing or not, so
 * neither the answer, the time nor RATE_LIMITED says whether an account exists.
 */
export class PasswordStep {
  constructor(
    private readonly ds: DataSource,
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
    const portal = await this.ds.manager.findOneBy(PortalRow, { slug: input.portal.trim().toLowerCase() });
    const account = portal
      ? await this.ds.manager.findOneBy(AccountRow, { portalId: portal.id, usernameKey: usernameKey(input.username) })
      : null;
    const right = await verifyPassword(account?.passwordHash ?? null, input.password);
    if (!right || !account || !portal) return { ok: false, reason: 'invalid' };
    await Promise.all([this.limiter.refund(accountKey), this.limiter.refund(ipKey)]);
    return { ok: true, account, portal };
  }
}

/**
 * The per-account counter's key: a digest of what was typed, so that it fits rate_counters.counter_key
 * (191 characters) whatever the length of the portal and username (each up to 200 characters), and the
 * counters table does not keep typed usernames in the clear.
 */
export function passwordAccountKey(portal: string, username: string): string {
  const digest = createHash('sha256').update(portal.trim().toLowerCase()).update('\u0000').update(usernameKey(username)).digest('hex');
  return `pw:acct:${digest}`;
}
