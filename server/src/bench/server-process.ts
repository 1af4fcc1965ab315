import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { SERVE_ENV, SERVE_NODE_FLAGS } from '../cli/serve-env';

/** The built server as `npm run serve` starts it (its environment SERVE_ENV, settings from the environment); `pid` is the primary when WEB_CONCURRENCY > 1, the workers its children. */
export interface ServerProcess {
  readonly url: string;
  readonly pid: number;
  /** The last lines it printed (warnings and errors; the bench runs it at LOG_LEVEL=warn). */
  output(): string;
  stop(): Promise<void>;
}

const HEALTH_DEADLINE_MS = 60_000;
const HEALTH_POLL_MS = 100;
const STOP_GRACE_MS = 15_000;
const KEPT_OUTPUT_CHARS = 8_000;

export async function startServerProcess(distCli: string, env: Record<string, string>, profileDir: string | null = null): Promise<ServerProcess> {
  const port = await freePort();
  const nodeArgs = [...SERVE_NODE_FLAGS, ...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [])];
  const child = spawn(process.execPath, [...nodeArgs, join(distCli, 'serve.js')], {
    env: { ...process.env, ...SERVE_ENV, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (d: Buffer) => {
    output = (output + String(d)).slice(-KEPT_OUTPUT_CHARS);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const kill = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill('SIGTERM');
    });
  const deadline = Date.now() + HEALTH_DEADLINE_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output}`);
    if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server did not answer /healthz within ${HEALTH_DEADLINE_MS / 1000} s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, HEALTH_POLL_MS));
  }
  return { url, pid: child.pid as number, output: () => output, stop };
}

/** A port the OS says is free right now (listen on 0, read, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}
