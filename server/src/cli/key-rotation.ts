import { loadConfig } from '../config';
import { formatKeyStatus, keyStatus } from '../db/key-status';
import { openAppDatabase } from '../entities';
import { systemClock } from '../lib/clock';
import { secretKeyFor } from '../lib/secret-key';
import { runCli } from './run';

/**
 * `npm run db:key-status`: per keyed table, how many live rows are under SECRET_KEY, under
 * SECRET_KEY_PREVIOUS, unlabelled or under neither (docs/OPERATIONS.md, Rotating SECRET_KEY). Reads only.
 * Exit 0 either way; the last line says whether the previous key can go.
 */
runCli(async () => {
  const config = loadConfig(process.env);
  const ds = await openAppDatabase(config.databaseUrl, { migrate: false });
  try {
    if (await ds.showMigrations()) throw new Error('the database has pending migrations: run `npm run db:migrate` first');
    process.stdout.write(formatKeyStatus(await keyStatus(ds, config, secretKeyFor(config), systemClock.now())));
  } finally {
    await ds.destroy();
  }
});
