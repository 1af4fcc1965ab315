import type { Request } from 'express';

/**
 * The client address. Express honours X-Forwarded-For only as far as `trust proxy` allows, which is
 * set from TRUST_PROXY (hops); unset, the socket's own address is used and the header is ignored.
 */
export function clientIp(req: Request): string {
  const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
  return ip.startsWith('::ffff:') ? ip.slice('::ffff:'.length) : ip;
}
