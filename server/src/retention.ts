import { randomInt } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { Config } from './config';
import { dialectOfSource } from './db/data-source';
import { EventService } from './audit/event.service';
import { SessionStore } from './auth/session.store';
import type { Clock } from './lib/clock';
import { RateLimiter } from './rate-limits/rate-limiter';
import { ChallengeStore } from './sign-in/challenge.store';
import { SmsLog, type SmsWalkCursor } from './sms/sms-log';
import { NoticeOutbox } from './notify/notice-outbox';

/**
 * Retention (docs/PERFORMANCE.md, Retention): every server process prunes expired rows on a timer, in
 * bounded batches with a pause between them. This module only schedules; each table's owner holds its
 * own prune statement and its own definition of "expired". Several processes pruning at once share the
 * work (db/expired-rows.ts).
 */

export const RETAINED_TABLES = ['login_challenges', 'rate_counters', 'sessions', 'sms_messages', 'email_notices', 'two_factor_events'] as const;
export type RetainedTable = (typeof RETAINED_TABLES)[number];

/** Per table: rows deleted, and the batches (statements) that deleted any. */
export type PruneResult = Record<RetainedTable, { removed: number; batches: number }>;

export const DEFAULT_BATCH_SIZE = 500;
export const DEFAULT_PAUSE_MS = 100;
/** Superseded SMS records are kept a week: Plivo's delivery reports (and their retries) come within a day. */
export const SMS_KEEP_DAYS = 7;
/** Email notices sent or given up are kept a week, for an operator asking "was she told?"; pending ones stay until they end. */
export const NOTICE_KEEP_DAYS = 7;
/**
 * A row is pruned only this long after it expired by this process's clock, so that a process whose
 * clock runs a little behind never finds a window, lock, challenge or session gone that it still counts.
 */
export const CLOCK_SKEW_MARGIN_MS = 60_000;

const DAY_MS = 24 * 3600 * 1000;

export interface PruneOptions extends Pick<Config, 'eventRetentionDays' | 'sessionIdleSeconds'> {
  /** Rows per statement (default 500). */
  readonly batchSize?: number;
  /** Pause between two batches of a table (default 100 ms), so the database serves requests meanwhile. */
  readonly pauseMs?: number;
  /** Batches per table in one pass (default: until none is left); the rest waits for the next pass. */
  readonly maxBatchesPerTable?: number;
  /**
   * Where the walk over old SMS records resumes and is left (see SmsLog#pruneSupersededBatch). Absent:
   * the pass walks them all. The timer keeps one, so each pass reads at most maxBatchesPerTable batches.
   */
  readonly smsWalk?: { after: SmsWalkCursor | null };
  /** Checked between batches: a stopping server ends the pass early. */
  readonly shouldStop?: () => boolean;
}

/**
 * One prune pass over every retained table, each until nothing expired is left (or the batch cap is
 * reached): full batches are followed by another one, a short batch ends the table's turn.
 */
