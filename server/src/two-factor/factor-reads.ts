import type { EntityManager } from 'typeorm';
import type { AccountRow } from '../portals/account.entity';
import type { PortalRow } from '../portals/portal.entity';
import { isEnrolled } from './enrollment.store';
import { RecoveryCodeStore } from './recovery-code.store';
import { SecondFactor } from './second-factor';
import { totpActive, TotpStore } from './totp.store';

/** What a customer has beside the password, as the account page and Customer Details show it. */
export interface CustomerFactors {
  readonly factors: SecondFactor[];
  readonly recoveryCodesRemaining: number;
  readonly authenticatorAppAddedAt: Date | null;
}

/**
 * The factors of a page of customers: the phone from the account row (isEnrolled), the apps and the
 * recovery codes left in one read each, whatever the page's size. The directory's `FactorReads` port.
 */
export class FactorReader {
  constructor(
    private readonly totp: TotpStore,
    private readonly recovery: RecoveryCodeStore,
  ) {}

  async factorsOf(accounts: ReadonlyArray<AccountRow>, portal: PortalRow): Promise<Map<string, CustomerFactors>> {
    const ids = accounts.map((a) => a.id);
    const [apps, left] = await Promise.all([this.totp.findMany(ids), this.recovery.remaining(ids, portal.twoFactorGeneration)]);
    const appOf = new Map(apps.map((a) => [a.accountId, a]));
    return new Map(
      accounts.map((a) => {
        const app = appOf.get(a.id) ?? null;
        const hasApp = totpActive(app, portal);
        const factors = [...(isEnrolled(a, portal) ? [SecondFactor.SMS] : []), ...(hasApp ? [SecondFactor.TOTP] : [])];
        return [a.id, { factors, recoveryCodesRemaining: left.get(a.id) ?? 0, authenticatorAppAddedAt: hasApp ? (app?.confirmedAt ?? null) : null }];
      }),
    );
  }
}

/** The reader over `m`'s two stores (the composition root builds it through FactorService; tests and tools directly). */
export function factorReadsOf(m: EntityManager): FactorReader {
  return new FactorReader(new TotpStore(m), new RecoveryCodeStore(m));
}
