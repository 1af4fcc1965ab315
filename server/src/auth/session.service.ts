import type { DataSource, EntityManager } from 'typeorm';
import type { Config } from '../config';
import type { Clock } from '../lib/clock';
import { Hasher, newToken } from '../lib/tokens';
import { AccountRow } from '../portals/account.entity';
import { PortalRow } from '../portals/portal.entity';
import { SessionRow } from './session.entity';

/** Writing last_seen_at on every request would make each read a write; a minute of slack is enough for a 30-minute idle limit. */
const TOUCH_INTERVAL_MS = 60_000;

export interface SignedIn {
  readonly session: SessionRow;
  readonly account: AccountRow;
  readonly portal: PortalRow;
}

export class SessionService {
  constructor(
    private readonly ds: DataSource,
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
  ): Promise<string> {
    const token = newToken();
    const now = this.clock.now();
    await m.insert(SessionRow, {
      tokenHash: this.hashOf(token),
      portalId: account.portalId,
      accountId: account.id,
      accountKind: account.kind,
      twoFactorGeneration,
      createdAt: now,
      lastSeenAt: now,
    });
    return token;
  }

  /** The live session for a cookie token, or null (unknown, idle too long, or past its absolute age). */
  async resolve(token: string | undefined): Promise<SignedIn | null> {
    if (!token || token.length > 128) return null;
    const tokenHash = this.hashOf(token);
    const session = await this.ds.manager.findOneBy(SessionRow, { tokenHash });
    if (!session) return null;
    const now = this.clock.now().getTime();
    const idleEnd = session.lastSeenAt.getTime() + this.config.sessionIdleSeconds * 1000;
    const absoluteEnd = session.createdAt.getTime() + this.config.sessionAbsoluteSeconds * 1000;
    if (now >= idleEnd || now >= absoluteEnd) {
      await this.ds.manager.delete(SessionRow, { tokenHash });
      return null;
    }
    const [account, portal] = await Promise.all([
      this.ds.manager.findOneBy(AccountRow, { id: session.accountId, portalId: session.portalId }),
      this.ds.manager.findOneBy(PortalRow, { id: session.portalId }),
    ]);
    if (!account || !portal) return null;
    // Closes the race with the policy turning on: a customer session that passed no code under the
    // current policy is not a sign-in, even if the bulk sign-out has not reached it yet.
    if (account.kind === 'customer' && portal.twoFactorEnabled && session.twoFactorGeneration !== portal.twoFactorGeneration) {
      return null;
    }
    if (now - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
      await this.ds.manager.update(SessionRow, { tokenHash }, { lastSeenAt: new Date(now) });
    }
    return { session, account, portal };
  }

  async end(token: string | undefined): Promise<void> {
    if (!token) return;
    await this.ds.manager.delete(SessionRow, { tokenHash: this.hashOf(token) });
  }

  async endAllForAccount(m: EntityManager, accountId: string): Promise<void> {
    await m.delete(SessionRow, { accountId });
  }
}
