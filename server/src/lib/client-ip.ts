import { isIP } from 'node:net';
import type { Request } from 'express';

/**
 * The client address, in its one canonical spelling (see canonicalIp). Express honours
 * X-Forwarded-For only as far as `trust proxy` allows, which is set from TRUST_PROXY (hops); unset,
 * the socket's own address is used and the header is ignored. What the header names is used only if
 * it is an IP address: anything else (a proxy passing on a client's garbage) falls back to the socket
 * address, so a key or an audit row never holds it.
 */
export function clientIp(req: Request): string {
  const forwarded = req.ip;
  if (forwarded && isIP(forwarded)) return canonicalIp(forwarded);
  const socket = req.socket.remoteAddress;
  return socket && isIP(socket) ? canonicalIp(socket) : 'unknown';
}

/**
 * The key every per-IP counter is kept under: an IPv4 address as itself, an IPv6 address as its /64
 * prefix. One IPv6 customer line is given a whole /64 (2^64 addresses), so counting each address
 * would give an attacker 2^64 budgets; the /64 is the smallest block one party can be assumed to hold.
 * Any spelling of an address gives the same key. Callers pass what clientIp gave, or anything: a value
 * that is not an IP address comes back unchanged.
 */
export function ipRateKey(ip: string): string {
  const canonical = canonicalIp(ip);
  const hextets = parseIpv6(canonical);
  if (!hextets) return canonical;
  return `${formatIpv6([...hextets.slice(0, 4), 0, 0, 0, 0])}/64`;
}

/**
 * One spelling per address, so that logs, events and keys agree: IPv4 dotted decimal; an IPv4-mapped
 * IPv6 address (`::ffff:1.2.3.4`, however written) as the IPv4 address it carries; any other IPv6
 * address in RFC 5952 form (lower case, no leading zeros, the longest run of two or more zero groups
 * as `::`, the first of equal runs). A zone (`%eth0`) is dropped: it names the receiving interface,
 * not the client. A value that is not an IP address comes back unchanged.
 */
export function canonicalIp(ip: string): string {
  const kind = isIP(ip);
  if (kind === 4) return ip; // Node accepts only plain dotted decimal (no octal, hex or short forms)
  if (kind !== 6) return ip;
  const hextets = parseIpv6(ip);
  if (!hextets) return ip;
  if (isIpv4Mapped(hextets)) {
    const [hi, lo] = [hextets[6], hextets[7]];
    return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join('.');
  }
  return formatIpv6(hextets);
}

function isIpv4Mapped(h: readonly number[]): boolean {
  return h.slice(0, 5).every((x) => x === 0) && h[5] === 0xffff;
}

/** The eight 16-bit groups of an IPv6 address (zone dropped, embedded IPv4 tail allowed); null if not one. */
function parseIpv6(raw: string): number[] | null {
  const ip = raw.split('%')[0];
  if (isIP(ip) !== 6) return null;
  const toGroups = (part: string): number[] => {
    if (part === '') return [];
    const groups: number[] = [];
    for (const piece of part.split(':')) {
      if (piece.includes('.')) {
        const [a, b, c, d] = piece.split('.').map(Number);
        groups.push((a << 8) | b, (c << 8) | d);
      } else {
        groups.push(parseInt(piece, 16));
      }
    }
    return groups;
  };
  const halves = ip.split('::');
  if (halves.length === 1) return toGroups(ip);
  const head = toGroups(halves[0]);
  const tail = toGroups(halves[1]);
  return [...head, ...Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}

/** RFC 5952 §4: lower-case hex without leading zeros; the longest run (≥ 2) of zero groups becomes `::`. */
function formatIpv6(h: readonly number[]): string {
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8; ) {
    if (h[i] !== 0) {
      i += 1;
      continue;
    }
    let j = i;
    while (j < 8 && h[j] === 0) j += 1;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
    i = j;
  }
  const hex = h.map((x) => x.toString(16));
  if (bestLength < 2) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}
