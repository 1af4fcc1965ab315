import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';
import type { Config } from './config';
import { type Running, stopOnSignals } from './index';
import { shareHashCoresWith } from './auth/passwords';
import { secretKeyFor } from './lib/secret-key';
import { answerWorkerScrapes } from './metrics/cluster-scrape';

/**
 * WEB_CONCURRENCY worker processes on one port, with Node's `cluster` (docs/OPERATIONS.md, Workers).
 * Every counter, limit, challenge and session lives in the database, so the workers behave as one
 * server. What must happen once happens in the primary before any worker starts: migrations (never in
 * several workers at once), the demo seed, the generated development key. The primary serves nothing
 * itself: it forks the workers, restarts one that dies unexpectedly (after a back-off), gathers their
 * metrics for /metrics, and on SIGTERM or SIGINT stops every worker and exits once they have.
 */

export interface ServeOnWorkers {
  readonly config: Config;
  readonly workers: number;
  readonly log: Logger;
  /** In the primary, before any worker is forked; not run when there is one process (`serve` does it all). */
  readonly beforeFork: () => Promise<void>;
  /** One server: `alone` when it is the only process (it may migrate), else a worker (it must not). */
  readonly serve: (alone: boolean) => Promise<Running>;
  /** Once every server listens, with the port they listen on. */
  readonly listening: (port: number) => void;
}

const READY = 'portal:worker:ready';
/** A worker that dies is forked again after 1 s, 2 s, 4 s … up to 30 s while deaths keep coming. */
const RESTART_FIRST_DELAY_MS = 1_000;
const RESTART_MAX_DELAY_MS = 30_000;
/** Deaths further apart than this start the back-off over. */
const RESTART_MEMORY_MS = 60_000;
/** How long the workers get to finish their open requests and close, then they are killed. */
const STOP_GRACE_MS = 30_000;

export async function serveOnWorkers(options: ServeOnWorkers): Promise<void> {
  if (cluster.isWorker) return serveInWorker(options);
  if (options.workers === 1) {
    const running = await options.serve(true);
    stopOnSignals(running);
    options.listening(running.port);
    return;
  }
  // A development key is generated on first start: once, here, or each worker would make its own.
  secretKeyFor(options.config);
  await options.beforeFork();
  servePrimary(options);
}

async function serveInWorker(options: ServeOnWorkers): Promise<void> {
  shareHashCoresWith(options.workers);
  const running = await options.serve(false);
  // A primary killed outright takes its workers with it: Node's cluster exits a worker at once when
  // its IPC channel closes unexpectedly (before any handler of ours could drain it).
  stopOnSignals(running);
  process.send?.({ type: READY, port: running.port });
}

function servePrimary({ workers, log, listening }: ServeOnWorkers): void {
  answerWorkerScrapes();
  const ready = new Set<number>();
  const restarts = new Set<NodeJS.Timeout>();
  let deaths: number[] = [];
  let allListening = false;
  let stopping: { clean: boolean; code: number } | null = null;

  const fork = (): Worker => {
    // The count the primary decided, so that every worker divides the cores by the same number.
    const worker = cluster.fork({ WEB_CONCURRENCY: String(workers) });
    worker.on('message', (message: { type?: string; port?: number } | null) => {
      if (message?.type !== READY) return;
      ready.add(worker.id);
      log.debug({ workerPid: worker.process.pid }, 'worker listening');
      if (!allListening && ready.size === workers) {
        allListening = true;
        listening(message.port ?? 0);
      }
    });
    return worker;
  };

  const stop = (code: number, why: Record<string, unknown>) => {
    if (stopping) return;
    stopping = { clean: true, code };
    log.info({ ...why, workers: Object.keys(cluster.workers ?? {}).length }, 'shutting down');
    for (const t of restarts) clearTimeout(t);
    restarts.clear();
    const running = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    if (running.length === 0) process.exit(code);
    // A signal, not cluster's disconnect(): each worker drains its open requests itself (stopOnSignals).
    for (const w of running) w.process.kill('SIGTERM');
    setTimeout(() => {
      log.error({ graceMs: STOP_GRACE_MS }, 'workers did not stop in time; killing them');
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGKILL');
      process.exit(1);
    }, STOP_GRACE_MS).unref();
  };

  cluster.on('exit', (worker, exitCode, signal) => {
    const wasReady = ready.delete(worker.id);
    const workerPid = worker.process.pid;
    if (stopping) {
      // Killed by our SIGTERM before it could listen (and handle it) counts as a clean stop too.
      if (exitCode !== 0 && signal !== 'SIGTERM') stopping.clean = false;
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(stopping.clean ? stopping.code : 1);
      return;
    }
    if (!allListening && !wasReady) {
      // The first start failed (a setting, the database, the port): a restart would fail the same way.
      log.error({ workerPid, exitCode, signal }, 'a worker could not start; stopping');
      stop(1, { reason: 'a worker could not start' });
      return;
    }
    const now = Date.now();
    deaths = [...deaths.filter((t) => now - t < RESTART_MEMORY_MS), now];
    const restartInMs = Math.min(RESTART_MAX_DELAY_MS, RESTART_FIRST_DELAY_MS * 2 ** (deaths.length - 1));
    log.warn({ workerPid, exitCode, signal, restartInMs }, 'worker died; restarting it');
    const timer = setTimeout(() => {
      restarts.delete(timer);
      if (!stopping) fork();
    }, restartInMs);
    restarts.add(timer);
  });

  for (let i = 0; i < workers; i += 1) fork();
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => stop(0, { signal }));
}
