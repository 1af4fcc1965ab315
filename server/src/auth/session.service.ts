import type { EntityManager } from 'typeorm';
import { graceRunning } from '../portals/enrollment-grace';
import type { Config } from '../config';
import type { Clock } from '../lib/clock';
import { Hasher, newToken } from '../lib/tokens';
import type { AccountRow } from '../portals/account.entity';
import type { PortalRow } from '../portals/portal.entity';
import type { ProfileRow } from '../portals/profile.entity';
import type { SessionRow } from './session.entity';
import type { SessionStore } from './session.store';

/** Writing last_seen_at on every request would make each read a write; a minute of slack is enough for a 30-minute idle limit. */
const TOUCH_INTERVAL_MS = 60_000;

export interface SignedIn {
  readonly session: SessionRow;
  readonly account: AccountRow;
  readonly portal: PortalRow;
  /** The admin's profile, read with the session (null for customers, or an admin without one). */
  readonly profile: ProfileRow | null;
}

export class SessionService {
  constructor(
    private readonly db: EntityManager,
    private readonly store: SessionStore,
    private readonly hasher: Hasher,
    private readonly clock: Clock,
    private readonly config: Pick<Config, 'sessionIdleSeconds' | 'sessionAbsoluteSeconds'>,
  ) {}

  private hashOf(token: string): string {
    return this.hasher.hash('session', token);
  }

  /** A fresh token at every sign-in (no fixation); only its keyed hash is stored. */
  async create(
    m: EntityManager,
    account: Pick<AccountRow, 'id' | 'portalId' | 'kind'>,
    twoFactorGeneration: number | null,
    postponedGeneration: number | null = null,
  ): Promise<string> {
    const token = newToken();
    const now = this.clock.now();
    await this.store.insert(m, {
      tokenHash: this.hashOf(token),
      portalId: account.portalId,
      accountId: account.id,
      accountKind: account.kind,
      twoFactorGeneration,
      postponedGeneration,
      createdAt: now,
      lastSeenAt: now,
      keyId: this.hasher.keyId,
    });
    return token;
  }

  /** The live session for a cookie token, or null (unknown, idle too long, or past its absolute age). */
  async resolve(token: string | undefined): Promise<SignedIn | null> {
    if (!token || token.length > 128) return null;
    // Current key first, then SECRET_KEY_PREVIOUS, in one statement: a lookup in two steps could miss
    // a session that a concurrent request re-keyed between them (docs/OPERATIONS.md, Rotating SECRET_KEY).
    const hashes = this.hasher.hashes('session', token);
    const found = await this.store.findWithAccount(hashes);
    if (!found) return null;
    const { session, account, portal, profile } = found;
    const tokenHash = session.tokenHash;
    const now = this.clock.now().getTime();
    const idleEnd = session.lastSeenAt.getTime() + this.config.sessionIdleSeconds * 1000;
    const absoluteEnd = session.createdAt.getTime() + this.config.sessionAbsoluteSeconds * 1000;
    if (now >= idleEnd || now >= absoluteEnd) {
      await this.store.deleteByTokenHash(tokenHash);
      return null;
    }
    if (!account || !portal) return null;
    // Closes the race with the policy turning on: a customer session that passed no code under the
    // current policy is not a sign-in, even if the bulk sign-out has not reached it yet.
    if (account.kind === 'customer' && portal.twoFactorEnabled && session.twoFactorGeneration !== portal.twoFactorGeneration) {
      // A postponed enrollment's session lasts no longer than the grace period that allowed it
      // (docs/SECURITY.md, Enrollment grace period): past the deadline, the next sign-in enrolls.
      const postponed = session.postponedGeneration === portal.twoFactorGeneration && graceRunning(portal, new Date(now)) !== null;
      if (!postponed) return null;
    }
    if (tokenHash !== hashes[0]) {
      await this.store.rekey(tokenHash, hashes[0], this.hasher.keyId);
      session.tokenHash = hashes[0];
      session.keyId = this.hasher.keyId;
    }
    if (now - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
      await this.store.touch(session.tokenHash, new Date(now));
    }
    return { session, account, portal, profile };
  }

  /**
   * "Remind me later" (sign-in/sign-in.service.ts postponeEnrollment): a customer session that passed
   * no code, let in under `generation` by the portal's grace period. It counts only while that
   * generation is the portal's and the grace deadline is ahead (resolve below).
   */
  async createPostponed(m: EntityManager, account: Pick<AccountRow, 'id' | 'portalId' | 'kind'>, generation: number): Promise<string> {
    return this.create(m, account, null, generation);
  }

  async end(token: string | undefined): Promise<void> {
    if (!token) return;
    await this.store.deleteByTokenHashes(this.hasher.hashes('session', token));
  }

  /** An admin's reset: every session of the account ends, in the reset's transaction. */
  async endAllForAccount(m: EntityManager, accountId: string): Promise<void> {
    await this.store.deleteAllForAccount(m, accountId);
  }

  /**
   * The policy turning on: customer sessions that passed no code under `generation` end, in the
   * policy change's transaction (resolve() also refuses them, closing the race with this delete).
   */
  async endCustomerSessionsNotUnder(m: EntityManager, portalId: string, generation: number): Promise<void> {
    await this.store.deleteCustomerSessionsNotUnder(m, portalId, generation);
  }
}
