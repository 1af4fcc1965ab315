import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry } from 'prom-client';
import type { Scrape } from './metrics';

/**
 * /metrics under several workers on one port (docs/OPERATIONS.md, Metrics under several workers).
 * Whichever worker the scrape reaches asks the primary over the cluster's IPC channel; the primary asks
 * every worker for its registry (prom-client's AggregatorRegistry), sums them and answers. The primary
 * listens on no port, and a scrape needs no second port: the token is checked by the worker, as for a
 * single process.
 */

const ASK = 'portal:metrics:ask';
const ANSWER = 'portal:metrics:answer';
/** prom-client gives up on a worker after 5 s; the asking worker waits a little longer than that. */
const ANSWER_TIMEOUT_MS = 7_000;

interface Ask {
  readonly type: typeof ASK;
  readonly id: number;
}
interface Answer {
  readonly type: typeof ANSWER;
  readonly id: number;
  readonly contentType?: string;
  readonly text?: string;
  readonly error?: string;
}

/** In the primary, once: answer the workers' scrapes with the sum of every worker's metrics. */
export function answerWorkerScrapes(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker: Worker, message: Partial<Ask> | null) => {
    if (message?.type !== ASK || typeof message.id !== 'number') return;
    const id = message.id;
    const reply = (answer: Omit<Answer, 'type' | 'id'>) => {
      if (worker.isConnected()) worker.send({ type: ANSWER, id, ...answer } satisfies Answer);
    };
    aggregator.clusterMetrics().then(
      (text) => reply({ contentType: aggregator.contentType, text }),
      (err: Error) => reply({ error: err.message }),
    );
  });
}

let nextId = 0;

/** In a worker: the cluster's metrics, through the primary. */
export function scrapeThroughPrimary(): Promise<Scrape> {
  const id = (nextId += 1);
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      process.off('message', onMessage);
    };
    const onMessage = (message: Partial<Answer> | null) => {
      if (message?.type !== ANSWER || message.id !== id) return;
      done();
      if (message.error !== undefined || message.text === undefined) reject(new Error(`the primary could not gather metrics: ${message.error}`));
      else resolve({ contentType: message.contentType ?? 'text/plain; version=0.0.4; charset=utf-8', text: message.text });
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error('the primary did not answer the metrics request'));
    }, ANSWER_TIMEOUT_MS);
    process.on('message', onMessage);
    if (!process.send) {
      done();
      reject(new Error('not a cluster worker'));
      return;
    }
    process.send({ type: ASK, id } satisfies Ask);
  });
}
