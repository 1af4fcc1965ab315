import type { Request } from 'express';
import { BlockList, isIPv4 } from 'node:net';

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** 127.0.0.0/8 and ::1 in any spelling, IPv4-mapped IPv6 (::ffff:127.x.y.z) included. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  try {
    return LOOPBACK.check(address, isIPv4(address) ? 'ipv4' : 'ipv6');
  } catch {
    return false; // not an IP address at all
  }
}

/**
 * A request from a program on this machine: the socket's peer is a loopback address (never a
 * forwarded header, which the client writes) and no proxy says it forwarded it, since a proxy on this
 * machine would otherwise make every outside client look local.
 */
export function isLocalRequest(req: Request): boolean {
  if (req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined) return false;
  return isLoopbackAddress(req.socket.remoteAddress);
}
