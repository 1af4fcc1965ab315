import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { Dialect } from '../data-source';

/**
 * The indexes the retention prune walks (docs/PERFORMANCE.md, Retention): each prune statement takes the
 * oldest expired rows of one table in index order and stops after a batch, instead of scanning the table.
 * rate_counters already has one on reset_at (0001). On MySQL, InnoDB adds a secondary index in place
 * without blocking writes.
 */
const RETENTION_INDEXES: ReadonlyArray<{ name: string; table: string; columns: readonly string[] }> = [
  { name: 'ix_login_challenges_expires', table: 'login_challenges', columns: ['expires_at'] },
  { name: 'ix_sessions_last_seen', table: 'sessions', columns: ['last_seen_at'] },
  // The SMS prune walks old messages in (created_at, id) order, a batch at a time.
  { name: 'ix_sms_messages_created', table: 'sms_messages', columns: ['created_at', 'id'] },
  { name: 'ix_events_created', table: 'two_factor_events', columns: ['created_at'] },
];

export function retentionIndexesMigration(name: string, dialect: Dialect): new () => MigrationInterface {
  const q = (n: string): string => (dialect === 'mysql' ? `\`${n}\`` : `"${n}"`);
  const cls = class implements MigrationInterface {
    name = name;
    async up(runner: QueryRunner): Promise<void> {
      for (const ix of RETENTION_INDEXES) {
        await runner.query(`CREATE INDEX ${q(ix.name)} ON ${q(ix.table)} (${ix.columns.map(q).join(', ')})`);
      }
    }
    async down(runner: QueryRunner): Promise<void> {
      for (const ix of [...RETENTION_INDEXES].reverse()) {
        await runner.query(dialect === 'mysql' ? `DROP INDEX ${q(ix.name)} ON ${q(ix.table)}` : `DROP INDEX ${q(ix.name)}`);
      }
    }
  };
  Object.defineProperty(cls, 'name', { value: name });
  return cls;
}
