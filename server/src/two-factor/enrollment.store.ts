import type { EntityManager } from 'typeorm';
import { AccountRow } from '../portals/account.entity';
import type { PortalRow } from '../portals/portal.entity';

/**
 * The one owner of an account's phone columns (phone_e164, phone_generation, phone_enrolled_at) and of
 * the portal's enrolled_count, and the one place that says what "enrolled" means: a phone confirmed
 * under the portal's current 2FA generation. Turning the policy off bumps the generation, so every
 * enrollment goes stale at once without touching a row. The rule is here twice, as a TypeScript
 * predicate and as SQL, side by side.
 *
 * The three phone columns are written together and cleared together (here, and by the portal-file
 * import), so phone_generation is null exactly when phone_e164 is. The SQL form therefore tests the
 * generation alone: ENROLLED is one range of the index (portal_id, kind, phone_generation, username_key,
 * id) and NOT_ENROLLED a few, each in username order (docs/PERFORMANCE.md, Admin reads at a million
 * customers).
 */

/** An account's enrollment counts only under the generation it was made in. */
export function isEnrolled(
  account: { phoneE164: string | null; phoneGeneration: number | null },
  portal: Pick<PortalRow, 'twoFactorGeneration'>,
): boolean {
  return account.phoneE164 !== null && account.phoneGeneration === portal.twoFactorGeneration;
}

const GEN_PARAM = 'enrolledGeneration';

/** isEnrolled in SQL for accounts aliased `alias` ('' for none), against the SQL expression `generation`. */
export function enrolledWhere(alias: string, generation: string): string {
  return `${alias ? `${alias}.` : ''}phone_generation = ${generation}`;
}

/** The SQL of isEnrolled for accounts aliased `alias` ('' for none), and its parameters. */
export function enrolledSql(alias: string, generation: number): [string, Record<string, number>] {
  return [`(${enrolledWhere(alias, `:${GEN_PARAM}`)})`, { [GEN_PARAM]: generation }];
}

/** Its negation, spelt out: NOT (...) would drop rows whose phone_generation is NULL (SQL's three values). */
export function notEnrolledWhere(alias: string, generation: string): string {
  const a = alias ? `${alias}.` : '';
  return `(${a}phone_generation IS NULL OR ${a}phone_generation <> ${generation})`;
}

export function notEnrolledSql(alias: string, generation: number): [string, Record<string, number>] {
  return [notEnrolledWhere(alias, `:${GEN_PARAM}`), { [GEN_PARAM]: generation }];
}

/**
 * NOT_ENROLLED as disjoint conditions (`?` is the generation each one takes from `params`), each a single
 * range of the generation indexes, hence each already in username order: no phone, or a phone of one
 * stale generation that still has rows (`staleGenerations`). NULL, < current and > current as three
 * ranges would not do: inside "< current" the rows are ordered by generation first.
 */
export function notEnrolledRanges(alias: string, stale: readonly number[]): Array<{ sql: string; params: number[] }> {
  const a = alias ? `${alias}.` : '';
  return [{ sql: `${a}phone_generation IS NULL`, params: [] }, ...stale.map((g) => ({ sql: enrolledWhere(alias, '?'), params: [g] }))];
}

/**
 * The generations other than `current` that some customer of the portal is still enrolled under: one
 * index seek each (MIN over (portal_id, kind, phone_generation)), as many as the policy was turned off
 * and on since those customers enrolled; usually none or one.
 */
export async function staleGenerations(m: EntityManager, portalId: string, current: number): Promise<number[]> {
  const found: number[] = [];
  let after = -1;
  for (;;) {
    const rows: Array<{ g: number | string | null }> = await m.query(
      "SELECT MIN(phone_generation) AS g FROM accounts WHERE portal_id = ? AND kind = 'customer' AND phone_generation > ?",
      [portalId, after],
    );
    if (rows[0]?.g === null || rows[0]?.g === undefined) return found;
    after = Number(rows[0].g);
    if (after !== current) found.push(after);
  }
}

/**
 * enrolled_count follows one enrollment more or less, but only while `generation` is still the portal's:
 * once the policy is turned off, the count is 0 and the enrollment stale. The account row is always
 * locked before the portal row (here and in `forget`), and the policy's UPDATE locks the portal row
 * alone, so these transactions queue and never deadlock.
 */
async function moveEnrolledCount(m: EntityManager, portalId: string, generation: number, by: 1 | -1): Promise<void> {
  await m.query('UPDATE portals SET enrolled_count = enrolled_count + ? WHERE id = ? AND two_factor_generation = ?', [by, portalId, generation]);
}

export class EnrollmentStore {
  /**
   * Enrolls `phoneE164` under `generation`, but only for an account not enrolled under it yet: an
   * enrollment left open in another tab (perhaps by someone else with the password) must not replace
   * a phone confirmed since. True when this call enrolled it; then the portal's enrolled_count counts
   * it, in the caller's transaction.
   */
  async enroll(
    m: EntityManager,
    account: { id: string; portalId: string },
    phoneE164: string,
    generation: number,
    now: Date,
  ): Promise<boolean> {
    const [notEnrolled, params] = notEnrolledSql('', generation);
    const r = await m
      .createQueryBuilder()
      .update(AccountRow)
      .set({ phoneE164, phoneGeneration: generation, phoneEnrolledAt: now })
      .where('id = :id AND portal_id = :portalId', { id: account.id, portalId: account.portalId })
      .andWhere(notEnrolled, params)
      .execute();
    if (r.affected !== 1) return false;
    await moveEnrolledCount(m, account.portalId, generation, 1);
    return true;
  }

  /**
   * An admin's reset: the account has no phone until it enrolls again. The phone is cleared only if it
   * is still the enrollment that was read (`phoneGeneration`), so the count loses exactly what was
   * counted; if an enrollment moved in between, the account is read again.
   */
  async forget(m: EntityManager, account: { id: string; portalId: string; phoneGeneration: number | null }): Promise<void> {
    let generation = account.phoneGeneration;
    for (let tries = 0; generation !== null && tries < 5; tries++) {
      const r = await m
        .createQueryBuilder()
        .update(AccountRow)
        .set({ phoneE164: null, phoneGeneration: null, phoneEnrolledAt: null })
        .where('id = :id AND portal_id = :portalId AND phone_generation = :generation', { id: account.id, portalId: account.portalId, generation })
        .execute();
      if (r.affected === 1) return moveEnrolledCount(m, account.portalId, generation, -1);
      const now = await m.findOneBy(AccountRow, { id: account.id, portalId: account.portalId });
      generation = now?.phoneGeneration ?? null;
    }
    await m.update(AccountRow, { id: account.id, portalId: account.portalId }, { phoneE164: null, phoneGeneration: null, phoneEnrolledAt: null });
  }
}
