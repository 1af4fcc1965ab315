import { join } from 'node:path';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import type { BenchDatabase } from './bench-database';
import { openRawSql } from './raw-sql';
import { type SqlFloor, startSqlFloor } from './sql-floor';

/**
 * The floor runs on a thread of its own: the server has a process of its own, and the load tool's
 * event loop (this process's main thread) must not slow the floor down where it does not slow the server.
 */

interface FloorThreadData {
  readonly engine: BenchDatabase['engine'];
  readonly url: string;
  readonly key: Buffer;
}

export function startSqlFloorThread(db: BenchDatabase, key: Buffer): Promise<SqlFloor> {
  const data: FloorThreadData = { engine: db.engine, url: db.url, key };
  const worker = new Worker(join(__dirname, 'sql-floor-thread.js'), { workerData: data });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the floor thread exited (${code}) before it listened`)));
    worker.once('message', (url: string) =>
      resolve({
        url,
        close: async () => {
          await worker.terminate();
        },
      }),
    );
  });
}

if (parentPort && (workerData as FloorThreadData | undefined)?.key) {
  const { engine, url, key } = workerData as FloorThreadData;
  const port = parentPort;
  const sql = openRawSql({ engine, url, label: '', drop: async () => undefined });
  void sql
    .warm()
    .then(() => startSqlFloor(sql, Buffer.from(key)))
    .then((floor) => port.postMessage(floor.url));
}
