import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fetchNewEvents } from '../../../examples/sync-events';
import { clientFrom, login, setPolicy, startTestApp, type TestApp } from '../support/harness';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..', '..');

/** docs/API.md's example, run as a user would, against a running server: it never misses nor repeats an event. */
describe('examples/sync-events.ts', () => {
  let app: TestApp;
  let key: string;
  beforeAll(async () => {
    app = await startTestApp();
    const admin = clientFrom(app);
    await login(admin, 'alice');
    const r = await admin.gql(`mutation { createApiKey(input: { name: "log collector" }) { secret } }`);
    key = r.body.data.createApiKey.secret;
  });
  afterAll(() => app.close());

  it('pages through everything, then picks up only what is new', async () => {
    const first = await fetchNewEvents(app.url, key, null);
    expect(first.events.map((e) => e.type)).toEqual(['API_KEY_CREATED']);
    await setPolicy(app, true);
    await login(clientFrom(app), 'carol'); // CODE_SENT
    const second = await fetchNewEvents(app.url, key, first.cursor);
    expect(second.events.map((e) => e.type)).toEqual(['POLICY_ENABLED', 'CODE_SENT']);
    const third = await fetchNewEvents(app.url, key, second.cursor);
    expect(third.events).toEqual([]);
    expect(third.cursor).toBe(second.cursor);
  });

  it('runs from the command line as the guide says, keeping its cursor in a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sync-'));
    const env = { ...process.env, PORTAL_URL: app.url, PORTAL_API_KEY: key, CURSOR_FILE: join(dir, 'cursor'), ONCE: '1' };
    const args = ['ts-node', '--transpile-only', 'examples/sync-events.ts'];
    const a = await run('npx', args, { cwd: ROOT, env, timeout: 60_000 });
    const lines = a.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((e) => e.type)).toEqual(['API_KEY_CREATED', 'POLICY_ENABLED', 'CODE_SENT']);
    await login(clientFrom(app), 'carol');
    const b = await run('npx', args, { cwd: ROOT, env, timeout: 60_000 });
    expect(b.stdout.trim().split('\n').map((l) => JSON.parse(l).type)).toEqual(['CODE_SENT']);
    const bad = await run('npx', args, { cwd: ROOT, env: { ...env, PORTAL_API_KEY: 'p2fa_revoked_or_wrong' }, timeout: 60_000 }).catch((e) => e);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('UNAUTHENTICATED');
  }, 120_000);
});
