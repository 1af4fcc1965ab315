import { openAppDatabase } from '../entities';
import { FixedClock } from '../lib/clock';
import { pruneOnce, RETAINED_TABLES, type RetainedTable, SMS_KEEP_DAYS } from '../retention';
import type { RawSql } from './raw-sql';

/**
 * "Row counts flat under steady load" (docs/PERFORMANCE.md, Retention), measured the only way a
 * ten-minute run can: count every retained table before the load and after it, then run the servers'
 * own prune pass with a clock moved past every lifetime those rows have (the longest, a superseded SMS
 * record, is kept a week) and count again. Every row the load left behind, except its events, must be
 * gone then: under steady load a table holds at most (rows per sign-in × sign-ins per lifetime), flat.
 * Two kinds of rows stay on purpose: events are the audit log (kept EVENT_RETENTION_DAYS; their growth
 * is reported, not judged), and each customer's latest SMS record, which Customer Details shows as
 * "last SMS" (one per customer at most, however many sign-ins: bounded by the customers, not the load).
 */

export type RowCounts = Record<RetainedTable, number>;

export interface RowCountFigures {
  readonly before: RowCounts;
  readonly afterLoad: RowCounts;
  readonly afterLifetimes: RowCounts;
  /** Tables other than the events that still hold more rows than before the load once its rows expired. */
  readonly grown: RetainedTable[];
}

const DAY_S = 24 * 3600;
/** Past the longest lifetime of a retained row other than an event (SMS records, a week) and past every window. */
const PAST_EVERY_LIFETIME_S = (SMS_KEEP_DAYS + 1) * DAY_S;

export async function countRows(sql: RawSql): Promise<RowCounts> {
  const counts = {} as RowCounts;
  for (const table of RETAINED_TABLES) {
    const [row] = await sql.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM ${table}`);
    counts[table] = Number(row.n);
  }
  return counts;
}

/** One prune pass, as every server process runs it on its timer, at a time when all the load's rows have expired. */
export async function pruneAsIfLater(databaseUrl: string, settings: { eventRetentionDays: number; sessionIdleSeconds: number }): Promise<void> {
  const ds = await openAppDatabase(databaseUrl, { migrate: false });
  try {
    const later = new FixedClock(new Date(Date.now() + (PAST_EVERY_LIFETIME_S + settings.sessionIdleSeconds) * 1000));
    await pruneOnce(ds, later, { ...settings, pauseMs: 0 });
  } finally {
    await ds.destroy();
  }
}

export function judgeRowCounts(before: RowCounts, afterLoad: RowCounts, afterLifetimes: RowCounts, customers: number): RowCountFigures {
  const allowed = (t: RetainedTable) => before[t] + (t === 'sms_messages' ? customers : 0);
  const grown = RETAINED_TABLES.filter((t) => t !== 'two_factor_events' && afterLifetimes[t] > allowed(t));
  return { before, afterLoad, afterLifetimes, grown };
}

export function describeRowCounts(f: RowCountFigures): string {
  return RETAINED_TABLES.map((t) => `${t} ${f.before[t]} → ${f.afterLoad[t]} → ${f.afterLifetimes[t]}`).join(', ');
}
