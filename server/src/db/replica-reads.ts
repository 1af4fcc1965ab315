import type { DataSource, EntityManager } from 'typeorm';

/**
 * An EntityManager whose every read goes to a replica (docs/OPERATIONS.md, Read replicas). Query
 * builders and find methods on `ds` already do, through the replication setting's `defaultMode:
 * 'slave'`; TypeORM sends raw `query()` calls to the primary whatever that setting says, so those are
 * routed here, each on a replica connection of its own that is released afterwards.
 * Only services that read and never write are handed this manager.
 */
export function replicaManager(ds: DataSource): EntityManager {
  const manager = ds.createEntityManager();
  manager.query = async (sql: string, parameters?: unknown[]) => {
    const runner = ds.createQueryRunner('slave');
    try {
      return await runner.query(sql, parameters);
    } finally {
      await runner.release();
    }
  };
  return manager;
}
