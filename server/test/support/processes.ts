import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, statSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../src/bench/server-process';
import { startFakePlivo, type FakePlivo } from './fake-plivo';
import { createTestDatabase } from './mysql';

const run = promisify(execFile);
export const ROOT = join(__dirname, '..', '..', '..');
const DIST_CLI = join(ROOT, 'server', 'dist', 'cli');
const DIST = join(DIST_CLI, 'serve.js');
const STOP_GRACE_MS = 15_000;

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds server/dist when it is missing or older than the sources, so process tests run what is checked in. */
export async function ensureServerBuilt(): Promise<void> {
  if (existsSync(DIST) && statSync(DIST).mtimeMs >= newestSource(join(ROOT, 'server', 'src'))) return;
  await run('npm', ['run', 'build', '-w', 'server'], { cwd: ROOT, timeout: 180_000 });
}

/** Runs one of the package scripts' entry points (migrate, seed) as `npm run` would. */
export async function runCli(script: string, args: string[], env: Record<string, string>) {
  return run('node', [join(ROOT, 'server', 'dist', 'cli', script), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    timeout: 60_000,
  }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

export interface ServeProcess {
  readonly url: string;
  readonly output: string[];
  /** The OS process id (the cluster's primary when WEB_CONCURRENCY > 1), for a test that signals it itself. */
  readonly pid: number;
  /** Resolves when the process has exited, with its exit code or the signal that ended it. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Its exit code once it has exited (null before, or when a signal ended it). */
  exitCode(): number | null;
  stop(): Promise<void>;
}

/**
 * `npm run serve` (or another entry point of server/dist/cli, e.g. `start.js`) as a child process on
 * `port`; resolves once /healthz answers 200.
 */
export async function startServe(env: Record<string, string>, port: number, script = 'serve.js'): Promise<ServeProcess> {
  const child: ChildProcess = spawn('node', [script === 'serve.js' ? DIST : join(DIST_CLI, script)], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  child.stdout?.on('data', (d) => output.push(String(d)));
  child.stderr?.on('data', (d) => output.push(String(d)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`serve exited: ${output.join('')}`);
    const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`serve did not answer /healthz: ${output.join('')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    output,
    pid: child.pid as number,
    exited,
    exitCode: () => child.exitCode,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        // A process whose event loop is stuck never handles SIGTERM; do not let a failing test hang on it.
        const kill = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** Ports the OS says are free right now, one after another so that no two are the same. */
export async function freePorts(n: number): Promise<number[]> {
  const ports: number[] = [];
  for (let i = 0; i < n; i += 1) ports.push(await freePort());
  return ports;
}

export interface ServeDeploymentOptions {
  /** How many `serve` processes share the database. */
  readonly count: number;
  /** SECRET_KEY of the deployment (each test file uses its own). */
  readonly secretKey: string;
  /** Plivo credentials: a fake Plivo is started with them and the processes send through it. */
  readonly plivo: { readonly authId: string; readonly authToken: string };
  /** A portal file to load with `db:seed` after `db:migrate`. */
  readonly portalFile?: unknown;
  /** Settings added to (or replacing) the production defaults below. */
  readonly env?: Record<string, string>;
}

export interface ServeDeployment {
  readonly env: Record<string, string>;
  readonly servers: ServeProcess[];
  readonly plivo: FakePlivo;
  /** What `db:seed` printed, when a portal file was given. */
  readonly seedOutput: string;
  stop(): Promise<void>;
}

/**
 * The product as it is deployed: a fresh MySQL database, `db:migrate`, `db:seed` of `portalFile`, then
 * `count` `npm run serve` processes on that database with NODE_ENV=production, sending SMS through the
 * plivo SDK. Whatever was started is stopped again if a later step fails, so a failing beforeAll leaks
 * no processes or databases.
 */
export async function startServeProcesses(options: ServeDeploymentOptions): Promise<ServeDeployment> {
  await ensureServerBuilt();
  let plivo: FakePlivo | undefined;
  let db: { url: string; drop: () => Promise<void> } | undefined;
  const servers: ServeProcess[] = [];
  const stop = async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await plivo?.close();
    await db?.drop();
  };
  try {
    plivo = await startFakePlivo(options.plivo);
    db = await createTestDatabase();
    const env: Record<string, string> = {
      NODE_ENV: 'production',
      DATABASE_URL: db.url,
      SECRET_KEY: options.secretKey,
      SMS_PROVIDER: 'plivo',
      PLIVO_AUTH_ID: options.plivo.authId,
      PLIVO_AUTH_TOKEN: options.plivo.authToken,
      PLIVO_SENDER: '+15555550000',
      PLIVO_API_URL: plivo.url,
      LOG_LEVEL: 'warn',
      // One process each unless a test asks for workers: "two serve processes" means two processes.
      WEB_CONCURRENCY: '1',
      ...options.env,
    };
    await runCliOrThrow('migrate.js', [], env);
    let seedOutput = '';
    if (options.portalFile !== undefined) {
      const file = join(mkdtempSync(join(tmpdir(), 'portal-file-')), 'portal.json');
      writeFileSync(file, JSON.stringify(options.portalFile));
      seedOutput = (await runCliOrThrow('seed.js', [file], env)).stdout;
    }
    const ports = await freePorts(options.count);
    // Each process is kept as it answers, so `stop` reaches the ones that started if another did not.
    const started = await Promise.all(
      ports.map(async (port) => {
        const s = await startServe(env, port);
        servers.push(s);
        return s;
      }),
    );
    return { env, servers: started, plivo, seedOutput, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

async function runCliOrThrow(script: string, args: string[], env: Record<string, string>) {
  const r = await runCli(script, args, env);
  if (r.code !== 0) throw new Error(`${script} exited with ${r.code}: ${r.stderr}`);
  return r;
}
