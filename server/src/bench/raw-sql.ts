import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import type { BenchDatabase } from './bench-database';

/**
 * Plain SQL on the bench database, beside the server and without the ORM: to read the seeded ids,
 * to write the floor's challenges, and as the floor itself.
 */
export interface RawSql {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs statements in one transaction; each answers how many rows it changed. */
  transaction<T>(work: (exec: (sql: string, params: readonly unknown[]) => Promise<number>) => Promise<T>): Promise<T>;
  /** Opens every pooled connection before a measurement, as a running server has them open. */
  warm(): Promise<void>;
  close(): Promise<void>;
}

/** The server's own MySQL pool size, so the floor gets no more connections than the server has. */
const MYSQL_POOL_SIZE = 10;
const SQLITE_BUSY_TIMEOUT_MS = 5_000;

export function openRawSql(db: BenchDatabase): RawSql {
  return db.engine === 'mysql' ? mysqlSql(db.url) : sqliteSql(db.url.slice('sqlite:'.length));
}

function mysqlSql(url: string): RawSql {
  const pool = mysql.createPool({ uri: url, connectionLimit: MYSQL_POOL_SIZE, charset: 'utf8mb4_unicode_ci' });
  return {
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const [rows] = await pool.query(sql, params as unknown[]);
      return rows as T[];
    },
    async transaction(work) {
      const conn = await pool.getConnection();
      try {
        await conn.beginTransaction();
        const result = await work(async (sql, params) => {
          const [r] = await conn.execute(sql, params as mysql.ExecuteValues[]);
          return (r as mysql.ResultSetHeader).affectedRows;
        });
        await conn.commit();
        return result;
      } catch (err) {
        await conn.rollback().catch(() => undefined);
        throw err;
      } finally {
        conn.release();
      }
    },
    warm: async () => {
      await Promise.all(Array.from({ length: MYSQL_POOL_SIZE }, () => pool.query('SELECT 1')));
    },
    close: () => pool.end(),
  };
}

function sqliteSql(file: string): RawSql {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    let s = statements.get(sql);
    if (!s) statements.set(sql, (s = db.prepare(sql)));
    return s;
  };
  return {
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const s = prepared(sql);
      if (s.reader) return s.all(...params) as T[];
      s.run(...params);
      return [];
    },
    async transaction(work) {
      // better-sqlite3 is synchronous: BEGIN IMMEDIATE … COMMIT with no await between them that
      // could let another request in, as the server's own SQLite transactions run.
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(async (sql, params) => prepared(sql).run(...params).changes);
        db.exec('COMMIT');
        return result;
      } catch (err) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw err;
      }
    },
    warm: async () => undefined,
    close: async () => {
      db.close();
    },
  };
}
