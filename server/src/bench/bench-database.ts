import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';

/** The bench's own database: created for one run and dropped after it, whatever happens. */
export interface BenchDatabase {
  readonly engine: 'mysql' | 'sqlite';
  /** The server's DATABASE_URL. */
  readonly url: string;
  /** For the progress lines: the database without credentials. */
  readonly label: string;
  drop(): Promise<void>;
}

const DEFAULT_TEST_DATABASE_URL = 'mysql://root@127.0.0.1:3306';

/** A fresh utf8mb4 database `bench_<random>` on the test MySQL (TEST_DATABASE_URL). */
export async function createMysqlBenchDatabase(testDatabaseUrl = DEFAULT_TEST_DATABASE_URL): Promise<BenchDatabase> {
  const server = new URL(testDatabaseUrl);
  server.pathname = '/';
  const serverUrl = server.toString().replace(/\/$/, '');
  const name = `bench_${randomBytes(5).toString('hex')}`;
  const conn = await mysql.createConnection({ uri: serverUrl, connectTimeout: 5000 });
  try {
    await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await conn.end();
  }
  return {
    engine: 'mysql',
    url: `${serverUrl}/${name}`,
    label: `${server.host}/${name}`,
    drop: async () => {
      const c = await mysql.createConnection({ uri: serverUrl, connectTimeout: 5000 });
      try {
        await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await c.end();
      }
    },
  };
}

/** A temporary SQLite file, the engine of the embedded default (`npm start` without DATABASE_URL). */
export function createSqliteBenchDatabase(): BenchDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'bench-'));
  const file = join(dir, 'bench.sqlite');
  return {
    engine: 'sqlite',
    url: `sqlite:${file}`,
    label: file,
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}
