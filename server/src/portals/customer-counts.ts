import type { EntityManager } from 'typeorm';
import { enrolledWhere } from '../two-factor/enrollment.store';

/**
 * The stored counts an admin page shows (docs/PERFORMANCE.md, Admin reads at a million customers):
 * `portals.customer_count`, `portals.enrolled_count` and `companies.customer_count`. Reading one is a
 * column of a row already read, never a COUNT(*) over a portal's customers. Each moves in the same
 * transaction as the change that moves it:
 *
 * - customers created (the portal-file seed, a bulk import): `countCustomersAdded`, here;
 * - an enrollment under the current generation, an admin's reset of an enrolled customer:
 *   `two-factor/enrollment.store.ts` (`enroll`, `forget`);
 * - the policy turned off: its UPDATE bumps the generation and sets enrolled_count to 0 in the same
 *   statement (`two-factor/policy.service.ts`).
 *
 * `recountPortal` recomputes all three from the rows: after a bulk import, and in migration 0006.
 */

/** `customers` new customers of one company, of whom `enrolled` are enrolled under the portal's generation. */
export async function countCustomersAdded(
  m: EntityManager,
  added: { portalId: string; companyId: string | null; customers: number; enrolled: number },
): Promise<void> {
  if (added.customers === 0) return;
  await m.query('UPDATE portals SET customer_count = customer_count + ?, enrolled_count = enrolled_count + ? WHERE id = ?', [
    added.customers,
    added.enrolled,
    added.portalId,
  ]);
  if (added.companyId) {
    await m.query('UPDATE companies SET customer_count = customer_count + ? WHERE id = ?', [added.customers, added.companyId]);
  }
}

/**
 * Sets a portal's counts, and its companies', to what its rows say. One statement for the portal, so
 * its enrolled count is taken under the generation the same statement reads; one for its companies.
 */
export async function recountPortal(m: EntityManager, portalId: string): Promise<void> {
  const customers = "FROM accounts a WHERE a.portal_id = portals.id AND a.kind = 'customer'";
  await m.query(
    `UPDATE portals SET customer_count = (SELECT COUNT(*) ${customers}), ` +
      `enrolled_count = (SELECT COUNT(*) ${customers} AND ${enrolledWhere('a', 'portals.two_factor_generation')}) WHERE id = ?`,
    [portalId],
  );
  await m.query(
    "UPDATE companies SET customer_count = (SELECT COUNT(*) FROM accounts a WHERE a.company_id = companies.id AND a.kind = 'customer') WHERE portal_id = ?",
    [portalId],
  );
}
