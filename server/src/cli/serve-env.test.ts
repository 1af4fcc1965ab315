import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveCommand } from './serve-env';

describe('the environment of npm run serve', () => {
  it('is what package.json\'s serve script sets, so the bench measures the server as it is run', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.serve).toBe(serveCommand());
  });
});
