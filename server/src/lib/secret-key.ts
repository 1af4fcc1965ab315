import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
/** The two settings the key comes from (config.ts reads them). */
export interface SecretKeySettings {
  readonly secretKey: string | null | undefined;
  readonly dataDir: string;
}

const GENERATED_KEY_BYTES = 48;

/**
 * SECRET_KEY, or outside production a key generated once and kept under the data folder, so that
 * sessions and codes survive a restart of `npm start`. Production refuses to start without one (config.ts).
 */
export function secretKeyFor(config: SecretKeySettings): string {
  if (config.secretKey) return config.secretKey;
  const file = join(config.dataDir, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(config.dataDir, { recursive: true });
  const key = randomBytes(GENERATED_KEY_BYTES).toString('base64url');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return key;
}
