import type { RequestHandler } from 'express';
import type { DataSource } from 'typeorm';

const HEALTH_TIMEOUT_MS = 2_000;

/** 200 only when the database answers within a short time; 503 otherwise, never a hang. */
export function healthRoute(ds: DataSource): RequestHandler {
  return async (_req, res) => {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        ds.query('SELECT 1'),
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
