import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import { keyIdOf } from '../lib/tokens';

/** How many live rows of one keyed table are under each key (docs/OPERATIONS.md, Rotating SECRET_KEY). */
export interface TableKeyStatus {
  readonly table: 'sessions' | 'api_keys' | 'login_challenges' | 'totp_factors' | 'recovery_codes';
  readonly current: number;
  readonly previous: number;
  /** key_id null: written before key ids were recorded, under whichever key was in force then. */
  readonly unlabelled: number;
  /** Under a key that is neither: those rows can no longer be used by anyone. */
  readonly other: number;
}

export interface KeyStatus {
  readonly currentKeyId: string;
  readonly previousKeyId: string | null;
  readonly tables: readonly TableKeyStatus[];
  /** No live row needs the previous key (nor could: unlabelled rows count as the previous key's). */
  readonly previousKeyUnused: boolean;
}

/**
 * Only rows that can still be used count: a session not idle and not past its absolute age, a challenge
 * not expired and not consumed, a key not revoked, a confirmed authenticator app, an unused recovery code. Dead rows go with retention and need no key.
 */
function liveRows(config: Pick<Config, 'sessionIdleSeconds' | 'sessionAbsoluteSeconds'>, nowMs: number) {
  return {
    sessions: { where: 'last_seen_at > ? AND created_at > ?', params: [nowMs - config.sessionIdleSeconds * 1000, nowMs - config.sessionAbsoluteSeconds * 1000] },
    api_keys: { where: 'revoked_at IS NULL', params: [] },
    login_challenges: { where: 'expires_at > ? AND consumed_at IS NULL', params: [nowMs] },
    // An app's secret is sealed under a key derived from SECRET_KEY and sealed again by its next use;
    // a recovery code's hash cannot be moved (the code is not kept), so it stays until used or replaced.
    totp_factors: { where: 'confirmed_at IS NOT NULL', params: [] },
    recovery_codes: { where: 'used_at IS NULL', params: [] },
  } as const;
}

export async function keyStatus(
  ds: DataSource,
  config: Pick<Config, 'sessionIdleSeconds' | 'sessionAbsoluteSeconds' | 'secretKeyPrevious'>,
  currentKey: string,
  now: Date,
): Promise<KeyStatus> {
  const currentKeyId = keyIdOf(currentKey);
  const previousKeyId = config.secretKeyPrevious === null ? null : keyIdOf(config.secretKeyPrevious);
  const tables: TableKeyStatus[] = [];
  for (const [table, live] of Object.entries(liveRows(config, now.getTime())) as Array<[TableKeyStatus['table'], { where: string; params: readonly number[] }]>) {
    const rows: Array<{ key_id: string | null; n: number | string }> = await ds.query(
      `SELECT key_id, COUNT(*) AS n FROM ${table} WHERE ${live.where} GROUP BY key_id`,
      [...live.params],
    );
    const count = { current: 0, previous: 0, unlabelled: 0, other: 0 };
    for (const r of rows) {
      const n = Number(r.n);
      if (r.key_id === null) count.unlabelled += n;
      else if (r.key_id === currentKeyId) count.current += n;
      else if (r.key_id === previousKeyId) count.previous += n;
      else count.other += n;
    }
    tables.push({ table, ...count });
  }
  return { currentKeyId, previousKeyId, tables, previousKeyUnused: tables.every((t) => t.previous === 0 && t.unlabelled === 0) };
}

/** The report `db:key-status` prints: one line per table, then the verdict. */
export function formatKeyStatus(s: KeyStatus): string {
  const lines = [
    `current key ${s.currentKeyId}, previous key ${s.previousKeyId ?? '(SECRET_KEY_PREVIOUS not set)'}`,
    `${'table'.padEnd(18)}${'current'.padStart(10)}${'previous'.padStart(10)}${'unlabelled'.padStart(12)}${'other'.padStart(8)}`,
    ...s.tables.map((t) => `${t.table.padEnd(18)}${String(t.current).padStart(10)}${String(t.previous).padStart(10)}${String(t.unlabelled).padStart(12)}${String(t.other).padStart(8)}`),
    s.previousKeyUnused
      ? 'no live row needs the previous key: SECRET_KEY_PREVIOUS can be removed'
      : 'live rows still need the previous key: keep SECRET_KEY_PREVIOUS (see docs/OPERATIONS.md, Rotating SECRET_KEY)',
  ];
  return `${lines.join('\n')}\n`;
}
