import type { RequestHandler } from 'express';

const HEALTH_TIMEOUT_MS = 2_000;

/** The one thing the health check needs from the database: does it answer. */
export interface DatabasePing {
  ping(): Promise<void>;
}

/** 200 only when the database answers within a short time; 503 otherwise, never a hang. */
export function healthRoute(database: DatabasePing): RequestHandler {
  return async (_req, res) => {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        database.ping(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('database timeout')), HEALTH_TIMEOUT_MS);
        }),
      ]);
      res.status(200).json({ status: 'ok' });
    } catch {
      res.status(503).json({ status: 'database unavailable' });
    } finally {
      clearTimeout(timer);
    }
  };
}
