import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const ROOT = join(__dirname, '..', '..', '..');
const DIST = join(ROOT, 'server', 'dist', 'cli', 'serve.js');
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
  stop(): Promise<void>;
}

/** `npm run serve` as a child process on `port`; resolves once /healthz answers 200. */
export async function startServe(env: Record<string, string>, port: number): Promise<ServeProcess> {
  const child: ChildProcess = spawn('node', [DIST], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
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

/** Ports the OS says are free right now (listen on 0, read, close). */
export async function freePorts(n: number): Promise<number[]> {
  const ports: number[] = [];
  for (let i = 0; i < n; i += 1) {
    ports.push(
      await new Promise<number>((resolve, reject) => {
        const srv = createServer();
        srv.once('error', reject);
        srv.listen(0, '127.0.0.1', () => {
          const addr = srv.address();
          const port = typeof addr === 'object' && addr ? addr.port : 0;
          srv.close(() => resolve(port));
        });
      }),
    );
  }
  return ports;
}
