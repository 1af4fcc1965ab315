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
