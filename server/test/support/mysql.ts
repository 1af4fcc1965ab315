import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306';

/** The server URL without a database path: where test databases are created. */
function serverUrl(server: string): string {
  const u = new URL(server);
  u.pathname = '/';
  return u.toString().replace(/\/$/, '');
}

/**
 * A fresh utf8mb4 database for one test file; returns its DATABASE_URL and a drop function. `server`:
 * another database server than TEST_DATABASE_URL (a test that stops its own, see own-mariadb.ts).
 */
export async function createTestDatabase(server = TEST_DATABASE_URL): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `t2fa_${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(4).toString('hex')}`;
  const conn = await mysql.createConnection({ uri: serverUrl(server), connectTimeout: 5000 });
  try {
    await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await conn.end();
  }
  return {
    url: `${serverUrl(server)}/${name}`,
    drop: async () => {
      const c = await mysql.createConnection({ uri: serverUrl(server), connectTimeout: 5000 });
      try {
        await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await c.end();
      }
    },
  };
}
