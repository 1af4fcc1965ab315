import type { DataSource } from 'typeorm';
import type { Clock } from '../../lib/clock';
import { identityKey } from '../../lib/identity-key';
import { quoted } from '../../lib/printable';
import { PortalRow } from '../portal.entity';
import {
  CUSTOMER_BATCH_SIZE,
  customerRow,
  highestBcryptCost,
  insertCustomerBatch,
  publishPortal,
  secretHashes,
  writePortalHeader,
} from './customer-batch';
import { checkPortalFile, type FileProblem } from './portal-file';
import type { PortalSpec } from './portal-file.schema';

export type SeedResult =
  | { ok: true; portals: number; admins: number; customers: number }
  | { ok: false; problems: FileProblem[] };

/**
 * Loads a portal file: checks all of it, hashes every password, then writes everything in one
 * transaction, so a file with any error (or a slug that already exists) writes nothing. The rows go
 * through the same batch writer as the JSON Lines loader (customer-batch.ts).
 */
export async function seedPortalFile(ds: DataSource, raw: unknown, clock: Clock): Promise<SeedResult> {
  const checked = checkPortalFile(raw);
  if (!checked.ok) return checked;
  const { portals } = checked.file;
  const taken = await existingSlugs(ds);
  const clashes = portals
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => taken.has(identityKey(p.slug)))
    .map(({ p, i }) => slugTaken(`portals[${i}].slug`, p.slug));
  if (clashes.length) return { ok: false, problems: clashes };

  // Hash before the transaction opens: argon2 is slow on purpose and should not hold locks. All cores,
  // through hashPassword's gate; a portal file is held in memory whole anyway.
  const hashed = await Promise.all(
    portals.map(async (p) => ({
      admins: await secretHashes(p.admins),
      companies: await Promise.all(p.companies.map((c) => secretHashes(c.customers))),
    })),
  );
  let admins = 0;
  let customers = 0;
  await ds.transaction(async (m) => {
    for (const [pi, spec] of portals.entries()) {
      const h = hashed[pi];
      const portal = await writePortalHeader(
        m,
        { ...spec, companies: spec.companies.map((c) => c.name) },
        spec.admins.map((a, i) => ({ spec: a, hash: h.admins[i] })),
        legacyCostOf(spec),
        clock.now(),
      );
      let written = 0;
      for (const [ci, c] of spec.companies.entries()) {
        const rows = c.customers.map((cu, i) => customerRow(portal, cu, portal.companyIds[ci], h.companies[ci][i]));
        for (let i = 0; i < rows.length; i += CUSTOMER_BATCH_SIZE) {
          await insertCustomerBatch(m, portal, rows.slice(i, i + CUSTOMER_BATCH_SIZE));
        }
        written += rows.length;
      }
      const count = spec.companies.reduce((n, c) => n + c.customers.length, 0);
      await publishPortal(m, portal, count, written);
      admins += spec.admins.length;
      customers += written;
    }
  });
  return { ok: true, portals: portals.length, admins, customers };
}

export async function existingSlugs(ds: DataSource): Promise<Set<string>> {
  const existing = await ds.manager.find(PortalRow, { select: { slug: true } });
  return new Set(existing.map((p) => p.slug));
}

export function slugTaken(path: string, slug: string): FileProblem {
  return { path, message: `a portal ${quoted(slug)} already exists in this database` };
}

function legacyCostOf(spec: PortalSpec): number | null {
  let cost: number | null = null;
  for (const a of spec.admins) cost = highestBcryptCost(cost, a.passwordHash);
  for (const c of spec.companies) for (const cu of c.customers) cost = highestBcryptCost(cost, cu.passwordHash);
  return cost;
}
