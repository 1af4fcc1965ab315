import type { EntityManager } from 'typeorm';
import { checkImportedHash, hashPassword } from '../../auth/passwords';
import { insertRows } from '../../db/raw-rows';
import { identityKey } from '../../lib/identity-key';
import { checkPhoneNumber } from '../../lib/phone-number';
import { newId } from '../../lib/tokens';
import { AccountRow } from '../account.entity';
import { CompanyRow } from '../company.entity';
import { PortalRow } from '../portal.entity';
import { type ImportTally, newTally, setImportedCounts } from '../customer-counts';
import { writeSearchTerms } from '../search-terms';
import { ProfileRow } from '../profile.entity';
import type { AdminSpec, CustomerSpec, PortalHeader } from './portal-file.schema';

/**
 * The writes of a portal file, whichever its format (README "The portal file", "Bulk import"): the
 * portal with its profiles, admins and companies, then its customers a batch at a time through
 * `insertCustomerBatch`, then `publishPortal`. The caller holds the transaction.
 */

/** Customers per multi-row INSERT: 1000 rows of 13 columns stay under either database's placeholder limit. */
export const CUSTOMER_BATCH_SIZE = 1000;

/** A portal being written: what its customer rows need. */
export interface ImportedPortal {
  readonly id: string;
  readonly generation: number;
  readonly smsCountries: readonly string[] | null;
  /** The companies' ids, in the order they were given. */
  readonly companyIds: readonly string[];
  readonly now: Date;
  /** What insertCustomerBatch has written so far: the stored counts publishPortal sets. */
  readonly tally: ImportTally;
}

/** The account's stored hash: its imported `passwordHash` as it is, or its `password` hashed now. */
export function secretHash(account: { password?: string; passwordHash?: string }): Promise<string> {
  return account.passwordHash !== undefined ? Promise.resolve(account.passwordHash) : hashPassword(account.password as string);
}

/** All hashes of a batch at once: hashPassword's gate runs one argon2 per core and queues the rest (bounded by the batch). */
export function secretHashes(accounts: ReadonlyArray<{ password?: string; passwordHash?: string }>): Promise<string[]> {
  return Promise.all(accounts.map(secretHash));
}

/** The highest bcrypt cost among a hash list (null: none), for portals.legacy_password_cost. */
export function highestBcryptCost(current: number | null, passwordHash: string | undefined): number | null {
  if (passwordHash === undefined) return current;
  const checked = checkImportedHash(passwordHash);
  return checked.ok && checked.kind === 'bcrypt' ? Math.max(current ?? 0, checked.cost) : current;
}

type PortalFields = Omit<PortalHeader, 'companies' | 'admins'> & { readonly companies: readonly string[] };

/** The portal row, its profiles, its admins (with their hashes) and its companies. */
export async function writePortalHeader(
  m: EntityManager,
  spec: PortalFields,
  admins: ReadonlyArray<{ spec: AdminSpec; hash: string }>,
  legacyPasswordCost: number | null,
  now: Date,
): Promise<ImportedPortal> {
  const portal: PortalRow = Object.assign(new PortalRow(), {
    id: newId(),
    slug: identityKey(spec.slug),
    name: spec.name,
    smsCountries: spec.smsCountries?.join(',') ?? null,
    twoFactorEnabled: spec.twoFactorEnabled,
    twoFactorGeneration: 1,
    twoFactorUpdatedAt: spec.twoFactorEnabled ? now : null,
    // A portal imported with the policy on starts its grace period at the import.
    twoFactorEnabledAt: spec.twoFactorEnabled ? now : null,
    enrollmentGraceDays: spec.enrollmentGraceDays,
    // SMS only: a Master Admin offers more from Client Users (two-factor/second-factor.ts).
    secondFactors: 'SMS',
    createdAt: now,
    legacyPasswordCost,
    // Set from the rows by publishPortal once every customer is in (portals/customer-counts.ts).
    customerCount: 0,
    enrolledCount: 0,
  });
  await insertRows(m, PortalRow, [portal]);
  const profiles = spec.profiles.map((p) => ({ id: newId(), portalId: portal.id, name: p.name, masterAdmin: p.masterAdmin }));
  await insertRows(m, ProfileRow, profiles);
  const profileId = new Map(profiles.map((p) => [p.name, p.id]));
  const imported: ImportedPortal = {
    id: portal.id,
    generation: portal.twoFactorGeneration,
    smsCountries: spec.smsCountries ?? null,
    companyIds: spec.companies.map(() => newId()),
    now,
    tally: newTally(),
  };
  await insertRows(
    m,
    AccountRow,
    admins.map(({ spec: a, hash }) => ({ ...accountRow(imported, a, hash), kind: 'admin' as const, profileId: profileId.get(a.profile) ?? null })),
  );
  await insertRows(
    m,
    CompanyRow,
    spec.companies.map((name, i) => ({ id: imported.companyIds[i], portalId: portal.id, name, createdAt: now, customerCount: 0 })),
  );
  return imported;
}

function accountRow(portal: ImportedPortal, a: { username: string; displayName: string; email?: string }, hash: string): AccountRow {
  return Object.assign(new AccountRow(), {
    id: newId(),
    portalId: portal.id,
    kind: 'customer' as const,
    username: a.username,
    usernameKey: identityKey(a.username),
    passwordHash: hash,
    displayName: a.displayName,
    email: a.email ?? null,
    profileId: null,
    companyId: null,
    phoneE164: null,
    phoneGeneration: null,
    phoneEnrolledAt: null,
    createdAt: portal.now,
  });
}

/** One customer's row; an `enrolledPhone` imports an enrollment under the portal's current generation, policy on or off. */
export function customerRow(portal: ImportedPortal, c: CustomerSpec, companyId: string, hash: string): AccountRow {
  const row = accountRow(portal, c, hash);
  row.companyId = companyId;
  if (c.enrolledPhone !== undefined) {
    // Checked before (portal-file.ts, portal-lines.ts): a number that fails here was refused there.
    const phone = checkPhoneNumber(c.enrolledPhone, portal.smsCountries);
    if (phone.ok) Object.assign(row, { phoneE164: phone.e164, phoneGeneration: portal.generation, phoneEnrolledAt: portal.now });
  }
  return row;
}

/**
 * THE write of customer rows: at most CUSTOMER_BATCH_SIZE at a time, in one multi-row INSERT, with
 * their search terms (portals/search-terms.ts) in the same transaction.
 */
export async function insertCustomerBatch(m: EntityManager, portal: ImportedPortal, rows: readonly AccountRow[]): Promise<void> {
  await insertRows(m, AccountRow, rows);
  await writeSearchTerms(m, rows);
  for (const r of rows) portal.tally.add(r.companyId, r.phoneGeneration === portal.generation);
}

/**
 * The end of a portal's import, inside its transaction: every customer the check counted was written
 * (a file changed between the check and the load is refused, and the transaction rolls back).
 */
export async function publishPortal(m: EntityManager, portal: ImportedPortal, expected: number, written: number): Promise<void> {
  if (written !== expected) throw new FileChangedError(`${written} customers read while loading, ${expected} when checked`);
  // The stored counts the admin pages read, from what was written: no COUNT over a million rows.
  await setImportedCounts(m, portal.id, portal.tally);
}

/** The file differed between its check and its load: nothing is written. */
export class FileChangedError extends Error {
  constructor(detail: string) {
    super(`the file changed while it was loaded (${detail}): nothing was written`);
  }
}
