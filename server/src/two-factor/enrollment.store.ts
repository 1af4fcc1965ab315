import type { EntityManager } from 'typeorm';
import { AccountRow } from '../portals/account.entity';
import type { PortalRow } from '../portals/portal.entity';

/**
 * The one owner of an account's phone columns (phone_e164, phone_generation, phone_enrolled_at), and
 * the one place that says what "enrolled" means: a phone confirmed under the portal's current 2FA
 * generation. Turning the policy off bumps the generation, so every enrollment goes stale at once
 * without touching a row. The rule is here twice, as a TypeScript predicate and as SQL, side by side.
 */

/** An account's enrollment counts only under the generation it was made in. */
export function isEnrolled(
  account: { phoneE164: string | null; phoneGeneration: number | null },
  portal: Pick<PortalRow, 'twoFactorGeneration'>,
): boolean {
  return account.phoneE164 !== null && account.phoneGeneration === portal.twoFactorGeneration;
}

const GEN_PARAM = 'enrolledGeneration';

/** The SQL of isEnrolled for accounts aliased `alias` ('' for none), and its parameters. */
export function enrolledSql(alias: string, generation: number): [string, Record<string, number>] {
  const a = alias ? `${alias}.` : '';
  return [`(${a}phone_e164 IS NOT NULL AND ${a}phone_generation = :${GEN_PARAM})`, { [GEN_PARAM]: generation }];
}

/** Its negation, spelt out: NOT (...) would drop rows whose phone_generation is NULL (SQL's three values). */
export function notEnrolledSql(alias: string, generation: number): [string, Record<string, number>] {
  const a = alias ? `${alias}.` : '';
  return [
    `(${a}phone_e164 IS NULL OR ${a}phone_generation IS NULL OR ${a}phone_generation <> :${GEN_PARAM})`,
    { [GEN_PARAM]: generation },
  ];
}

export class EnrollmentStore {
  /**
   * Enrolls `phoneE164` under `generation`, but only for an account not enrolled under it yet: an
   * enrollment left open in another tab (perhaps by someone else with the password) must not replace
   * a phone confirmed since. True when this call enrolled it.
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
    return r.affected === 1;
  }

  /** An admin's reset: the account has no phone until it enrolls again. */
  async forget(m: EntityManager, account: { id: string; portalId: string }): Promise<void> {
    await m.update(AccountRow, { id: account.id, portalId: account.portalId }, { phoneE164: null, phoneGeneration: null, phoneEnrolledAt: null });
  }

  /** Customers of a portal enrolled under its current generation. */
  countEnrolled(m: EntityManager, portal: Pick<PortalRow, 'id' | 'twoFactorGeneration'>): Promise<number> {
    const [enrolled, params] = enrolledSql('a', portal.twoFactorGeneration);
    return m
      .createQueryBuilder(AccountRow, 'a')
      .where('a.portal_id = :p AND a.kind = :k', { p: portal.id, k: 'customer' })
      .andWhere(enrolled, params)
      .getCount();
  }
}
