import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Config } from '../config';
import { ipRateKey } from '../lib/client-ip';
import type { RateLimiter } from '../rate-limits/rate-limiter';
import { hasRefusedIdentifierCharacter, identityKey } from '../lib/identity-key';
import { AccountRow } from '../portals/account.entity';
import { PortalRow } from '../portals/portal.entity';
import { checkPassword } from '../auth/passwords';
import { upgradePasswordHash } from '../portals/account-password';
import { columnsOf, entityFrom } from '../db/raw-rows';

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
      this.limiter.consume(accountKey, { name: 'password_per_account', points: this.config.limits.passwordPerAccount, windowSeconds: window }),
      this.limiter.consume(ipKey, { name: 'password_per_ip', points: this.config.limits.passwordPerIp, windowSeconds: window }),
    ]);
    if (!byAccount.allowed || !byIp.allowed) {
      const retry = Math.max(
        byAccount.allowed ? 0 : byAccount.retryAfterSeconds,
        byIp.allowed ? 0 : byIp.retryAfterSeconds,
      );
      return { ok: false, reason: 'rate_limited', retryAfterSeconds: retry };
    }
    const nameable = !hasRefusedIdentifierCharacter(input.portal) && !hasRefusedIdentifierCharacter(input.username);
    const found = nameable ? await this.find(identityKey(input.portal), identityKey(input.username)) : null;
    const account = found?.account ?? null;
    // The portal's legacy bcrypt cost pads a wrong answer for unknown and known names alike (auth/passwords.ts).
    const verdict = await checkPassword(account?.passwordHash ?? null, input.password, found?.portal.legacyPasswordCost ?? null);
    if (!verdict.right || !found || !account) return { ok: false, reason: 'invalid' };
    // Only on the first right password of an imported bcrypt (or other-parameter) hash: one conditional UPDATE.
    if (verdict.rehashed) {
      await upgradePasswordHash(this.db, account.id, account.passwordHash, verdict.rehashed);
      account.passwordHash = verdict.rehashed;
    }
    await this.limiter.refundEach([accountKey, ipKey]);
    return { ok: true, account, portal: found.portal };
  }

  /**
   * The portal and the account in one round trip; null when the portal is unknown, the account null when
   * only the name is (the portal row still says whether a wrong answer must be padded to a legacy cost).
   */
  private async find(slugKey: string, usernameKey: string): Promise<{ portal: PortalRow; account: AccountRow | null } | null> {
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT ${columnsOf(this.db, PortalRow, 'p')}, ${columnsOf(this.db, AccountRow, 'a')}
         FROM portals p LEFT JOIN accounts a ON a.portal_id = p.id AND a.username_key = ?
        WHERE p.slug = ?`,
      [usernameKey, slugKey],
    );
    if (rows.length === 0) return null;
    const portal = entityFrom(this.db, PortalRow, 'p', rows[0]);
    return portal ? { portal, account: entityFrom(this.db, AccountRow, 'a', rows[0]) } : null;
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
