/**
 * The environment and node flags `npm run serve` starts the server with (package.json's `serve` script sets the
 * same; a unit test holds the two together, and the bench starts its server with it).
 *
 * MALLOC_MMAP_THRESHOLD_: each argon2id run allocates 19 MiB. glibc's default threshold moves up to
 * the size of the last large block freed, so after the first run those blocks come from the malloc
 * arena of whichever libuv thread ran it, and each arena keeps up to twice that resident after it is
 * freed: with four pool threads, about 100 MB that the process never gives back. A fixed threshold of
 * 1 MiB turns the dynamic adjustment off: every run maps its block and unmaps it when it ends
 * (docs/PERFORMANCE.md, Memory). glibc reads this variable only at process start, so it cannot be
 * set from inside the process.
 */
export const SERVE_ENV = { MALLOC_MMAP_THRESHOLD_: '1048576' } as const;

/**
 * --max-semi-space-size=4 (MB): V8's young generation is two semi-spaces of up to 16 MB each by
 * default, committed whether used or not: 32 MB of the idle process. Our requests allocate little that
 * lives, so 4 MB halves take the idle RSS from about 130 to 110 MB for a few more minor collections.
 * --optimize-for-size: V8 grows the old generation less eagerly before a full collection. Under the
 * bench's load the heap held about 86 MB of old space at the peak (most of it garbage awaiting a
 * collection) without it, and the peak RSS fell from 189–224 MB to 155 MB with it, at no throughput we
 * could measure (docs/PERFORMANCE.md, Memory).
 */
export const SERVE_NODE_FLAGS = ['--max-semi-space-size=4', '--optimize-for-size'] as const;

/** The command line as package.json's `serve` script spells it. */
export function serveCommand(): string {
  const assignments = Object.entries(SERVE_ENV).map(([k, v]) => `${k}=${v}`);
  return [...assignments, 'node', ...SERVE_NODE_FLAGS, 'server/dist/cli/serve.js'].join(' ');
}
