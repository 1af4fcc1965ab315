import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { Dialect } from '../data-source';
import { nullableColumnMigration } from './ddl';

/** The tables whose rows are found by a keyed hash of a secret the client holds (docs/OPERATIONS.md, Rotating SECRET_KEY). */
export const KEYED_TABLES = ['sessions', 'api_keys', 'login_challenges'] as const;

/**
 * `key_id` on each of them: which SECRET_KEY wrote the row's hash (a short fingerprint of the key,
 * lib/tokens.ts `keyIdOf`, never the key). `db:key-status` counts rows per key with it, so an operator
 * knows when no row is left under SECRET_KEY_PREVIOUS. Null: written before key ids were recorded.
 */
export function keyIdsMigration(name: string, dialect: Dialect): new () => MigrationInterface {
  const steps = KEYED_TABLES.map((t) => new (nullableColumnMigration(t, 'key_id', 'str(16)')(`${name}-${t}`, dialect))());
  const cls = class implements MigrationInterface {
    name = name;
    async up(runner: QueryRunner): Promise<void> {
      for (const s of steps) await s.up(runner);
    }
    async down(runner: QueryRunner): Promise<void> {
      for (const s of [...steps].reverse()) await s.down(runner);
    }
  };
  Object.defineProperty(cls, 'name', { value: name });
  return cls;
}
