import { startTestApp, type TestApp } from '../support/harness';

/**
 * /readyz (docs/OPERATIONS.md, Health and readiness): ready only while the database answers and has
 * every migration of this build. The outage half is in database-outage.int.test.ts; this is the other.
 */
describe('/readyz and pending migrations', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(() => app?.close());

  const get = async (path: string) => {
    const res = await fetch(`${app.url}${path}`);
    return { status: res.status, body: await res.json() };
  };

  it('is ready on a migrated database; a migration undone under the process makes it 503 "pending" until it is applied again, while /healthz stays 200', async () => {
    expect(await get('/readyz')).toEqual({ status: 200, body: { ready: true, database: 'up', migrations: 'current' } });
    await app.running.ds.undoLastMigration({ transaction: 'each' });
    expect(await get('/readyz')).toEqual({ status: 503, body: { ready: false, database: 'up', migrations: 'pending' } });
    expect(await get('/healthz')).toEqual({ status: 200, body: { status: 'ok', database: 'up' } });
    await app.running.ds.runMigrations({ transaction: 'each' });
    expect(await get('/readyz')).toEqual({ status: 200, body: { ready: true, database: 'up', migrations: 'current' } });
  });
});
