import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DataSource, type EntitySchema } from 'typeorm';
import { limitConnectionWait } from './connection-wait';
import { dropTimedOutConnections } from './statement-timeout';
import { retryConflicts } from './conflict-retry';
import { useCausalReads } from './causal-reads';
import { MYSQL_MIGRATIONS, SQLITE_MIGRATIONS } from './migrations';

export type Dialect = 'mysql' | 'sqlite';

/** The entity classes the application maps; the composition root passes them in (db/ knows no domain). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type Entities = ReadonlyArray<Function | EntitySchema>;

const MYSQL_POOL_SIZE = 10;
// A request waits at most this long for a connection or a new connection's handshake, so that with the
// database gone every request answers SERVICE_UNAVAILABLE within 5 s (docs/OPERATIONS.md, Database outages).
const MYSQL_CONNECT_TIMEOUT_MS = 4_000;
const MYSQL_CONNECTION_WAIT_MS = 4_000;
// Waiters beyond this are refused at once (SERVICE_UNAVAILABLE) rather than queued without bound.
const MYSQL_QUEUE_LIMIT = 1_000;
const SQLITE_BUSY_TIMEOUT_MS = 5_000;
const REPLICA_RESTORE_MS = 5_000;
// A request's statements are small (docs/PERFORMANCE.md: the slowest admin read is well under a second
// at a million customers); one with no answer for this long is a database that has hung. Below the
// 4 s connection limits, so a request that meets a hung database on a warm connection still answers first.
const STATEMENT_TIMEOUT_MS = 3_000;

export function dialectOf(databaseUrl: string): Dialect {
  return databaseUrl.startsWith('sqlite:') ? 'sqlite' : 'mysql';
}

/**
 * Builds (does not connect) the DataSource for a DATABASE_URL. Schema changes only through migrations.
 * `statementTimeoutMs` (MySQL only): a statement with no answer after that long fails and its connection
 * is dropped, so a database that hangs without closing its sockets (frozen, or cut off by a firewall that
 * drops packets) gives SERVICE_UNAVAILABLE instead of requests that wait forever (docs/OPERATIONS.md,
 * Database outages). Off for migrations and imports, whose statements may rightly take minutes.
 */
export function createDataSource(databaseUrl: string, entities: Entities, statementTimeoutMs?: number): DataSource {
  if (dialectOf(databaseUrl) === 'sqlite') {
    const file = databaseUrl.slice('sqlite:'.length);
    const database = file === ':memory:' ? file : resolve(file);
    if (database !== ':memory:') mkdirSync(dirname(database), { recursive: true });
    return new DataSource({
      type: 'better-sqlite3',
      database,
      entities: [...entities],
      migrations: SQLITE_MIGRATIONS,
      migrationsRun: false,
      synchronize: false,
      enableWAL: database !== ':memory:',
      timeout: SQLITE_BUSY_TIMEOUT_MS,
      prepareDatabase: (db: { pragma(s: string): unknown }) => {
        db.pragma('foreign_keys = ON');
      },
    });
  }
  return new DataSource({
    type: 'mysql',
    url: databaseUrl,
    charset: 'utf8mb4_unicode_ci',
    entities: [...entities],
    migrations: MYSQL_MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    connectTimeout: MYSQL_CONNECT_TIMEOUT_MS,
    extra: { connectionLimit: MYSQL_POOL_SIZE, queueLimit: MYSQL_QUEUE_LIMIT },
    ...statementTimeout(statementTimeoutMs),
  });
}

/** TypeORM's names for mysql2's per-query timeout (its slow-query log uses the same threshold). */
function statementTimeout(ms: number | undefined): { enableQueryTimeout?: boolean; maxQueryExecutionTime?: number } {
  return ms ? { enableQueryTimeout: true, maxQueryExecutionTime: ms } : {};
}

