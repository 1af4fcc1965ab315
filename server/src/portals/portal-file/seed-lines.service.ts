import type { DataSource } from 'typeorm';
import type { Clock } from '../../lib/clock';
import { identityKey } from '../../lib/identity-key';
import {
  CUSTOMER_BATCH_SIZE,
  customerRow,
  FileChangedError,
  insertCustomerBatch,
  publishPortal,
  secretHashes,
  writePortalHeader,
} from './customer-batch';
import { UsernameClaims } from './portal-file';
import { checkPortalLines, customerLines, headerLine, type Line, PortalLines, ProblemList, readLines } from './portal-lines';
import type { CustomerLine } from './portal-file.schema';
import { existingSlugs, type SeedResult, slugTaken } from './seed.service';

export interface LinesProgress {
  (phase: 'checked' | 'written', customers: number): void;
}

/** How often `progress` is told, in customers. */
const PROGRESS_EVERY = 100_000;

/**
 * Loads a JSON Lines portal file (README "Bulk import") in two passes over the stream:
 *
 * 1. check every line (checkPortalLines), writing nothing and hashing nothing;
 * 2. only if no line has a problem and the slug is free, read the file again and write the portal,
 *    its staff and companies, then the customers a batch at a time (plaintext passwords argon2-hashed
 *    a batch at a time on every core), all in ONE transaction.
 *
 * Why two passes rather than inserting as we read and rolling back at the first bad line: a bad file
 * costs no argon2 run and opens no transaction; a million-row rollback on InnoDB takes about as long
 * as the inserts did, and on SQLite the one write lock would be held all that while; and the problem
 * list is complete, not cut at the first bad line. Reading the file twice costs seconds. The second
 * pass checks each line again with the same code, so a file changed in between is refused and its
 * transaction rolls back: the portal appears whole or not at all.
 */
export async function seedPortalLines(ds: DataSource, path: string, clock: Clock, progress?: LinesProgress): Promise<SeedResult> {
  const checked = await checkPortalLines(path, progress && ((n) => progress('checked', n)));
  if (!checked.ok) return checked;
  const { header } = checked;
  if ((await existingSlugs(ds)).has(identityKey(header.slug))) return { ok: false, problems: [slugTaken('line 1.slug', header.slug)] };
  const adminHashes = await secretHashes(header.admins);
  try {
    const written = await ds.transaction(async (m) => {
      const portal = await writePortalHeader(
        m,
        header,
        header.admins.map((spec, i) => ({ spec, hash: adminHashes[i] })),
        checked.legacyPasswordCost,
        clock.now(),
      );
      const lines = readLines(path);
      const again = await headerLine(lines);
      const reread = again && PortalLines.fromHeader(again, new ProblemList(), new UsernameClaims(new ProblemList()));
      if (!reread || JSON.stringify(reread.header) !== JSON.stringify(header)) throw new FileChangedError('line 1 differs');
      let count = 0;
      let batch: Array<{ customer: CustomerLine; company: number }> = [];
      const flush = async () => {
        const hashes = await secretHashes(batch.map((b) => b.customer));
        const rows = batch.map((b, i) => customerRow(portal, b.customer, portal.companyIds[b.company], hashes[i]));
        batch = [];
        await insertCustomerBatch(m, portal, rows);
        count += rows.length;
        if (progress && count % PROGRESS_EVERY < rows.length) progress('written', count);
      };
      for await (const line of customerLines(lines)) {
        batch.push(recheck(reread, line));
        if (batch.length === CUSTOMER_BATCH_SIZE) await flush();
      }
      if (batch.length) await flush();
      await publishPortal(m, portal, checked.customers, count);
      return count;
    });
    return { ok: true, portals: 1, admins: header.admins.length, customers: written };
  } catch (err) {
    if (err instanceof FileChangedError) return { ok: false, problems: [{ path: 'file', message: err.message }] };
    throw err;
  }
}

function recheck(portal: PortalLines, line: Line): { customer: CustomerLine; company: number } {
  const problems = new ProblemList();
  const c = portal.customer(line, problems);
  if (!c || !c.usable) throw new FileChangedError(`line ${line.number} has a problem now`);
  return c;
}
