type Connection = { query: (...args: unknown[]) => unknown; destroy(): void };
type Callback = (err: Error | null, connection?: Connection & { release(): void }) => void;
interface CallbackPool {
  getConnection(cb: Callback): void;
}

const WRAPPED = Symbol('dropsOnStatementTimeout');
const TIMEOUT_CODE = 'PROTOCOL_SEQUENCE_TIMEOUT';

/**
 * A statement that timed out (createDataSource's statementTimeoutMs) leaves its connection waiting for
 * an answer that may never come: mysql2 ends the statement with an error but keeps the connection, so
 * the next statement on it (TypeORM's ROLLBACK, then whoever gets it from the pool) would queue behind
 * the dead one and wait out its own timeout too. Such a connection is destroyed at once instead: the
 * pool forgets it and the rollback fails fast (docs/OPERATIONS.md, Database outages).
 */
export function dropTimedOutConnections(pool: CallbackPool): void {
  const getConnection = pool.getConnection.bind(pool);
  pool.getConnection = (cb: Callback) =>
    getConnection((err, connection) => {
      if (connection && !(connection as unknown as Record<symbol, boolean>)[WRAPPED]) {
        (connection as unknown as Record<symbol, boolean>)[WRAPPED] = true;
        const query = connection.query.bind(connection);
        connection.query = (...args: unknown[]) => {
          const last = args.length - 1;
          const done = args[last];
          if (typeof done === 'function') {
            args[last] = (e: { code?: unknown } | null, ...rest: unknown[]) => {
              if (e?.code === TIMEOUT_CODE) connection.destroy();
              return (done as (...a: unknown[]) => unknown)(e, ...rest);
            };
          }
          return query(...args);
        };
      }
      cb(err, connection);
    });
}