/**
 * The connection for reads that may lag (docs/OPERATIONS.md, Read replicas): TypeORM's replication
 * setting with the replicas as its read pools. No migrations, no writes, and no sign-in step ever goes
 * through it; the primary in `master` is only there because TypeORM requires one.
 */
export async function openReplicaReads(primaryUrl: string, replicaUrls: readonly string[], entities: Entities): Promise<DataSource> {
  const ds = new DataSource({
    type: 'mysql',
    charset: 'utf8mb4_unicode_ci',
    entities: [...entities],
    synchronize: false,
    migrationsRun: false,
    connectTimeout: MYSQL_CONNECT_TIMEOUT_MS,
    extra: { connectionLimit: MYSQL_POOL_SIZE, queueLimit: MYSQL_QUEUE_LIMIT },
    ...statementTimeout(STATEMENT_TIMEOUT_MS),
    replication: {
      master: { url: primaryUrl },
      slaves: replicaUrls.map((url) => ({ url })),
      // Reads through this connection go to a replica unless a query runner says otherwise.
      defaultMode: 'slave',
      // mysql2's pool cluster drops a replica after 5 failed connects and, by default, never takes it
      // back: a replica restarted for an upgrade would be gone until the app restarts. Retry it instead.
      restoreNodeTimeout: REPLICA_RESTORE_MS,
      selector: 'RANDOM',
    },
  });
  await ds.initialize();
  const cluster = (ds.driver as unknown as { poolCluster: ClusterPool }).poolCluster;
  const replicas = { getConnection: (cb: Parameters<ClusterPool['getConnection']>[1]) => clusterGet('SLAVE*', cb) };
  const clusterGet = cluster.getConnection.bind(cluster);
  dropTimedOutConnections(replicas as unknown as Parameters<typeof dropTimedOutConnections>[0]);
  limitConnectionWait(replicas, MYSQL_CONNECTION_WAIT_MS);
  cluster.getConnection = (pattern, cb) => (pattern === 'SLAVE*' ? replicas.getConnection(cb) : clusterGet(pattern, cb));
  return ds;
}

/** The part of mysql2's pool cluster TypeORM's driver calls: getConnection("MASTER" | "SLAVE*", cb). */
interface ClusterPool {
  getConnection(pattern: string, cb: (err: Error | null, connection?: { release(): void }) => void): void;
}

export function dialectOfSource(ds: DataSource): Dialect {
  return ds.options.type === 'mysql' ? 'mysql' : 'sqlite';
}

/**
 * Connects and applies pending migrations; safe to call on an up-to-date database. `serving`: the
 * connection answers requests, so its statements get STATEMENT_TIMEOUT_MS; on MySQL the migrations then
 * run first on a connection of their own, without it.
 */
export async function openDatabase(databaseUrl: string, options: { migrate: boolean; entities: Entities; serving?: boolean }): Promise<DataSource> {
  const mysqlServing = options.serving === true && dialectOf(databaseUrl) === 'mysql';
  if (mysqlServing && options.migrate) {
    const migrations = createDataSource(databaseUrl, options.entities);
    await migrations.initialize();
    try {
      await migrations.runMigrations({ transaction: 'each' });
    } finally {
      await migrations.destroy();
    }
  }
  const ds = createDataSource(databaseUrl, options.entities, mysqlServing ? STATEMENT_TIMEOUT_MS : undefined);
  await ds.initialize();
  if (dialectOfSource(ds) === 'mysql') {
    const pool = (ds.driver as unknown as { pool: Parameters<typeof limitConnectionWait>[0] & Parameters<typeof dropTimedOutConnections>[0] }).pool;
    if (mysqlServing) dropTimedOutConnections(pool);
    limitConnectionWait(pool, MYSQL_CONNECTION_WAIT_MS);
    retryConflicts(ds);
    await useCausalReads(ds);
  }
  if (options.migrate && !mysqlServing) await ds.runMigrations({ transaction: 'each' });
  return ds;
}
