import type { DataSource } from 'typeorm';

type Connection = { query: (sql: string, cb: (err: Error | null) => void) => unknown };
type Callback = (err: Error | null, connection?: Connection) => void;
interface CallbackPool {
  getConnection(cb: Callback): void;
}

/**
 * wsrep_sync_wait's bits: 1 reads (SELECT, SHOW, BEGIN), 2 UPDATE and DELETE, 4 INSERT and REPLACE.
 * All three: a sign-in step reads, updates (the attempt, the consume) and inserts (the session) rows that
 * the previous step may have written on another node a moment ago.
 */
export const SYNC_WAIT_ALL = 7;
const SYNCED = Symbol('causalReads');

/**
 * Read your own writes across the nodes of a Galera cluster (docs/OPERATIONS.md, Galera). A node
 * applies the others' write sets a little after they commit, so a sign-in whose login ran on one node
 * and whose verifyOtp runs on another at once could read its own challenge as missing and answer
 * CHALLENGE_INVALID. With wsrep_sync_wait set on its session, a node first waits until it has applied
 * everything the cluster had committed when the statement arrived. Set on each connection of the pool,
 * the first time it is lent, before the borrower's statements (a connection runs its statements in
 * order). Only when the server is a Galera node (wsrep_on): on one MySQL or MariaDB nothing changes.
 * Returns whether it is on.
 */
export async function useCausalReads(ds: DataSource): Promise<boolean> {
  const rows: Array<{ Value?: string; value?: string }> = await ds.query("SHOW VARIABLES LIKE 'wsrep_on'");
  const on = rows.length > 0 && String(rows[0].Value ?? rows[0].value).toUpperCase() === 'ON';
  if (!on) return false;
  const pool = (ds.driver as unknown as { pool: CallbackPool }).pool;
  const getConnection = pool.getConnection.bind(pool);
  pool.getConnection = (cb: Callback) =>
    getConnection((err, connection) => {
      const c = connection as (Connection & Record<symbol, boolean>) | undefined;
      if (c && !c[SYNCED]) {
        c[SYNCED] = true;
        // Queued ahead of the borrower's statements, which run whatever it answers.
        c.query(`SET SESSION wsrep_sync_wait = ${SYNC_WAIT_ALL}`, () => undefined);
      }
      cb(err, connection);
    });
  return true;
}
