import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import mysql from 'mysql2/promise';
import { freePort } from './server-process';

const run = promisify(execFile);
const READY_DEADLINE_MS = 30_000;
const STOP_DEADLINE_MS = 30_000;

/**
 * A MariaDB server of the test's own, on its own port and data directory, that the test may stop and
 * start while the app runs (the shared TEST_DATABASE_URL server must stay up for every other test
 * file). Needs `mariadb-install-db` and `mariadbd` on the PATH or in /usr/sbin.
 */
export interface OwnMariaDb {
  /** mysql://root@127.0.0.1:PORT, without a database. */
  readonly url: string;
  /** SIGTERM, as a service manager stops it; resolves once the process has exited. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data; resolves once it accepts connections. */
  start(): Promise<void>;
  /** SIGKILL, as a crash or a lost machine; resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGSTOP: the server keeps its sockets open and answers nothing, as a hung database does. */
  freeze(): void;
  /** SIGCONT after freeze(). */
  thaw(): void;
  /** Stops it and removes its data directory. */
  destroy(): Promise<void>;
}

export interface OwnMariaDbOptions {
  /**
   * More mariadbd options, e.g. a server id and binary log for replication (replication.ts); a function
   * when a restart needs other options than the first start (a Galera node that bootstrapped its cluster
   * joins it when restarted: galera.ts).
   */
  readonly args?: readonly string[] | ((firstStart: boolean) => readonly string[]);
  /** How long to wait for it to accept connections (a joining Galera node first copies the cluster's data). */
  readonly readyDeadlineMs?: number;
}

export async function startOwnMariaDb(options: OwnMariaDbOptions = {}): Promise<OwnMariaDb> {
  const dir = mkdtempSync(join(tmpdir(), 'own-mariadb-'));
  const asRoot = process.getuid?.() === 0;
  // mariadbd refuses to run as root: as root, the files belong to the mysql user and so does the server.
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'mysql']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'mysql']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const user = asRoot ? ['--user=mysql'] : [];
  const datadir = join(dir, 'data');
  await run(
    'mariadb-install-db',
    ['--no-defaults', `--datadir=${datadir}`, ...user, '--auth-root-authentication-method=normal', '--skip-test-db'],
    { timeout: 60_000, env: { ...process.env, PATH: `${process.env.PATH}:/usr/sbin:/usr/bin` } },
  );
  const port = await freePort();
  const url = `mysql://root@127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let output = '';
  let starts = 0;
  const argsFor = (first: boolean) => (typeof options.args === 'function' ? options.args(first) : (options.args ?? []));

  const start = async () => {
    output = '';
    child = spawn(
      'mariadbd',
      [
        '--no-defaults',
        `--datadir=${datadir}`,
        `--port=${port}`,
        `--socket=${join(dir, 'sock')}`,
        ...user,
        '--bind-address=127.0.0.1',
        '--skip-name-resolve',
        '--innodb-buffer-pool-size=32M',
        '--max-connections=200',
        ...argsFor(starts === 0),
      ],
      { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, PATH: `${process.env.PATH}:/usr/sbin` } },
    );
    starts += 1;
    child.stderr?.on('data', (d) => (output += String(d)));
    const deadline = Date.now() + (options.readyDeadlineMs ?? READY_DEADLINE_MS);
    for (;;) {
      if (child.exitCode !== null) throw new Error(`mariadbd exited: ${output}`);
      const up = await mysql
        .createConnection({ uri: url, connectTimeout: 1000 })
        .then(async (c) => {
          await c.end();
          return true;
        })
        .catch(() => false);
      if (up) return;
      if (Date.now() > deadline) throw new Error(`mariadbd did not accept connections: ${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  const stop = () =>
    new Promise<void>((resolve, reject) => {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return resolve();
      const deadline = setTimeout(() => {
        c.kill('SIGKILL');
        reject(new Error(`mariadbd did not stop in ${STOP_DEADLINE_MS / 1000} s: ${output}`));
      }, STOP_DEADLINE_MS);
      c.once('exit', () => {
        clearTimeout(deadline);
        resolve();
      });
      c.kill('SIGCONT'); // a frozen server (freeze()) handles no signal but this one
      c.kill('SIGTERM');
    });

  await start();
  return {
    url,
    stop,
    start,
    kill: () =>
      new Promise<void>((resolve) => {
        const c = child as ChildProcess | null;
        if (!c || c.exitCode !== null || c.signalCode !== null) return resolve();
        c.once('exit', () => resolve());
        c.kill('SIGKILL');
      }),
    freeze: () => void (child as ChildProcess | null)?.kill('SIGSTOP'),
    thaw: () => void (child as ChildProcess | null)?.kill('SIGCONT'),
    destroy: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
