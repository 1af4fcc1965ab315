import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

const TOKEN_BYTES = 32; // 256 bits (docs/SECURITY.md: opaque 256-bit session token)

export function newId(): string {
  return randomUUID();
}

/** An opaque bearer secret for a cookie or a challenge; base64url so it survives headers and JSON. */
export function newToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** A short fingerprint of a key, stored with each hash it writes: tells keys apart, reveals nothing of them. */
export function keyIdOf(secretKey: string): string {
  return createHmac('sha256', secretKey).update('key-id').digest('hex').slice(0, 16);
}

function hmac(secretKey: string, purpose: string, parts: readonly string[]): string {
  const mac = createHmac('sha256', secretKey);
  mac.update(purpose);
  for (const p of parts) mac.update('\u0000').update(p);
  return mac.digest('hex');
}

/**
 * Keyed hashes: what the database keeps instead of tokens and codes. A stolen table
 * without SECRET_KEY gives nothing to replay, and a 6-digit code cannot be brute-forced offline.
 *
 * With SECRET_KEY_PREVIOUS (docs/OPERATIONS.md, Rotating SECRET_KEY) a secret is looked up under both
 * keys, the current one first; every new hash is written under the current key only.
 */
export class Hasher {
  /** The current key's id (`key_id` of every row written now). */
  readonly keyId: string;
  readonly previousKeyId: string | null;

  constructor(
    private readonly secretKey: string,
    private readonly previousKey: string | null = null,
  ) {
    this.keyId = keyIdOf(secretKey);
    this.previousKeyId = previousKey === null ? null : keyIdOf(previousKey);
  }

  /** Under the current key: what is written, and the first hash a lookup tries. */
  hash(purpose: string, ...parts: string[]): string {
    return hmac(this.secretKey, purpose, parts);
  }

  /** Every hash a lookup accepts: the current key's, then the previous key's (when one is set). */
  hashes(purpose: string, ...parts: string[]): string[] {
    const current = this.hash(purpose, ...parts);
    return this.previousKey === null ? [current] : [current, hmac(this.previousKey, purpose, parts)];
  }

  /** Constant-time comparison of two hex digests. */
  static equal(a: string, b: string): boolean {
    const x = Buffer.from(a, 'hex');
    const y = Buffer.from(b, 'hex');
    return x.length === y.length && timingSafeEqual(x, y);
  }
}
