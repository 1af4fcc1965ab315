import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { keyIdOf } from './tokens';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** An encryption key of its own for each purpose, derived from SECRET_KEY: it is never the HMAC key itself. */
function deriveKey(secretKey: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secretKey, Buffer.alloc(0), `secret-box:${purpose}`, 32));
}

export interface Sealed {
  /** iv, tag and ciphertext, base64url, joined by dots. */
  readonly box: string;
  /** The key id (lib/tokens.ts keyIdOf) of the SECRET_KEY the box was sealed under. */
  readonly keyId: string;
}

/**
 * Secrets the server must read back (an authenticator app's shared secret), as opposed to the ones it
 * only compares (codes, tokens: keyed hashes, tokens.ts). AES-256-GCM under a key derived from
 * SECRET_KEY; while SECRET_KEY is rotated a box sealed under SECRET_KEY_PREVIOUS still opens, and its
 * owner seals it again under the current key (docs/OPERATIONS.md, Rotating SECRET_KEY). A box under any
 * other key does not open: it is refused like a missing one.
 */
export class SecretBox {
  readonly keyId: string;
  private readonly keys: ReadonlyMap<string, Buffer>;

  constructor(purpose: string, secretKey: string, previousKey: string | null = null) {
    this.keyId = keyIdOf(secretKey);
    const keys = new Map<string, Buffer>([[this.keyId, deriveKey(secretKey, purpose)]]);
    if (previousKey !== null) keys.set(keyIdOf(previousKey), deriveKey(previousKey, purpose));
    this.keys = keys;
  }

  /** Sealed under the current key only. */
  seal(plain: string): Sealed {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.keyId) as Buffer, iv);
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const box = [iv, cipher.getAuthTag(), ct].map((b) => b.toString('base64url')).join('.');
    return { box, keyId: this.keyId };
  }

  /** The plain text, or null when the key is unknown or the box was altered. */
  open(sealed: Sealed): string | null {
    const key = this.keys.get(sealed.keyId);
    const parts = sealed.box.split('.');
    if (!key || parts.length !== 3) return null;
    const [iv, tag, ct] = parts.map((p) => Buffer.from(p, 'base64url'));
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }

  /** Whether a box under `keyId` should be sealed again under the current key. */
  isStale(keyId: string): boolean {
    return keyId !== this.keyId;
  }
}
