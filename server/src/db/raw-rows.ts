import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Entity rows from one hand-written SELECT, without the query builder. The hot paths read a challenge,
 * its portal and its account (or a session, its account, portal and profile) in ONE round trip; the
 * ORM would make that three queries or a query builder join that costs more CPU than the query
 * (docs/PERFORMANCE.md, Round trips). Column lists and value conversions still come from the entity
 * metadata, so a new column or transformer needs no change here.
 */

/** `alias.col AS alias__col, …` for every column of the entity. */
export function columnsOf(m: EntityManager, entity: EntityTarget<ObjectLiteral>, alias: string): string {
  return m.connection
    .getMetadata(entity)
    .columns.map((c) => `${alias}.${c.databaseName} AS ${alias}__${c.databaseName}`)
    .join(', ');
}

/** The entity whose columns `columnsOf(…, alias)` selected from `raw`; null when the row had none (a LEFT JOIN that missed). */
export function entityFrom<T extends ObjectLiteral>(
  m: EntityManager,
  entity: EntityTarget<T>,
  alias: string,
  raw: Record<string, unknown>,
): T | null {
  const metadata = m.connection.getMetadata(entity);
  const primary = metadata.primaryColumns[0];
  if (raw[`${alias}__${primary.databaseName}`] === null || raw[`${alias}__${primary.databaseName}`] === undefined) return null;
  const row = metadata.create() as T;
  const driver = m.connection.driver;
  for (const c of metadata.columns) {
    (row as Record<string, unknown>)[c.propertyName] = driver.prepareHydratedValue(raw[`${alias}__${c.databaseName}`], c);
  }
  return row;
}

/** How many rows a write changed, on MySQL and SQLite alike (EntityManager.query hides it). */
export async function changedRows(m: EntityManager, sql: string, params: unknown[]): Promise<number> {
  const runner = m.queryRunner ?? m.connection.createQueryRunner();
  try {
    const r = await runner.query(sql, params, true);
    return Number(r.affected ?? 0);
  } finally {
    if (!m.queryRunner) await runner.release();
  }
}

/**
 * INSERT one row of an entity with a plain statement: the columns and value conversions from the
 * entity metadata, none of the query builder's work (which costs more CPU than the insert on a hot
 * path). Columns whose value is undefined (a generated id) are left to the database.
 */
export async function insertRow<T extends ObjectLiteral>(m: EntityManager, entity: EntityTarget<T>, values: Partial<T>): Promise<void> {
  const metadata = m.connection.getMetadata(entity);
  const driver = m.connection.driver;
  const columns = metadata.columns.filter((c) => (values as Record<string, unknown>)[c.propertyName] !== undefined);
  const params = columns.map((c) => driver.preparePersistentValue((values as Record<string, unknown>)[c.propertyName], c));
  await m.query(
    `INSERT INTO ${metadata.tableName} (${columns.map((c) => c.databaseName).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    params,
  );
}

/** The multi-row INSERT text per table, column list and row count: built once, reused for every full batch. */
const insertTexts = new Map<string, string>();

/**
 * INSERT many rows of an entity in one statement (bulk import, docs/PERFORMANCE.md "Bulk import"):
 * the columns are every column of the entity, in metadata order, converted as `insertRow` converts them.
 * The caller bounds the batch: each row is a group of placeholders (MySQL allows 65,535, SQLite 32,766).
 */
export async function insertRows<T extends ObjectLiteral>(m: EntityManager, entity: EntityTarget<T>, rows: readonly Partial<T>[]): Promise<void> {
  if (rows.length === 0) return;
  const metadata = m.connection.getMetadata(entity);
  const driver = m.connection.driver;
  const columns = metadata.columns;
  const key = `${metadata.tableName}/${rows.length}`;
  let sql = insertTexts.get(key);
  if (!sql) {
    const group = `(${columns.map(() => '?').join(', ')})`;
    sql = `INSERT INTO ${metadata.tableName} (${columns.map((c) => c.databaseName).join(', ')}) VALUES ${Array(rows.length).fill(group).join(', ')}`;
    insertTexts.set(key, sql);
  }
  const params: unknown[] = new Array(rows.length * columns.length);
  let i = 0;
  for (const row of rows) {
    for (const c of columns) params[i++] = driver.preparePersistentValue((row as Record<string, unknown>)[c.propertyName] ?? null, c);
  }
  await m.query(sql, params);
}
