/** Words and numbers as people read them. */

const SECONDS_PER_MINUTE = 60;
const SECONDS_PER_HOUR = 3600;

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "45 seconds", "3 minutes", "2 hours": rounded up, so a person never comes back too early. */
export function formatWait(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < SECONDS_PER_MINUTE) return plural(s, 'second', 'seconds');
  if (s < SECONDS_PER_HOUR) return plural(Math.ceil(s / SECONDS_PER_MINUTE), 'minute', 'minutes');
  return plural(Math.ceil(s / SECONDS_PER_HOUR), 'hour', 'hours');
}

/** "0:27": a countdown on a button. */
export function formatClock(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / SECONDS_PER_MINUTE)}:${String(s % SECONDS_PER_MINUTE).padStart(2, '0')}`;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '—' : dateTime.format(d);
}
