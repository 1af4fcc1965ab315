import { isIP } from 'node:net';
import type { Request } from 'express';

/**
 * The client address. Express honours X-Forwarded-For only as far as `trust proxy` allows, which is
 * set from TRUST_PROXY (hops); unset, the socket's own address is used and the header is ignored.
 * What the header names is used only if it is an IP address: anything else (a proxy passing on a
 * client's garbage) falls back to the socket address, so a key or an audit row never holds it.
 */
export function clientIp(req: Request): string {
  const forwarded = unmapped(req.ip);
  if (forwarded && isIP(forwarded)) return forwarded;
  return unmapped(req.socket.remoteAddress) ?? 'unknown';
}

function unmapped(ip: string | undefined): string | undefined {
  return ip?.startsWith('::ffff:') ? ip.slice('::ffff:'.length) : ip;
}
