import { type EntityManager, In } from 'typeorm';
import { changedRows, insertRow } from '../db/raw-rows';
import type { Sealed } from '../lib/secret-box';
import type { PortalRow } from '../portals/portal.entity';
import { factorAllowed, SecondFactor } from './second-factor';
import { TotpFactorRow } from './totp-factor.entity';

/**
 * An app counts when it was confirmed with a code, under the portal's current 2FA generation (turning
 * the policy off and on makes it stale with the phone, in the policy's one UPDATE), and while the portal
 * lets customers use apps.
 */
export function totpActive(
  row: Pick<TotpFactorRow, 'confirmedAt' | 'generation'> | null,
  portal: Pick<PortalRow, 'twoFactorGeneration' | 'secondFactors'>,
): boolean {
  return row !== null && row.confirmedAt !== null && row.generation === portal.twoFactorGeneration && factorAllowed(portal, SecondFactor.TOTP);
}

/**
 * The one owner of `totp_factors`. Its writes are conditional UPDATEs whose affected-row count is the
 * decision (docs/ARCHITECTURE.md, One owner per table): a confirmation attempt is taken before the code
 * is compared, and a time step is claimed once, so a code already accepted in its step is refused.
 */
export class TotpStore {
  constructor(private readonly db: EntityManager) {}

  find(accountId: string, m: EntityManager = this.db): Promise<TotpFactorRow | null> {
    return m.findOneBy(TotpFactorRow, { accountId });
  }

  findMany(accountIds: readonly string[]): Promise<TotpFactorRow[]> {
    return accountIds.length ? this.db.findBy(TotpFactorRow, { accountId: In([...accountIds]) }) : Promise.resolve([]);
  }

  /**
   * A new setup, not counted until confirmed. It replaces an unconfirmed or stale one, but never an app
   * that counts under `generation`: false then (the customer removes it first).
   */
  async begin(m: EntityManager, f: { accountId: string; portalId: string; sealed: Sealed; generation: number; now: Date }): Promise<boolean> {
    await m.query('DELETE FROM totp_factors WHERE account_id = ? AND (confirmed_at IS NULL OR generation <> ?)', [f.accountId, f.generation]);
    if (await this.find(f.accountId, m)) return false;
    await insertRow(m, TotpFactorRow, {
      accountId: f.accountId,
      portalId: f.portalId,
      secretBox: f.sealed.box,
      keyId: f.sealed.keyId,
      generation: f.generation,
      confirmAttempts: 0,
      confirmedAt: null,
      lastUsedStep: null,
      createdAt: f.now,
    });
    return true;
  }

  /** One attempt at confirming the setup, taken before the code is compared; false when none is left. */
  async takeConfirmAttempt(m: EntityManager, accountId: string, max: number): Promise<boolean> {
    const changed = await changedRows(
      m,
      'UPDATE totp_factors SET confirm_attempts = confirm_attempts + 1 WHERE account_id = ? AND confirmed_at IS NULL AND confirm_attempts < ?',
      [accountId, max],
    );
    return changed === 1;
  }

  /** The setup counts from now; its confirming code's step is used up with it. */
  async confirm(m: EntityManager, accountId: string, secretBox: string, step: number, now: Date): Promise<boolean> {
    const changed = await changedRows(
      m,
      'UPDATE totp_factors SET confirmed_at = ?, last_used_step = ? WHERE account_id = ? AND confirmed_at IS NULL AND secret_box = ?',
      [now.getTime(), step, accountId, secretBox],
    );
    return changed === 1;
  }

  /**
   * Uses up `step` for a sign-in: only for a confirmed app of `generation` whose last accepted step is
   * earlier. Of two requests with the same code, one wins; a replay inside the step loses.
   */
  async claimStep(m: EntityManager, accountId: string, generation: number, step: number): Promise<boolean> {
    const changed = await changedRows(
      m,
      `UPDATE totp_factors SET last_used_step = ?
        WHERE account_id = ? AND generation = ? AND confirmed_at IS NOT NULL AND (last_used_step IS NULL OR last_used_step < ?)`,
      [step, accountId, generation, step],
    );
    return changed === 1;
  }

  /** While SECRET_KEY is rotated: the secret sealed again under the current key, if it is still the box read. */
  async reseal(accountId: string, oldBox: string, sealed: Sealed): Promise<void> {
    await this.db.query('UPDATE totp_factors SET secret_box = ?, key_id = ? WHERE account_id = ? AND secret_box = ?', [
      sealed.box,
      sealed.keyId,
      accountId,
      oldBox,
    ]);
  }

  /** The customer removes the app, or an admin resets two-factor. True when there was one. */
  async forget(m: EntityManager, accountId: string): Promise<boolean> {
    return (await changedRows(m, 'DELETE FROM totp_factors WHERE account_id = ?', [accountId])) > 0;
  }
}
