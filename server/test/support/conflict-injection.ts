import type { DataSource } from 'typeorm';
import { beforeEachQuery } from './statement-log';

/**
 * Makes chosen statements of a server's DataSource fail as a write conflict would (error 1213, what a
 * Galera certification failure or an InnoDB deadlock gives the client), without sending them: for
 * the transaction or the autocommit statement, that is what a real conflict leaves, nothing of it
 * kept. A COMMIT made to fail is a certification failure, which Galera reports at commit.
 *
 * It listens in where StatementLog does: the DataSource's logger is called just before each statement
 * goes out, and what it throws fails that statement.
 */
export class ConflictInjector {
  private rules: Array<{ match: (sql: string) => boolean; left: number }> = [];
  /** Statements failed so far. */
  injected = 0;

  constructor(ds: DataSource) {
    beforeEachQuery(ds, (query) => {
      const rule = this.rules.find((r) => r.left > 0 && r.match(query.trim().replace(/\s+/g, ' ')));
      if (!rule) return;
      rule.left -= 1;
      this.injected += 1;
      throw Object.assign(new Error('Deadlock found when trying to get lock; try restarting transaction'), {
        errno: 1213,
        code: 'ER_LOCK_DEADLOCK',
        sqlState: '40001',
      });
    });
  }

  /** The next `times` statements that `match` (whitespace collapsed) fail with 1213. */
  failNext(match: RegExp | ((sql: string) => boolean), times: number): void {
    const test = typeof match === 'function' ? match : (sql: string) => match.test(sql);
    this.rules.push({ match: test, left: times });
  }

  /** Forgets every rule not used up. */
  clear(): void {
    this.rules = [];
  }
}
