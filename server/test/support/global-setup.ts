import mysql from 'mysql2/promise';

/** Fails the integration run at once, with a message a person can act on, when no MySQL answers. */
export default async function globalSetup(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306';
  try {
    const c = await mysql.createConnection({ uri: url, connectTimeout: 5000 });
    await c.query('SELECT 1');
    await c.end();
  } catch (err) {
    const safe = url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
    throw new Error(
      `Integration tests need a MySQL 8 or MariaDB 10.11 server at TEST_DATABASE_URL=${safe}, and none answered ` +
        `(${(err as Error).message}). Start one (e.g. \`start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd\`) or set TEST_DATABASE_URL.`,
    );
  }
}
