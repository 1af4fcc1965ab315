import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { Dialect } from '../data-source';
import { createTableSql, dropTableSql, type TableDef } from './ddl';

/**
 * The outbox of the emails that tell a customer their sign-in changed (docs/OPERATIONS.md, Email
 * notices). A row is written in the transaction of the event it tells about, so it exists only if that
 * event committed, and a worker in every server process sends it afterwards. `next_attempt_at` is both
 * the retry schedule and the claim: a worker takes a row by moving it forward with a conditional UPDATE.
 * Self-contained: it creates its own table and drops it on the way down.
 */
export const EMAIL_NOTICE_TABLE: TableDef = {
  name: 'email_notices',
  columns: [
    { name: 'id', type: 'id', primary: true },
    { name: 'portal_id', type: 'id' },
    { name: 'customer_id', type: 'id' },
    { name: 'event_type', type: 'str(40)' },
    { name: 'ip', type: 'str(64)', nullable: true },
    { name: 'detail', type: 'str(255)', nullable: true },
    { name: 'occurred_at', type: 'bigint' },
    { name: 'to_address', type: 'str(254)' },
    // pending, sent, or failed (given up after the last attempt).
    { name: 'status', type: 'str(16)', default: 'pending' },
    { name: 'attempts', type: 'int', default: 0 },
    { name: 'next_attempt_at', type: 'bigint' },
    { name: 'last_error', type: 'str(255)', nullable: true },
    { name: 'sent_at', type: 'bigint', nullable: true },
    { name: 'created_at', type: 'bigint' },
  ],
  indexes: [
    // The worker's "what is due" read and retention's walk over finished rows.
    { name: 'ix_email_notices_due', columns: ['status', 'next_attempt_at'] },
    { name: 'ix_email_notices_created', columns: ['created_at'] },
  ],
};

export function emailNoticesMigration(name: string, dialect: Dialect): new () => MigrationInterface {
  const cls = class implements MigrationInterface {
    name = name;
    async up(runner: QueryRunner): Promise<void> {
      for (const sql of createTableSql(dialect, EMAIL_NOTICE_TABLE)) await runner.query(sql);
    }
    async down(runner: QueryRunner): Promise<void> {
      await runner.query(dropTableSql(dialect, EMAIL_NOTICE_TABLE.name));
    }
  };
  Object.defineProperty(cls, 'name', { value: name });
  return cls;
}