export async function pruneOnce(ds: DataSource, clock: Clock, options: PruneOptions): Promise<PruneResult> {
  const size = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const pauseMs = options.pauseMs ?? DEFAULT_PAUSE_MS;
  const maxBatches = options.maxBatchesPerTable ?? Number.POSITIVE_INFINITY;
  const stop = options.shouldStop ?? (() => false);
  const m = ds.manager;
  const now = clock.now().getTime();
  const settled = new Date(now - CLOCK_SKEW_MARGIN_MS);

  const challenges = new ChallengeStore(m);
  const counters = new RateLimiter(m, dialectOfSource(ds), clock);
  const sessions = new SessionStore(m);
  const smsLog = new SmsLog(m, clock);
  const events = new EventService(m, clock);
  const notices = new NoticeOutbox(m);

  const drain = async (batch: () => Promise<{ removed: number; more: boolean }>) => {
    const total = { removed: 0, batches: 0 };
    for (let i = 0; i < maxBatches && !stop(); i++) {
      if (i > 0) await sleep(pauseMs);
      const r = await batch();
      if (r.removed > 0) {
        total.removed += r.removed;
        total.batches += 1;
      }
      if (!r.more) break;
    }
    return total;
  };
  const full = (removed: number) => ({ removed, more: removed >= size });

  const result = {} as PruneResult;
  result.login_challenges = await drain(async () => full(await challenges.pruneExpired(settled, size)));
  result.rate_counters = await drain(async () => full(await counters.pruneExpired(settled, size)));
  const idleBy = new Date(settled.getTime() - options.sessionIdleSeconds * 1000);
  result.sessions = await drain(async () => full(await sessions.pruneNotSeenSince(idleBy, size)));

  const smsBefore = new Date(now - SMS_KEEP_DAYS * DAY_MS);
  const walk = options.smsWalk ?? { after: null };
  result.sms_messages = await drain(async () => {
    const r = await smsLog.pruneSupersededBatch(smsBefore, walk.after, size);
    walk.after = r.next;
    return { removed: r.removed, more: r.next !== null };
  });

  const noticesBefore = new Date(now - NOTICE_KEEP_DAYS * DAY_MS);
  result.email_notices = await drain(async () => full(await notices.pruneFinished(noticesBefore, size)));

  if (options.eventRetentionDays > 0) {
    const eventsBefore = new Date(now - options.eventRetentionDays * DAY_MS);
    result.two_factor_events = await drain(async () => full(await events.pruneOlderThan(eventsBefore, size)));
  } else {
    result.two_factor_events = { removed: 0, batches: 0 };
  }
  return result;
}

export interface RetentionTimer {
  /** Stops the timer and waits for a pass under way to end (it stops after its current batch). */
  stop(): Promise<void>;
}

export interface RetentionSchedule {
  /** Time between two passes of this process (default 5 minutes). */
  readonly intervalMs?: number;
  /** Time before the first pass (default: a random moment in the second half of the first interval, so processes started together spread out). */
  readonly firstDelayMs?: number;
}

export const DEFAULT_INTERVAL_MS = 5 * 60_000;
/** Per pass and table, at most this many batches (100,000 rows): a backlog is worked off over several passes. */
const TIMER_MAX_BATCHES = 200;

/** Starts this process's prune timer. The timer is unref'd: it never keeps a process alive. */
export function startRetention(
  ds: DataSource,
  clock: Clock,
  config: Pick<Config, 'eventRetentionDays' | 'sessionIdleSeconds'>,
  log: Logger,
  schedule: RetentionSchedule = {},
): RetentionTimer {
  const intervalMs = schedule.intervalMs ?? DEFAULT_INTERVAL_MS;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> | undefined;
  const smsWalk = { after: null as SmsWalkCursor | null };

  const pass = async () => {
    const started = Date.now();
    try {
      const r = await pruneOnce(ds, clock, {
        eventRetentionDays: config.eventRetentionDays,
        sessionIdleSeconds: config.sessionIdleSeconds,
        maxBatchesPerTable: TIMER_MAX_BATCHES,
        smsWalk,
        shouldStop: () => stopped,
      });
      const removed = Object.fromEntries(RETAINED_TABLES.map((t) => [t, r[t].removed]));
      const total = RETAINED_TABLES.reduce((n, t) => n + r[t].removed, 0);
      // Counts only: no key, token hash or id of a pruned row is ever logged.
      log[total > 0 ? 'info' : 'debug']({ removed, ms: Date.now() - started }, 'retention pass');
    } catch (err) {
      // A database error carries its statement's parameters (keys, token hashes): log its message only.
      log.warn({ error: err instanceof Error ? err.message : String(err) }, 'retention pass failed');
    }
  };
  const arm = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      current = pass().finally(() => {
        current = undefined;
        arm(intervalMs);
      });
    }, ms);
    timer.unref();
  };
  arm(schedule.firstDelayMs ?? Math.floor(intervalMs / 2) + randomInt(Math.max(1, Math.ceil(intervalMs / 2))));

  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
