import { availableParallelism } from 'node:os';
import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';
import bcrypt from 'bcryptjs';
import { ConcurrencyGate } from '../lib/concurrency-gate';

/** OWASP's argon2id parameters (docs/SECURITY.md): m = 19456 KiB, t = 2, p = 1. */
// algorithm 2 is Algorithm.Argon2id: the package exports a const enum, which isolated modules cannot read.
const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
/** How a hash made with ARGON2_OPTIONS begins: any other stored hash is re-hashed at its next right password. */
const SERVER_HASH_PREFIX = `$argon2id$v=19$m=${ARGON2_OPTIONS.memoryCost},t=${ARGON2_OPTIONS.timeCost},p=${ARGON2_OPTIONS.parallelism}$`;

/** Longer input is refused before hashing, so a megabyte "password" cannot buy a megabyte of work. */
export const MAX_PASSWORD_BYTES = 1024;

/**
 * Imported argon2id hashes (README "Bulk import"): the server's parameters or stronger, up to what one
 * sign-in may spend (64 MiB, 8 passes, 4 lanes), so a file cannot make a sign-in exhaust the server.
 */
const ARGON2_IMPORT_MAX = { m: 65536, t: 8, p: 4 } as const;
/** Imported bcrypt hashes: cost 10 (the usual default) to 12; below is weak, above costs a sign-in too much. */
export const BCRYPT_COST = { min: 10, max: 12 } as const;

/**
 * One password-hash run per core at a time (argon2 on libuv's pool, bcryptjs on the main thread). Each
 * argon2 run holds 19 MiB while it runs; 16 sign-ins at once would otherwise put as many runs on libuv's
 * pool as it has threads (4 by default, more if raised), for the same throughput on 2 cores and up to
 * twice the memory (docs/PERFORMANCE.md, Memory).
 */
let hashGate = new ConcurrencyGate(availableParallelism());

/**
 * With WEB_CONCURRENCY workers on one machine, each worker takes its share of the cores, so that the
 * machine still runs about one hash per core at a time, not one per core in every worker (each run's
 * 19 MiB times the workers; docs/OPERATIONS.md, Workers). Called once, as a worker starts.
 */
export function shareHashCoresWith(processes: number): void {
  hashGate = new ConcurrencyGate(Math.max(1, Math.floor(availableParallelism() / processes)));
}

/** How many hashes this process runs at once. */
export function hashConcurrency(): number {
  return hashGate.limit;
}
const hash = (password: string, options: typeof ARGON2_OPTIONS) => hashGate.run(() => argon2Hash(password, options));
const verify = (stored: string, password: string) => hashGate.run(() => argon2Verify(stored, password));
const verifyBcrypt = (stored: string, password: string) => hashGate.run(() => bcrypt.compare(password, stored));

export function passwordTooLong(password: string): boolean {
  return Buffer.byteLength(password, 'utf8') > MAX_PASSWORD_BYTES;
}

export async function hashPassword(password: string): Promise<string> {
  if (passwordTooLong(password)) throw new Error(`password longer than ${MAX_PASSWORD_BYTES} bytes`);
  return hash(password, ARGON2_OPTIONS);
}

