import { availableParallelism } from 'node:os';
import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';
import { ConcurrencyGate } from '../lib/concurrency-gate';

/** OWASP's argon2id parameters (docs/SECURITY.md): m = 19456 KiB, t = 2, p = 1. */
// algorithm 2 is Algorithm.Argon2id: the package exports a const enum, which isolated modules cannot read.
const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** Longer input is refused before hashing, so a megabyte "password" cannot buy a megabyte of work. */
export const MAX_PASSWORD_BYTES = 1024;

/**
 * One argon2 run per core at a time. Each holds 19 MiB while it runs; 16 sign-ins at once would
 * otherwise put as many runs on libuv's pool as it has threads (4 by default, more if raised), for the
 * same throughput on 2 cores and up to twice the memory (docs/PERFORMANCE.md, Memory).
 */
const argon2Gate = new ConcurrencyGate(availableParallelism());
const hash = (password: string, options: typeof ARGON2_OPTIONS) => argon2Gate.run(() => argon2Hash(password, options));
const verify = (stored: string, password: string) => argon2Gate.run(() => argon2Verify(stored, password));

export function passwordTooLong(password: string): boolean {
  return Buffer.byteLength(password, 'utf8') > MAX_PASSWORD_BYTES;
}

export async function hashPassword(password: string): Promise<string> {
  if (passwordTooLong(password)) throw new Error(`password longer than ${MAX_PASSWORD_BYTES} bytes`);
  return hash(password, ARGON2_OPTIONS);
}

// Hashed lazily once: an unknown user is verified against it so that "no such user" costs one argon2 run too.
let dummyHash: Promise<string> | undefined;

/**
 * Verifies a password against a stored hash, or against a dummy hash when the account does not exist,
 * so the two cases take the same time. Always false for the dummy.
 */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (passwordTooLong(password)) return false;
  if (storedHash === null) {
    dummyHash ??= hash('not-a-real-password-for-timing', ARGON2_OPTIONS);
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}
