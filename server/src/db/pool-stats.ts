import type { DataSource } from 'typeorm';
import { dialectOfSource } from './data-source';

/** What a MySQL pool holds right now; the metrics' gauges (docs/OPERATIONS.md, Metrics) read it at each scrape. */
export interface PoolCounts {
  readonly inUse: number;
  readonly idle: number;
  readonly waiting: number;
  readonly max: number;
}

interface Sized {
  readonly length: number;
}
/** mysql2's Pool: these fields are its own bookkeeping (lib/base/pool.js); it has no public counts. */
interface Mysql2Pool {
  readonly _allConnections?: Sized;
  readonly _freeConnections?: Sized;
  readonly _connectionQueue?: Sized;
  readonly config?: { readonly connectionLimit?: number };
}

/**
 * A reader of the DataSource's mysql2 pool, or null on SQLite, which has one connection per process and
 * no pool. TypeORM's MySQL driver keeps the pool as `driver.pool` once connected. Should a mysql2
 * release rename its fields, the gauges read 0 rather than failing a scrape.
 */
export function poolCountsOf(ds: DataSource): (() => PoolCounts) | null {
  if (dialectOfSource(ds) !== 'mysql') return null;
  return () => {
    const pool = (ds.driver as unknown as { pool?: Mysql2Pool }).pool;
    const all = pool?._allConnections?.length ?? 0;
    const idle = pool?._freeConnections?.length ?? 0;
    return { inUse: Math.max(0, all - idle), idle, waiting: pool?._connectionQueue?.length ?? 0, max: pool?.config?.connectionLimit ?? 0 };
  };
}
