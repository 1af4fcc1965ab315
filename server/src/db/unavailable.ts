/**
 * "The database cannot be reached" as opposed to "this statement is wrong": the first is an outage the
 * caller sees as SERVICE_UNAVAILABLE (HTTP 503) and that ends by itself when the database returns
 * (docs/OPERATIONS.md, Database outages); the second stays a bug, logged with its detail.
 */

/** Raised when no pooled connection came within the wait limit (mysql2's pool has no limit of its own). */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
  readonly code = 'DATABASE_UNAVAILABLE';
}

/** Socket and protocol failures of mysql2, and the server's own "going away" answers. */
const UNAVAILABLE_CODES = new Set([
  'DATABASE_UNAVAILABLE',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'PROTOCOL_ENQUEUE_AFTER_QUIT',
  'ER_SERVER_SHUTDOWN', // 1053: the server is shutting down
  'ER_CON_COUNT_ERROR', // 1040: too many connections
  'ER_CONNECTION_KILLED', // 1927 (MariaDB): the connection was killed, e.g. by a shutdown
  'CR_SERVER_GONE_ERROR', // 2006
  'CR_SERVER_LOST', // 2013
  'SQLITE_BUSY', // the embedded file stayed locked past its busy timeout
  // Write conflicts still met after every retry (db/conflict-retry.ts): a database too busy to answer
  // now, for the caller to try again, not a bug.
  'ER_LOCK_DEADLOCK', // 1213: a deadlock, or a Galera certification failure
  'ER_LOCK_WAIT_TIMEOUT', // 1205
]);

/** Messages mysql2 raises without a code: a pool ended by a shutdown, a connection closed under a query. */
const UNAVAILABLE_MESSAGES = [/^Pool is closed\.?$/, /^Queue limit reached\.?$/, /connection is in closed state/, /^Connection lost/];

/**
 * Whether `err` (a TypeORM QueryFailedError, a mysql2 error, or a GraphQL error wrapping one) says the
 * database is out of reach. TypeORM copies the driver's code onto its error and keeps the driver's
 * error as `driverError`; GraphQL keeps the thrown error as `originalError`.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; depth += 1) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((m) => m.test(message))) return true;
    const next = e as { driverError?: unknown; originalError?: unknown; cause?: unknown };
    e = next.driverError ?? next.originalError ?? next.cause;
  }
  return false;
}
