import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { hashPassword } from '../auth/passwords';

/**
 * A JSON Lines portal file of many customers (README "Bulk import"), for the import and 1M-customer
 * measurements (docs/PERFORMANCE.md). Every account carries one precomputed argon2id `passwordHash`,
 * so the import measures the loader and the database, not argon2.
 */

export interface CustomerFileOptions {
  readonly customers: number;
  readonly slug?: string;
  readonly twoFactorEnabled?: boolean;
  /** Customers in the first company, "Big Company" (default: 100,000, or all when there are fewer). */
  readonly bigCompanyCustomers?: number;
  /** Companies the other customers are spread over, round-robin (default 100). */
  readonly otherCompanies?: number;
  /** Share of customers (0 … 1, spread evenly) imported with an enrolled phone of their own (default 0). */
  readonly enrolledShare?: number;
  /** Every account's password (default: a fixed bench password). */
  readonly password?: string;
}

export interface CustomerFile {
  readonly path: string;
  readonly slug: string;
  readonly password: string;
  /** The Master Admin's username (same password). */
  readonly admin: string;
  readonly customers: number;
  readonly enrolled: number;
  readonly bigCompany: string;
  username(i: number): string;
  /** The phone customer `i` was imported with, or null when not enrolled. */
  phone(i: number): string | null;
}

const BIG_COMPANY = 'Big Company';
const WRITE_LINES = 1000;

/** Writes the file at `path` and says what is in it. */
export async function writeCustomerFile(path: string, options: CustomerFileOptions): Promise<CustomerFile> {
  const n = options.customers;
  const slug = options.slug ?? 'bulk';
  const password = options.password ?? 'bulk import password for every account';
  const big = Math.min(options.bigCompanyCustomers ?? 100_000, n);
  const others = Math.max(1, options.otherCompanies ?? 100);
  const share = Math.min(1, Math.max(0, options.enrolledShare ?? 0));
  if (share > 0 && n > 8_000_000) throw new Error('at most 8,000,000 distinct phone numbers (415-200-0000 … 415-999-9999)');
  const passwordHash = await hashPassword(password);
  const username = (i: number) => `customer${String(i).padStart(7, '0')}`;
  const isEnrolled = (i: number) => Math.floor((i + 1) * share) > Math.floor(i * share);
  // +1 415 NXX XXXX: valid US numbers for libphonenumber, one per customer.
  const phone = (i: number) => (isEnrolled(i) ? `+1415${200 + (Math.floor(i / 10_000) % 800)}${String(i % 10_000).padStart(4, '0')}` : null);
  const companyOf = (i: number) => (i < big ? BIG_COMPANY : `Company ${String((i - big) % others).padStart(3, '0')}`);
  const header = {
    slug,
    name: `Bulk ${slug}`,
    twoFactorEnabled: options.twoFactorEnabled ?? false,
    smsCountries: ['US'],
    profiles: [{ name: 'Master Admin', masterAdmin: true }],
    admins: [{ username: 'bulk-admin', passwordHash, displayName: 'Bulk Admin', profile: 'Master Admin' }],
    companies: [BIG_COMPANY, ...(big < n ? Array.from({ length: others }, (_, k) => `Company ${String(k).padStart(3, '0')}`) : [])],
  };
  const out = createWriteStream(path, { encoding: 'utf8' });
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(`${JSON.stringify(header)}\n`);
  let enrolled = 0;
  let chunk = '';
  for (let i = 0; i < n; i += 1) {
    const p = phone(i);
    if (p) enrolled += 1;
    const u = username(i);
    chunk += `${JSON.stringify({ username: u, displayName: `Customer ${i}`, email: `${u}@bulk.test`, company: companyOf(i), passwordHash, ...(p ? { enrolledPhone: p } : {}) })}\n`;
    if ((i + 1) % WRITE_LINES === 0) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  out.end();
  await once(out, 'finish');
  return { path, slug, password, admin: 'bulk-admin', customers: n, enrolled, bigCompany: BIG_COMPANY, username, phone };
}
