import { performance } from 'node:perf_hooks';

/** Milliseconds one call took, with its result. */
export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await work();
  return { ms: performance.now() - start, result };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Runs each named case `rounds` times, round-robin (so drift in machine load hits all cases alike),
 * and returns each case's median latency in ms.
 */
export async function medianLatencies<K extends string>(
  cases: Record<K, () => Promise<unknown>>,
  rounds: number,
): Promise<Record<K, number>> {
  const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let i = 0; i < rounds; i += 1) {
    for (const name of Object.keys(cases) as K[]) samples[name].push((await timed(cases[name])).ms);
  }
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v as number[])])) as Record<K, number>;
}

/** One call into argon2 during a measured piece of work: which function, and how long its password was. */
export interface Argon2Call {
  fn: 'hash' | 'verify';
  passwordBytes: number;
}

/**
 * The argon2 runs a piece of work causes, counted instead of timed: on a loaded 2-core machine a
 * wall-clock ratio swings with whatever else runs, while the number of argon2 runs (which is the
 * whole cost of a password check) does not. The server runs in this process, so its calls into
 * `@node-rs/argon2` are seen here. Only for work that runs alone: any argon2 run in the meantime counts.
 */
export async function argon2Calls<T>(work: () => Promise<T>): Promise<{ result: T; calls: Argon2Call[] }> {
  // The module object itself (not an import * copy), so the server's own calls go through the spies.
  const argon2: typeof import('@node-rs/argon2') = require('@node-rs/argon2');
  const calls: Argon2Call[] = [];
  const bytes = (p: unknown) => (typeof p === 'string' ? Buffer.byteLength(p, 'utf8') : Buffer.from(p as Uint8Array).length);
  const { hash, verify } = argon2;
  const hashSpy = jest.spyOn(argon2, 'hash').mockImplementation((password, ...rest) => {
    calls.push({ fn: 'hash', passwordBytes: bytes(password) });
    return hash(password, ...rest);
  });
  const verifySpy = jest.spyOn(argon2, 'verify').mockImplementation((hashed, password, ...rest) => {
    calls.push({ fn: 'verify', passwordBytes: bytes(password) });
    return verify(hashed, password, ...rest);
  });
  try {
    return { result: await work(), calls };
  } finally {
    hashSpy.mockRestore();
    verifySpy.mockRestore();
  }
}
