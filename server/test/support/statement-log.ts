import type { DataSource, Logger } from 'typeorm';

/**
 * Records every SQL statement a server's DataSource sends while recording is on, as a short label
 * ("UPDATE challenges", "SELECT challenges+portals+accounts", "START TRANSACTION"), so a test can
 * pin the statements of a hot path and a new round trip fails it (docs/PERFORMANCE.md, Round trips).
 */
export class StatementLog {
  private recording = false;
  private readonly seen: string[] = [];

  constructor(ds: DataSource) {
    beforeEachQuery(ds, (query) => {
      if (this.recording) this.seen.push(labelOf(query));
    });
  }

  /** The labels of the statements `work` made, in the order they were sent. */
  async during(work: () => Promise<unknown>): Promise<string[]> {
    this.seen.length = 0;
    this.recording = true;
    try {
      await work();
    } finally {
      this.recording = false;
    }
    return [...this.seen];
  }
}

/**
 * Calls `listen` with each SQL statement just before `ds` sends it; what it throws fails that statement.
 * The DataSource reads its logger at each query: replacing it is how a test listens in.
 */
export function beforeEachQuery(ds: DataSource, listen: (query: string) => void): void {
  const original = ds.logger;
  const logger: Logger = {
    logQuery: (query, parameters, runner) => {
      listen(query);
      original.logQuery(query, parameters, runner);
    },
    logQueryError: (...args) => original.logQueryError(...args),
    logQuerySlow: (...args) => original.logQuerySlow(...args),
    logSchemaBuild: (...args) => original.logSchemaBuild(...args),
    logMigration: (...args) => original.logMigration(...args),
    log: (...args) => original.log(...args),
  };
  (ds as unknown as { logger: Logger }).logger = logger;
}

const TABLE = /\b(?:FROM|JOIN|INTO|UPDATE)\s+[`"]?(\w+)[`"]?/gi;

export function labelOf(query: string): string {
  const sql = query.trim().replace(/\s+/g, ' ');
  const verb = sql.split(' ')[0].toUpperCase();
  if (verb === 'START' || verb === 'BEGIN') return 'BEGIN';
  if (verb === 'COMMIT' || verb === 'ROLLBACK') return verb;
  const tables = [...new Set([...sql.matchAll(TABLE)].map((m) => m[1]))];
  return `${verb} ${tables.join('+')}`;
}