const ARGON2_PHC = /^\$argon2id\$v=19\$m=(\d{1,8}),t=(\d{1,3}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;
const BCRYPT_HASH = /^\$2[aby]\$(\d\d)\$[./A-Za-z0-9]{53}$/;
/** Unpadded base64 of 16 bytes (the server's salt) and of 32 bytes (its output). */
const MIN_SALT_CHARS = 22;
const MIN_OUTPUT_CHARS = 43;

export type ImportedHash = { ok: true; kind: 'argon2id' } | { ok: true; kind: 'bcrypt'; cost: number } | { ok: false; reason: string };

/**
 * A portal file's `passwordHash` (README "Bulk import"): an argon2id PHC string with the server's
 * parameters or stronger, or a bcrypt hash from an older system. Anything else, weaker or costlier is
 * refused with a reason that names the limit; the hash itself is never quoted back.
 */
export function checkImportedHash(stored: string): ImportedHash {
  const a = ARGON2_PHC.exec(stored);
  if (a) {
    const [m, t, p] = [Number(a[1]), Number(a[2]), Number(a[3])];
    const own = ARGON2_OPTIONS;
    if (m < own.memoryCost || t < own.timeCost || p < own.parallelism) {
      return { ok: false, reason: `argon2id parameters m=${m},t=${t},p=${p} are weaker than this server's (m=${own.memoryCost},t=${own.timeCost},p=${own.parallelism} at least)` };
    }
    if (m > ARGON2_IMPORT_MAX.m || t > ARGON2_IMPORT_MAX.t || p > ARGON2_IMPORT_MAX.p) {
      return { ok: false, reason: `argon2id parameters m=${m},t=${t},p=${p} cost more than one sign-in may (m=${ARGON2_IMPORT_MAX.m},t=${ARGON2_IMPORT_MAX.t},p=${ARGON2_IMPORT_MAX.p} at most)` };
    }
    if (a[4].length < MIN_SALT_CHARS || a[5].length < MIN_OUTPUT_CHARS) {
      return { ok: false, reason: 'argon2id salt shorter than 16 bytes or output shorter than 32 bytes: weaker than this server\'s' };
    }
    return { ok: true, kind: 'argon2id' };
  }
  const b = BCRYPT_HASH.exec(stored);
  if (b) {
    const cost = Number(b[1]);
    if (cost < BCRYPT_COST.min) return { ok: false, reason: `bcrypt cost ${cost} is weaker than ${BCRYPT_COST.min}, the least accepted` };
    if (cost > BCRYPT_COST.max) return { ok: false, reason: `bcrypt cost ${cost} costs more than one sign-in may (${BCRYPT_COST.max} at most)` };
    return { ok: true, kind: 'bcrypt', cost };
  }
  if (stored.startsWith('$argon2')) return { ok: false, reason: 'must be argon2id, version 19 ($argon2id$v=19$m=…,t=…,p=…$salt$hash)' };
  return { ok: false, reason: 'must be an argon2id PHC string ($argon2id$v=19$…) or a bcrypt hash ($2a$, $2b$ or $2y$)' };
}

function bcryptCostOf(stored: string): number | null {
  const b = BCRYPT_HASH.exec(stored);
  return b ? Number(b[1]) : null;
}

// Made lazily once each: an unknown user is verified against one so that "no such user" costs what a wrong password costs.
let dummyHash: Promise<string> | undefined;
const dummyBcrypt = new Map<number, Promise<string>>();
const DUMMY_PASSWORD = 'not-a-real-password-for-timing';
const dummyArgon2 = () => (dummyHash ??= hash(DUMMY_PASSWORD, ARGON2_OPTIONS));
function dummyBcryptOf(cost: number): Promise<string> {
  let h = dummyBcrypt.get(cost);
  if (!h) dummyBcrypt.set(cost, (h = hashGate.run(() => bcrypt.hash(DUMMY_PASSWORD, cost))));
  return h;
}

export interface PasswordVerdict {
  readonly right: boolean;
  /** The password re-hashed with the server's parameters, when it was right against any other hash (bcrypt, other argon2id parameters). */
  readonly rehashed: string | null;
}

/**
 * Verifies a password against a stored hash, or against a dummy hash when the account does not exist,
 * so the two cases take the same time. Never right for the dummy.
 *
 * `legacyCost` is the highest bcrypt cost imported into the account's portal (portals.legacy_password_cost),
 * null when the portal holds no bcrypt hash. In such a portal a wrong answer is made to cost, whatever
 * the account (unknown, argon2id, bcrypt of any accepted cost), exactly one argon2id verify plus one
 * bcrypt verify at that cost: the CPU work is the same, so the time is the same under any load, and
 * neither the account's existence nor its hash kind shows (docs/SECURITY.md, Accounts and enumeration).
 * A right answer is not padded: whoever has the password learns nothing from its time.
 */
export async function checkPassword(storedHash: string | null, password: string, legacyCost: number | null = null): Promise<PasswordVerdict> {
  if (passwordTooLong(password)) return { right: false, rehashed: null };
  const ownCost = storedHash === null ? null : bcryptCostOf(storedHash);
  let right = false;
  try {
    if (storedHash === null) await verify(await dummyArgon2(), password);
    else right = ownCost !== null ? await verifyBcrypt(storedHash, password) : await verify(storedHash, password);
  } catch {
    right = false;
  }
  if (!right) {
    if (legacyCost !== null) await padToLegacyCost(ownCost, legacyCost, password);
    return { right: false, rehashed: null };
  }
  return { right: true, rehashed: storedHash !== null && storedHash.startsWith(SERVER_HASH_PREFIX) ? null : await hashPassword(password) };
}

/**
 * After a wrong answer in a portal with bcrypt hashes, the work still owed to reach one argon2id run
 * plus one bcrypt run at `legacyCost`. bcrypt's work doubles per cost step, so a bcrypt hash of cost c
 * is topped up with dummies of costs c … legacyCost-1 (2^c + 2^c + … + 2^(legacyCost-1) = 2^legacyCost).
 */
async function padToLegacyCost(ownCost: number | null, legacyCost: number, password: string): Promise<void> {
  // The dummies are awaited outside the gate: making one takes a slot of its own the first time.
  const wasted = () => false;
  if (ownCost === null) {
    const dummy = await dummyBcryptOf(legacyCost);
    await verifyBcrypt(dummy, password).catch(wasted);
    return;
  }
  await verify(await dummyArgon2(), password).catch(wasted);
  for (let c = ownCost; c < legacyCost; c += 1) {
    const dummy = await dummyBcryptOf(c);
    await verifyBcrypt(dummy, password).catch(wasted);
  }
}

/** verifyPassword for callers that need only the answer (no padding, no re-hash). */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  return (await checkPassword(storedHash, password)).right;
}
