import { DatabaseUnavailableError, isDatabaseUnavailable } from './unavailable';

type Callback = (err: Error | null, connection?: { release(): void }) => void;

/** The part of a mysql2 callback pool this needs. */
interface CallbackPool {
  getConnection(cb: Callback): void;
}

/**
 * Bounds how long a request waits for a pooled connection. mysql2's pool has no such limit (TypeORM's
 * `acquireTimeout` is an option of the older `mysql` driver and mysql2 ignores it): with the database
 * gone, a request queued behind ten connections that are still trying to connect would wait for all of
 * them. After `waitMs` the waiter gets a DatabaseUnavailableError (SERVICE_UNAVAILABLE to the caller,
 * docs/OPERATIONS.md, Database outages); a connection that arrives later goes straight back to the pool.
 * A failed connect is handed on as a DatabaseUnavailableError too: mysql2 passes node:net's error object
 * through as it is, and TypeORM does not wrap connection errors, so without this one kind of outage
 * would reach GraphQL as whatever net produced (under Jest's sandbox, not even an `instanceof Error`).
 */
export function limitConnectionWait(pool: CallbackPool, waitMs: number): void {
  const getConnection = pool.getConnection.bind(pool);
  pool.getConnection = (cb: Callback) => {
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      cb(new DatabaseUnavailableError(`no database connection within ${waitMs} ms`));
    }, waitMs);
    getConnection((err, connection) => {
      if (settled) {
        connection?.release();
        return;
      }
      settled = true;
      clearTimeout(timer);
      if (err && isDatabaseUnavailable(err)) {
        const code = (err as { code?: unknown }).code;
        cb(new DatabaseUnavailableError(`database connection failed${typeof code === 'string' ? ` (${code})` : ''}`, { cause: err }));
        return;
      }
      cb(err, connection);
    });
  };
}
