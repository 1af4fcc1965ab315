import type { DataSource, EntityManager } from 'typeorm';
import { hashPassword } from '../../auth/passwords';
import type { Clock } from '../../lib/clock';
import { checkPhoneNumber } from '../../lib/phone-number';
import { newId } from '../../lib/tokens';
import { identityKey } from '../../lib/identity-key';
import { quoted } from '../../lib/printable';
import { AccountRow } from '../account.entity';
import { CompanyRow } from '../company.entity';
import { PortalRow } from '../portal.entity';
import { ProfileRow } from '../profile.entity';
import { countCustomersAdded } from '../customer-counts';
import { writeSearchTerms } from '../search-terms';
import { checkPortalFile, type FileProblem } from './portal-file';
import type { PortalSpec } from './portal-file.schema';

export type SeedResult =
  | { ok: true; portals: number; admins: number; customers: number }
  | { ok: false; problems: FileProblem[] };

/**
 * Loads a portal file: checks all of it, hashes every password, then writes everything in one
 * transaction, so a file with any error (or a slug that already exists) writes nothing.
 */
export async function seedPortalFile(ds: DataSource, raw: unknown, clock: Clock): Promise<SeedResult> {
  const checked = checkPortalFile(raw);
  if (!checked.ok) return checked;
  const { portals } = checked.file;
  const existing = await ds.manager.find(PortalRow, { select: { slug: true } });
  const taken = new Set(existing.map((p) => p.slug));
  const clashes = portals
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => taken.has(identityKey(p.slug)))
    .map(({ p, i }) => ({ path: `portals[${i}].slug`, message: `a portal ${quoted(p.slug)} already exists in this database` }));
  if (clashes.length) return { ok: false, problems: clashes };

  // Hash before the transaction opens: argon2 is slow on purpose and should not hold locks.
  const hashes = new Map<string, string>();
  for (const p of portals) {
    for (const a of p.admins) hashes.set(`${p.slug}/${identityKey(a.username)}`, await hashPassword(a.password));
    for (const c of p.companies) for (const cu of c.customers) hashes.set(`${p.slug}/${identityKey(cu.username)}`, await hashPassword(cu.password));
  }
  let admins = 0;
  let customers = 0;
  await ds.transaction(async (m) => {
    for (const spec of portals) {
      const n = await writePortal(m, spec, hashes, clock.now());
      admins += n.admins;
      customers += n.customers;
    }
  });
  return { ok: true, portals: portals.length, admins, customers };
}

async function writePortal(
  m: EntityManager,
  spec: PortalSpec,
  hashes: Map<string, string>,
  now: Date,
): Promise<{ admins: number; customers: number }> {
  const portal = Object.assign(new PortalRow(), {
    id: newId(),
    slug: identityKey(spec.slug),
    name: spec.name,
    smsCountries: spec.smsCountries?.join(',') ?? null,
    twoFactorEnabled: spec.twoFactorEnabled,
    twoFactorGeneration: 1,
    twoFactorUpdatedAt: spec.twoFactorEnabled ? now : null,
    createdAt: now,
    customerCount: 0,
    enrolledCount: 0,
  });
  await m.insert(PortalRow, portal);
  const profileIds = new Map<string, string>();
  for (const p of spec.profiles) {
    const id = newId();
    profileIds.set(p.name, id);
    await m.insert(ProfileRow, { id, portalId: portal.id, name: p.name, masterAdmin: p.masterAdmin });
  }
  const account = (username: string, displayName: string, email: string | undefined) => ({
    id: newId(),
    portalId: portal.id,
    username,
    usernameKey: identityKey(username),
    passwordHash: hashes.get(`${spec.slug}/${identityKey(username)}`) as string,
    displayName,
    email: email ?? null,
    phoneE164: null as string | null,
    phoneGeneration: null as number | null,
    phoneEnrolledAt: null as Date | null,
    createdAt: now,
  });
  for (const a of spec.admins) {
    await m.insert(AccountRow, { ...account(a.username, a.displayName, a.email), kind: 'admin', profileId: profileIds.get(a.profile) ?? null, companyId: null });
  }
  let customers = 0;
  for (const c of spec.companies) {
    const companyId = newId();
    await m.insert(CompanyRow, { id: companyId, portalId: portal.id, name: c.name, createdAt: now, customerCount: 0 });
    const rows = c.customers.map((cu) => {
      const row = { ...account(cu.username, cu.displayName, cu.email), kind: 'customer' as const, profileId: null, companyId };
      if (cu.enrolledPhone) {
        const phone = checkPhoneNumber(cu.enrolledPhone, spec.smsCountries ?? null);
        // Imported enrollments count under the portal's current generation, whether the policy is on or off.
        if (phone.ok) Object.assign(row, { phoneE164: phone.e164, phoneGeneration: portal.twoFactorGeneration, phoneEnrolledAt: now });
      }
      return row;
    });
    if (rows.length) await m.insert(AccountRow, rows);
    // In the same transaction: the customers' search terms and the stored counts (portals/customer-counts.ts).
    await writeSearchTerms(m, rows);
    const enrolled = rows.filter((r) => r.phoneGeneration === portal.twoFactorGeneration).length;
    await countCustomersAdded(m, { portalId: portal.id, companyId, customers: rows.length, enrolled });
    customers += rows.length;
  }
  return { admins: spec.admins.length, customers };
}
