import type { DataSource } from 'typeorm';
import { openAppDatabase } from '../../src/entities';
import { createTestDatabase } from './mysql';

/**
 * Fresh migrated MySQL databases for the loader tests, each with its DataSource, all closed and dropped
 * after the file (call `freshDatabases()` in a describe block).
 */
export function freshDatabases(): () => Promise<{ url: string; ds: DataSource }> {
  const dbs: Array<{ drop: () => Promise<void> }> = [];
  const sources: DataSource[] = [];
  afterAll(async () => {
    for (const ds of sources) if (ds.isInitialized) await ds.destroy();
    for (const db of dbs) await db.drop();
  });
  return async () => {
    const db = await createTestDatabase();
    dbs.push(db);
    const ds = await openAppDatabase(db.url, { migrate: true });
    sources.push(ds);
    return { url: db.url, ds };
  };
}

/** Rows in the tables a portal file writes. */
export async function portalFileCounts(ds: DataSource): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of ['portals', 'profiles', 'companies', 'accounts']) {
    out[table] = Number((await ds.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  }
  return out;
}
export const NOTHING = { portals: 0, profiles: 0, companies: 0, accounts: 0 };
