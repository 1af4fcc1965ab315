import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

const TOKEN_BYTES = 32; // 256 bits (docs/SECURITY.md: opaque 256-bit session token)

export function newId(): string {
  return randomUUID();
}

/** An opaque bearer secret for a cookie or a challenge; base64url so it survives headers and JSON. */
export function newToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/**
 * Keyed hashes: what the database keeps instead of tokens and codes. A stolen table
 * without SECRET_KEY gives nothing to replay, and a 6-digit code cannot be brute-forced offline.
 */
export class Hasher {
  constructor(private readonly secretKey: string) {}

  hash(purpose: string, ...parts: string[]): string {
    const mac = createHmac('sha256', this.secretKey);
    mac.update(purpose);
    for (const p of parts) mac.update('\u0000').update(p);
    return mac.digest('hex');
  }

  /** Constant-time comparison of two hex digests. */
  static equal(a: string, b: string): boolean {
    const x = Buffer.from(a, 'hex');
    const y = Buffer.from(b, 'hex');
    return x.length === y.length && timingSafeEqual(x, y);
  }
}
