import autocannon from 'autocannon';
import { progress } from './progress';

/** What every load phase reports, measured the same way for the server and for the floor. */
export interface LoadResult {
  /** Completed requests per second of wall time. */
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
  readonly seconds: number;
  /** Connection errors and timeouts (autocannon's count). */
  readonly errors: number;
}

const PROGRESS_EVERY_TICKS = 5;

/** Runs autocannon and prints a progress line every few seconds. */
export async function runLoad(name: string, options: autocannon.Options): Promise<{ result: autocannon.Result; load: LoadResult }> {
  const started = performance.now();
  let ticks = 0;
  let responses = 0;
  // autocannon notices that `amount` is reached only at its next sampling tick, up to a second
  // later: the rate is taken up to the last response instead.
  let lastResponseAt = started;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (err: Error | null, r: autocannon.Result) => (err ? reject(err) : resolve(r)));
    instance.on('response', () => {
      responses += 1;
      lastResponseAt = performance.now();
    });
    instance.on('tick', () => {
      ticks += 1;
      if (ticks % PROGRESS_EVERY_TICKS === 0) progress(`  ${name}: ${responses} responses in ${ticks} s`);
    });
  });
  const seconds = (lastResponseAt - started) / 1000;
  const requests = responses;
  return {
    result,
    load: {
      requestsPerSecond: requests / seconds,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      requests,
      seconds,
      errors: result.errors + result.timeouts,
    },
  };
}
