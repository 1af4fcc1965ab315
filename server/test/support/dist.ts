import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The built commands the CLI tests run (server/dist), and the build when it is older than the sources. */
export const ROOT = join(__dirname, '..', '..', '..');
export const SEED_CLI = join(ROOT, 'server', 'dist', 'cli', 'seed.js');
export const KEY_STATUS_CLI = join(ROOT, 'server', 'dist', 'cli', 'key-rotation.js');

export function buildServerIfStale(): void {
  if (isStale()) execFileSync('npm', ['run', 'build', '-w', 'server'], { cwd: ROOT, stdio: 'pipe', timeout: 120_000 });
}

/**
 * server/dist is missing or older than a source file under server/src. Compared with the newest file
 * of dist, not seed.js itself: an incremental build rewrites only what changed.
 */
function isStale(): boolean {
  if (!existsSync(SEED_CLI)) return true;
  const newest = (dir: string, keep: (name: string) => boolean): number =>
    Math.max(
      0,
      ...readdirSync(dir, { withFileTypes: true }).map((e) => {
        const p = join(dir, e.name);
        if (e.isDirectory()) return newest(p, keep);
        return keep(e.name) ? statSync(p).mtimeMs : 0;
      }),
    );
  const sources = newest(join(ROOT, 'server', 'src'), (n) => n.endsWith('.ts') && !n.endsWith('.test.ts'));
  return sources > newest(join(ROOT, 'server', 'dist'), (n) => n.endsWith('.js'));
}
