import type { RequestHandler } from 'express';

const HEALTH_TIMEOUT_MS = 2_000;

/** What the health routes need from the database: does it answer, and is its schema this build's. */
export interface DatabasePing {
  ping(): Promise<void>;
  /** true when a migration of this build is not applied yet. */
  migrationsPending(): Promise<boolean>;
}

/**
 * /healthz: the process is alive. Always 200 while it answers, with what it sees of the database, so a
 * liveness probe does not restart processes during a database outage they recover from by themselves
 * (docs/OPERATIONS.md, Health and readiness).
 */
export function healthRoute(database: DatabasePing): RequestHandler {
  return async (_req, res) => {
    const up = await withinTime(database.ping()).then(
      () => true,
      () => false,
    );
    res.status(200).json({ status: 'ok', database: up ? 'up' : 'down' });
  };
}

/**
 * /readyz: this process can serve sign-ins now: the database answers and has every migration of this
 * build. 200 `{ ready: true }`, else 503 `{ ready: false }` with the reason; never a hang.
 */
export function readyRoute(database: DatabasePing): RequestHandler {
  return async (_req, res) => {
    const pending = await withinTime(database.migrationsPending()).then(
      (p) => (p ? ('pending' as const) : ('current' as const)),
      () => null,
    );
    const ready = pending === 'current';
    res.status(ready ? 200 : 503).json({ ready, database: pending === null ? 'down' : 'up', migrations: pending ?? 'unknown' });
  };
}

async function withinTime<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('database timeout')), HEALTH_TIMEOUT_MS);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
