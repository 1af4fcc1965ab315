import { randomInt } from 'node:crypto';
import type { Hasher } from '../lib/tokens';
import type { ChallengeStep } from './challenge-step';

const CODE_DIGITS = 6;
const CODE_SPACE = 10 ** CODE_DIGITS;

/** A 6-digit code from the CSPRNG, as a string so leading zeros survive. */
export function newCode(): string {
  return randomInt(0, CODE_SPACE).toString().padStart(CODE_DIGITS, '0');
}

export function isSixDigits(code: string): boolean {
  return /^[0-9]{6}$/.test(code);
}

/** The keyed hash a code is kept as: bound to its challenge, its step and the number it went to. */
export function codeHash(hasher: Hasher, c: { id: string }, step: ChallengeStep, phoneE164: string, code: string): string {
  return hasher.hash('otp', c.id, step, phoneE164, code);
}

/** Every hash a code may be kept as: under the current key, then (while rotating) the previous one. */
export function codeHashes(hasher: Hasher, c: { id: string }, step: ChallengeStep, phoneE164: string, code: string): string[] {
  return hasher.hashes('otp', c.id, step, phoneE164, code);
}
