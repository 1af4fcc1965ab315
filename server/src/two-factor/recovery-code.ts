import { randomInt } from 'node:crypto';
import type { Hasher } from '../lib/tokens';

/** Ten codes per set (docs/SECURITY.md, Second factors). */
export const RECOVERY_CODES_PER_SET = 10;
/** The account page warns when this many or fewer are left. */
export const RECOVERY_CODES_LOW = 3;

// No 0/O, 1/I/L: a code is read off paper and typed by hand.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const CHARS = 10;

/** A code of 10 characters from the CSPRNG (about 49 bits), shown as two groups of five. */
export function newRecoveryCode(): string {
  let s = '';
  for (let i = 0; i < CHARS; i++) s += ALPHABET[randomInt(0, ALPHABET.length)];
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

/** What a typed code is compared as: case, spaces and dashes do not matter. Null: cannot be a code. */
export function normalRecoveryCode(typed: string): string | null {
  const s = typed.replace(/[\s-]/g, '').toUpperCase();
  return s.length === CHARS && [...s].every((ch) => ALPHABET.includes(ch)) ? s : null;
}

/** The keyed hash a code is kept as, bound to its account. */
export function recoveryCodeHash(hasher: Hasher, accountId: string, normal: string): string {
  return hasher.hash('recovery', accountId, normal);
}

/** Every hash it may be kept under while SECRET_KEY is rotated. */
export function recoveryCodeHashes(hasher: Hasher, accountId: string, normal: string): string[] {
  return hasher.hashes('recovery', accountId, normal);
}
