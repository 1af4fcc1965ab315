import { type EntityManager, In } from 'typeorm';
import { changedRows, insertRows } from '../db/raw-rows';
import { newId } from '../lib/tokens';
import { RecoveryCodeRow } from './recovery-code.entity';

/**
 * The one owner of `recovery_codes`. A set is replaced whole (the old one stops at once); a code is
 * used by one conditional UPDATE, so of twenty requests with one code exactly one wins. Codes count
 * only under the 2FA generation they were made in, like the phone (two-factor/enrollment.store.ts).
 */
export class RecoveryCodeStore {
  constructor(private readonly db: EntityManager) {}

  /** The account's set is now these hashes, in the caller's transaction. */
  async replaceSet(
    m: EntityManager,
    account: { id: string; portalId: string },
    f: { hashes: readonly string[]; keyId: string; generation: number; now: Date },
  ): Promise<void> {
    await this.forget(m, account.id);
    await insertRows(
      m,
      RecoveryCodeRow,
      f.hashes.map((codeHash) => ({
        id: newId(),
        accountId: account.id,
        portalId: account.portalId,
        codeHash,
        keyId: f.keyId,
        generation: f.generation,
        usedAt: null,
        createdAt: f.now,
      })),
    );
  }

  /** The unused code of the account under `generation` that has one of `hashes`, if any. One index range. */
  async findUnused(m: EntityManager, accountId: string, hashes: readonly string[], generation: number): Promise<RecoveryCodeRow | null> {
    const rows = await m.findBy(RecoveryCodeRow, { accountId, codeHash: In([...hashes]), generation });
    return rows.find((r) => r.usedAt === null) ?? null;
  }

  /** Uses the code up; true for the one request that did. */
  async use(m: EntityManager, id: string, now: Date): Promise<boolean> {
    return (await changedRows(m, 'UPDATE recovery_codes SET used_at = ? WHERE id = ? AND used_at IS NULL', [now.getTime(), id])) === 1;
  }

  /** Unused codes per account under `generation` (accounts with none are absent). */
  async remaining(accountIds: readonly string[], generation: number, m: EntityManager = this.db): Promise<Map<string, number>> {
    if (accountIds.length === 0) return new Map();
    const rows: Array<{ account_id: string; n: number | string }> = await m.query(
      `SELECT account_id, COUNT(*) AS n FROM recovery_codes
        WHERE account_id IN (${accountIds.map(() => '?').join(', ')}) AND used_at IS NULL AND generation = ? GROUP BY account_id`,
      [...accountIds, generation],
    );
    return new Map(rows.map((r) => [r.account_id, Number(r.n)]));
  }

  /** An admin's reset, or a new set. */
  async forget(m: EntityManager, accountId: string): Promise<void> {
    await changedRows(m, 'DELETE FROM recovery_codes WHERE account_id = ?', [accountId]);
  }
}
