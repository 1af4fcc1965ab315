import type { EntityManager } from 'typeorm';
import { enrolledWhere } from '../two-factor/enrollment.store';

/**
 * The stored counts an admin page shows (docs/PERFORMANCE.md, Admin reads at a million customers):
 * `portals.customer_count`, `portals.enrolled_count` and `companies.customer_count`. Reading one is a
 * column of a row already read, never a COUNT(*) over a portal's customers. Each moves in the same
 * transaction as the change that moves it:
 *
 * - customers created (the portal-file seed, a bulk import): tallied as each batch is written and
 *   set by `setImportedCounts` at the end of the import, in its transaction (portal-file/customer-batch.ts);
 * - an enrollment under the current generation, an admin's reset of an enrolled customer:
 *   `two-factor/enrollment.store.ts` (`enroll`, `forget`);
 * - the policy turned off: its UPDATE bumps the generation and sets enrolled_count to 0 in the same
 *   statement (`two-factor/policy.service.ts`).
 *
 * `recountPortal` recomputes all three from the rows, for migration 0006. It counts every row, so an
 * import tallies instead: a recount of 726,000 customers took 309 s on a MariaDB whose buffer pool was
 * far smaller than the table (docs/PERFORMANCE.md, Admin reads at a million customers).
 */

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

/** Customers written by an import, per company, and how many with an enrollment under the portal's generation. */
export interface ImportTally {
  customers: number;
  enrolled: number;
  readonly perCompany: Map<string, number>;
  add(companyId: string | null, enrolled: boolean): void;
}

export function newTally(): ImportTally {
  const tally: ImportTally = {
    customers: 0,
    enrolled: 0,
    perCompany: new Map(),
    add(companyId, enrolled) {
      tally.customers += 1;
      if (enrolled) tally.enrolled += 1;
      if (companyId) tally.perCompany.set(companyId, (tally.perCompany.get(companyId) ?? 0) + 1);
    },
  };
  return tally;
}

/** A new portal's counts, from its import's tally: one UPDATE for the portal, one per company with customers. */
export async function setImportedCounts(m: EntityManager, portalId: string, tally: ImportTally): Promise<void> {
  await m.query('UPDATE portals SET customer_count = ?, enrolled_count = ? WHERE id = ?', [tally.customers, tally.enrolled, portalId]);
  for (const [companyId, n] of tally.perCompany) await m.query('UPDATE companies SET customer_count = ? WHERE id = ?', [n, companyId]);
}
