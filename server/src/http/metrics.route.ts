import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Metrics } from '../metrics/metrics';

/**
 * GET /metrics, the Prometheus scrape (docs/OPERATIONS.md, Metrics). Off (404, as if there were no such
 * path) without METRICS_TOKEN; with it, only `Authorization: Bearer <METRICS_TOKEN>` is answered.
 */
export function metricsRoute(token: string | null, metrics: Metrics): RequestHandler {
  const expected = token === null ? null : digest(token);
  return async (req: Request, res: Response) => {
    if (expected === null) return res.status(404).json({ errors: [{ message: 'Not found.' }] });
    const given = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    // Digests of both sides have one length whatever was sent, so the comparison is constant time and
    // its length tells nothing either.
    if (!given || !timingSafeEqual(digest(given), expected)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      return res.status(401).json({ errors: [{ message: 'A valid metrics token is required.' }] });
    }
    try {
      const scrape = await metrics.scrape();
      res.setHeader('Content-Type', scrape.contentType);
      res.setHeader('Cache-Control', 'no-store');
      return res.status(200).send(scrape.text);
    } catch (err) {
      req.log?.error({ err }, 'metrics scrape failed');
      return res.status(503).json({ errors: [{ message: 'Metrics are not available right now.' }] });
    }
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
