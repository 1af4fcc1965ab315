import mysql from 'mysql2/promise';
import { type OwnMariaDb, startOwnMariaDb } from '../../src/bench/own-mariadb';

const CATCH_UP_SECONDS = 20;
/** The replica's login for the app: it may read and nothing else, so a write sent there fails loudly. */
export const REPLICA_READER = { user: 'app_reader', password: 'reader-password' };

/**
 * Two MariaDB servers of the test's own: a primary with a binary log and a replica that applies it
 * (real asynchronous replication, as an operator would run it; docs/OPERATIONS.md, Read replicas).
 * The test may pause the replica's applier to make it lag on purpose, and wait for it to catch up.
 */
export interface PrimaryWithReplica {
  /** mysql://root@127.0.0.1:PORT of the primary, without a database. */
  readonly primaryUrl: string;
  /** The replica's server URL for a database, logged in as REPLICA_READER. */
  replicaUrlFor(database: string): string;
  /** Stops applying changes (STOP SLAVE SQL_THREAD): from now on the replica lags until resume(). */
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** Resolves once the replica has applied everything the primary has written so far. */
  caughtUp(): Promise<void>;
  readonly replica: OwnMariaDb;
  destroy(): Promise<void>;
}

async function onServer<T>(url: string, fn: (c: mysql.Connection) => Promise<T>): Promise<T> {
  const c = await mysql.createConnection({ uri: url, connectTimeout: 5000 });
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export async function startPrimaryWithReplica(): Promise<PrimaryWithReplica> {
  const primary = await startOwnMariaDb({ args: ['--server-id=1', '--log-bin=primary-bin', '--binlog-format=ROW'] });
  const replica = await startOwnMariaDb({ args: ['--server-id=2', '--read-only=ON', '--relay-log=replica-relay'] });
  const primaryPort = new URL(primary.url).port;
  await onServer(primary.url, async (c) => {
    await c.query(`CREATE USER 'replicator'@'127.0.0.1' IDENTIFIED BY 'replicator-password'`);
    await c.query(`GRANT REPLICATION SLAVE ON *.* TO 'replicator'@'127.0.0.1'`);
  });
  await onServer(replica.url, async (c) => {
    // The replica's own account, not replicated: SELECT only, so the app cannot write there by mistake.
    await c.query(`CREATE USER '${REPLICA_READER.user}'@'127.0.0.1' IDENTIFIED BY '${REPLICA_READER.password}'`);
    await c.query(`GRANT SELECT ON *.* TO '${REPLICA_READER.user}'@'127.0.0.1'`);
    await c.query(
      `CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=${primaryPort}, MASTER_USER='replicator',
       MASTER_PASSWORD='replicator-password', MASTER_USE_GTID=slave_pos`,
    );
    await c.query('START SLAVE');
  });

  const replicaUrl = new URL(replica.url);
  const caughtUp = async () => {
    const [[{ pos }]] = (await onServer(primary.url, (c) => c.query('SELECT @@gtid_binlog_pos AS pos'))) as unknown as [[{ pos: string }]];
    const [[{ waited }]] = (await onServer(replica.url, (c) =>
      c.query('SELECT MASTER_GTID_WAIT(?, ?) AS waited', [pos, CATCH_UP_SECONDS]),
    )) as unknown as [[{ waited: number }]];
    if (Number(waited) !== 0) throw new Error(`the replica did not reach ${pos} within ${CATCH_UP_SECONDS} s`);
  };
  return {
    primaryUrl: primary.url,
    replica,
    replicaUrlFor: (database) =>
      `mysql://${REPLICA_READER.user}:${REPLICA_READER.password}@127.0.0.1:${replicaUrl.port}/${database}`,
    pause: () => onServer(replica.url, async (c) => void (await c.query('STOP SLAVE SQL_THREAD'))),
    resume: () => onServer(replica.url, async (c) => void (await c.query('START SLAVE SQL_THREAD'))),
    caughtUp,
    destroy: async () => {
      await replica.destroy();
      await primary.destroy();
    },
  };
}
