import type { EntityManager } from 'typeorm';
import type { AccountRow } from '../portals/account.entity';
import type { PortalRow } from '../portals/portal.entity';
import { isEnrolled } from './enrollment.store';
import { RecoveryCodeStore } from './recovery-code.store';
import { SecondFactor } from './second-factor';
import { totpActive, TotpStore } from './totp.store';
import type { PasskeyRow } from './passkey.entity';
import { passkeysActive, PasskeyStore } from './passkey.store';

/** What a customer has beside the password, as the account page and Customer Details show it. */
export interface CustomerFactors {
  readonly factors: SecondFactor[];
  readonly recoveryCodesRemaining: number;
  readonly authenticatorAppAddedAt: Date | null;
  /** The passkeys that count now, oldest first. */
  readonly passkeys: PasskeyView[];
}

/** A passkey as the account page lists it: nothing the customer typed, nothing secret. */
export interface PasskeyView {
  readonly id: string;
  /** `multiDevice`: synced between the customer's devices; `singleDevice`: kept on one authenticator. */
  readonly synced: boolean;
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
}

export function passkeyView(r: PasskeyRow): PasskeyView {
  return { id: r.id, synced: r.deviceType === 'multiDevice', createdAt: r.createdAt, lastUsedAt: r.lastUsedAt };
}

/**
 * The factors of a page of customers: the phone from the account row (isEnrolled), the apps, the
 * passkeys and the recovery codes left in one read each, whatever the page's size. The directory's `FactorReads` port.
 */
export class FactorReader {
  constructor(
    private readonly totp: TotpStore,
    private readonly recovery: RecoveryCodeStore,
    private readonly passkeys: PasskeyStore,
  ) {}

  async factorsOf(accounts: ReadonlyArray<AccountRow>, portal: PortalRow): Promise<Map<string, CustomerFactors>> {
    const ids = accounts.map((a) => a.id);
    const [apps, left, keys] = await Promise.all([
      this.totp.findMany(ids),
      this.recovery.remaining(ids, portal.twoFactorGeneration),
      this.passkeys.findMany(ids),
    ]);
    const appOf = new Map(apps.map((a) => [a.accountId, a]));
    const keysOf = new Map<string, PasskeyRow[]>();
    for (const k of passkeysActive(keys, portal)) keysOf.set(k.accountId, [...(keysOf.get(k.accountId) ?? []), k]);
    return new Map(
      accounts.map((a) => {
        const app = appOf.get(a.id) ?? null;
        const hasApp = totpActive(app, portal);
        const passkeys = isEnrolled(a, portal) ? (keysOf.get(a.id) ?? []).map(passkeyView) : [];
        const factors = [
          ...(isEnrolled(a, portal) ? [SecondFactor.SMS] : []),
          ...(hasApp ? [SecondFactor.TOTP] : []),
          ...(passkeys.length ? [SecondFactor.PASSKEY] : []),
        ];
        return [a.id, { factors, recoveryCodesRemaining: left.get(a.id) ?? 0, authenticatorAppAddedAt: hasApp ? (app?.confirmedAt ?? null) : null, passkeys }];
      }),
    );
  }
}

/** The reader over `m`'s stores (the composition root builds it through FactorService; tests and tools directly). */
export function factorReadsOf(m: EntityManager): FactorReader {
  return new FactorReader(new TotpStore(m), new RecoveryCodeStore(m), new PasskeyStore(m));
}
