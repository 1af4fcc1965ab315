import type { EntityManager } from 'typeorm';
import { columnsOf, entityFrom } from '../db/raw-rows';
import { AccountRow } from '../portals/account.entity';
import { PortalRow } from '../portals/portal.entity';
import type { CounterState } from '../rate-limits/rate-limiter';
import { ChallengeRow } from './challenge.entity';
import { CODE_LOCK_PREFIX, CODE_RUN_PREFIX } from './code-lock-keys';

/** Everything a sign-in step after the password needs, read at once. */
export interface StepContext {
  readonly challenge: ChallengeRow;
  readonly portal: PortalRow;
  readonly account: AccountRow;
  /** The account's run of wrong codes in a row, and its timed lock (rate_counters rows), if any. */
  readonly codeRun: CounterState | null;
  readonly codeLock: CounterState | null;
}

/**
 * The challenge behind a token hash, its portal, its account and the account's two wrong-code counters
 * in ONE round trip (they used to be five). Only reads: every decision that must hold under concurrency
 * is still an atomic UPDATE afterwards (docs/ARCHITECTURE.md, "count before comparing, consume once").
 */
export async function readStepContext(m: EntityManager, tokenHashes: readonly string[]): Promise<StepContext | null> {
  // The counters' keys are the account id behind a fixed prefix: built in SQL, since the account is
  // only known once the challenge row is found.
  const key = (prefix: string) => (m.connection.options.type === 'mysql' ? `CONCAT('${prefix}', c.account_id)` : `'${prefix}' || c.account_id`);
  const rows: Array<Record<string, unknown>> = await m.query(
    `SELECT ${columnsOf(m, ChallengeRow, 'c')}, ${columnsOf(m, PortalRow, 'p')}, ${columnsOf(m, AccountRow, 'a')},
            run.hits AS run_hits, run.reset_at AS run_reset_at, lk.hits AS lock_hits, lk.reset_at AS lock_reset_at
       FROM login_challenges c
       JOIN portals p ON p.id = c.portal_id
       JOIN accounts a ON a.id = c.account_id AND a.portal_id = c.portal_id
       LEFT JOIN rate_counters run ON run.counter_key = ${key(CODE_RUN_PREFIX)}
       LEFT JOIN rate_counters lk ON lk.counter_key = ${key(CODE_LOCK_PREFIX)}
      WHERE ${tokenHashIn(tokenHashes)}`,
    [...tokenHashes],
  );
  if (rows.length === 0) return null;
  const raw = rows[0];
  const challenge = entityFrom(m, ChallengeRow, 'c', raw);
  const portal = entityFrom(m, PortalRow, 'p', raw);
  const account = entityFrom(m, AccountRow, 'a', raw);
  if (!challenge || !portal || !account) return null;
  return { challenge, portal, account, codeRun: counter(raw.run_hits, raw.run_reset_at), codeLock: counter(raw.lock_hits, raw.lock_reset_at) };
}

function counter(hits: unknown, resetAt: unknown): CounterState | null {
  return hits === null || hits === undefined ? null : { hits: Number(hits), resetAtMs: Number(resetAt) };
}

/**
 * The token under the current key, and while SECRET_KEY is rotated under the previous one too, in ONE
 * statement (docs/OPERATIONS.md, Rotating SECRET_KEY). A challenge is not re-keyed: it lives at most
 * CHALLENGE_TTL_SECONDS, so the previous key's challenges end by themselves.
 */
function tokenHashIn(hashes: readonly string[]): string {
  return hashes.length === 1 ? 'c.token_hash = ?' : `c.token_hash IN (${hashes.map(() => '?').join(', ')})`;
}
