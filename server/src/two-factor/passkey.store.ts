import { type EntityManager, In } from 'typeorm';
import { changedRows, insertRow } from '../db/raw-rows';
import type { PortalRow } from '../portals/portal.entity';
import { factorAllowed, SecondFactor } from './second-factor';
import { PasskeyRow, PasskeySetupRow } from './passkey.entity';

/** How many passkeys one account may keep: enough for a phone, a laptop and two security keys, and then some. */
export const MAX_PASSKEYS_PER_ACCOUNT = 10;

/**
 * The passkeys that count: made under the portal's current 2FA generation (turning the policy off and on
 * makes them stale with the phone, in the policy's one UPDATE), while the portal offers passkeys.
 */
export function passkeysActive(rows: readonly PasskeyRow[], portal: Pick<PortalRow, 'twoFactorGeneration' | 'secondFactors'>): PasskeyRow[] {
  if (!factorAllowed(portal, SecondFactor.PASSKEY)) return [];
  return rows.filter((r) => r.generation === portal.twoFactorGeneration);
}

/**
 * The one owner of `passkeys` and `passkey_setups`. Its decisions are conditional writes whose affected
 * rows say who won (docs/ARCHITECTURE.md, One owner per table): a setup is taken once, and a sign-in's
 * new signature counter is written only while it is higher than the stored one.
 */
export class PasskeyStore {
  constructor(private readonly db: EntityManager) {}

  /** The account's passkeys of `generation`, oldest first. */
  ofAccount(accountId: string, generation: number, m: EntityManager = this.db): Promise<PasskeyRow[]> {
    return m.find(PasskeyRow, { where: { accountId, generation }, order: { createdAt: 'ASC' } });
  }

  findMany(accountIds: readonly string[]): Promise<PasskeyRow[]> {
    return accountIds.length ? this.db.find(PasskeyRow, { where: { accountId: In([...accountIds]) }, order: { createdAt: 'ASC' } }) : Promise.resolve([]);
  }

  /** The account's own credential with this id (another account's id is no match), of `generation`. */
  findCredential(m: EntityManager, accountId: string, credentialId: string, generation: number): Promise<PasskeyRow | null> {
    return m.findOneBy(PasskeyRow, { accountId, credentialId, generation });
  }

  /** A new registration replaces any open one of the account. */
  async openSetup(m: EntityManager, s: PasskeySetupRow): Promise<void> {
    await m.query('DELETE FROM passkey_setups WHERE account_id = ?', [s.accountId]);
    await insertRow(m, PasskeySetupRow, s);
  }

  /**
   * Takes the account's open setup for this session, if it is live: the row goes in the same statement
   * that decides, so of two requests answering it one gets it and a replay gets nothing.
   */
  async takeSetup(m: EntityManager, accountId: string, sessionHashes: readonly string[], now: Date): Promise<PasskeySetupRow | null> {
    const setup = await m.findOneBy(PasskeySetupRow, { accountId });
    if (!setup || !sessionHashes.includes(setup.sessionHash) || setup.expiresAt.getTime() <= now.getTime()) return null;
    const taken = await changedRows(m, 'DELETE FROM passkey_setups WHERE account_id = ? AND challenge = ? AND expires_at > ?', [
      accountId,
      setup.challenge,
      now.getTime(),
    ]);
    return taken === 1 ? setup : null;
  }

  async add(m: EntityManager, row: PasskeyRow): Promise<void> {
    await insertRow(m, PasskeyRow, row);
  }

  /**
   * A sign-in's assertion moves the counter on: only to a higher value, or 0 again for an authenticator
   * that keeps none. Of two requests carrying one counting assertion, one wins.
   */
  async advanceCounter(m: EntityManager, id: string, generation: number, counter: number, now: Date): Promise<boolean> {
    const changed = await changedRows(
      m,
      'UPDATE passkeys SET counter = ?, last_used_at = ? WHERE id = ? AND generation = ? AND (counter < ? OR (counter = 0 AND ? = 0))',
      [counter, now.getTime(), id, generation, counter, counter],
    );
    return changed === 1;
  }

  /** The customer removes one of their passkeys. True when it was theirs and there. */
  async remove(m: EntityManager, accountId: string, id: string): Promise<boolean> {
    return (await changedRows(m, 'DELETE FROM passkeys WHERE id = ? AND account_id = ?', [id, accountId])) === 1;
  }

  /** An admin resets two-factor: every passkey and any open setup of the account. */
  async forget(m: EntityManager, accountId: string): Promise<void> {
    await m.query('DELETE FROM passkeys WHERE account_id = ?', [accountId]);
    await m.query('DELETE FROM passkey_setups WHERE account_id = ?', [accountId]);
  }
}
