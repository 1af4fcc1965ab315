import { loadConfig } from '../config';
import { openAppDatabase } from '../entities';
import { runCli } from './run';

/** `npm run db:migrate`: applies pending migrations to DATABASE_URL; running it again does nothing. */
runCli(async () => {
  const config = loadConfig(process.env);
  const ds = await openAppDatabase(config.databaseUrl, { migrate: false });
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    process.stdout.write(applied.length ? `applied: ${applied.map((m) => m.name).join(', ')}\n` : 'database is up to date\n');
  } finally {
    await ds.destroy();
  }
});
