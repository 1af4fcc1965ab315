import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { Dialect } from '../data-source';

/**
 * A small neutral table description rendered for MySQL and SQLite, so each migration states its schema
 * once. Times are BIGINT epoch milliseconds (see columns.ts); ids are UUID strings except the event
 * log, whose auto-increment id is its stable cursor order.
 */
export type ColumnType = 'id' | 'autoid' | `str(${number})` | 'int' | 'bigint' | 'bool';

export interface ColumnDef {
  readonly name: string;
  readonly type: ColumnType;
  readonly nullable?: boolean;
  readonly default?: string | number | boolean;
  readonly primary?: boolean;
}

export interface IndexDef {
  readonly name: string;
  readonly columns: readonly string[];
  readonly unique?: boolean;
}

export interface TableDef {
  readonly name: string;
  readonly columns: readonly ColumnDef[];
  readonly indexes?: readonly IndexDef[];
}

function columnSql(dialect: Dialect, c: ColumnDef): string {
  const t = c.type;
  let type: string;
  if (t === 'autoid') {
    return dialect === 'mysql' ? `\`${c.name}\` BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY` : `"${c.name}" INTEGER PRIMARY KEY AUTOINCREMENT`;
  } else if (t === 'id') type = dialect === 'mysql' ? 'VARCHAR(36)' : 'TEXT';
  else if (t.startsWith('str(')) type = dialect === 'mysql' ? `VARCHAR(${t.slice(4, -1)})` : 'TEXT';
  else if (t === 'int') type = dialect === 'mysql' ? 'INT' : 'INTEGER';
  else if (t === 'bigint') type = dialect === 'mysql' ? 'BIGINT' : 'INTEGER';
  else type = dialect === 'mysql' ? 'TINYINT(1)' : 'INTEGER';
  const q = dialect === 'mysql' ? `\`${c.name}\`` : `"${c.name}"`;
  const parts = [q, type, c.nullable ? 'NULL' : 'NOT NULL'];
  if (c.default !== undefined) {
    const d = typeof c.default === 'boolean' ? (c.default ? 1 : 0) : typeof c.default === 'number' ? c.default : `'${c.default}'`;
    parts.push(`DEFAULT ${d}`);
  }
  if (c.primary) parts.push('PRIMARY KEY');
  return parts.join(' ');
}

export function createTableSql(dialect: Dialect, table: TableDef): string[] {
  const cols = table.columns.map((c) => columnSql(dialect, c)).join(',\n  ');
  const q = (n: string): string => (dialect === 'mysql' ? `\`${n}\`` : `"${n}"`);
  const tail = dialect === 'mysql' ? ' ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci' : '';
  const statements = [`CREATE TABLE ${q(table.name)} (\n  ${cols}\n)${tail}`];
  for (const ix of table.indexes ?? []) {
    statements.push(
      `CREATE ${ix.unique ? 'UNIQUE ' : ''}INDEX ${q(ix.name)} ON ${q(table.name)} (${ix.columns.map(q).join(', ')})`,
    );
  }
  return statements;
}

export function dropTableSql(dialect: Dialect, name: string): string {
  return dialect === 'mysql' ? `DROP TABLE \`${name}\`` : `DROP TABLE "${name}"`;
}

/** A migration that adds one NULL column to an existing table (and drops it on the way down). */
export function nullableColumnMigration(
  table: string,
  column: string,
  type: ColumnType,
): (name: string, dialect: Dialect) => new () => MigrationInterface {
  return (name, dialect) => {
    const q = (n: string): string => (dialect === 'mysql' ? `\`${n}\`` : `"${n}"`);
    const cls = class implements MigrationInterface {
      name = name;
      async up(runner: QueryRunner): Promise<void> {
        await runner.query(`ALTER TABLE ${q(table)} ADD COLUMN ${columnSql(dialect, { name: column, type, nullable: true })}`);
      }
      async down(runner: QueryRunner): Promise<void> {
        await runner.query(`ALTER TABLE ${q(table)} DROP COLUMN ${q(column)}`);
      }
    };
    Object.defineProperty(cls, 'name', { value: name });
    return cls;
  };
}
