import type { PortalRow } from './portal.entity';

/**
 * The enrollment grace period (docs/SECURITY.md, Enrollment grace period): for `enrollment_grace_days`
 * days after the policy was last turned on, a customer not enrolled under the current generation may
 * choose "Remind me later" and sign in with the password alone. The deadline is computed from the
 * portal row, never stored per customer: turning the policy off and on restarts it (a new
 * `two_factor_enabled_at`), and who is in grace is "not enrolled" while the portal's deadline is ahead,
 * which the directory answers with the NOT_ENROLLED index ranges (docs/PERFORMANCE.md).
 *
 * The rule is here twice, as TypeScript and as SQL, side by side, like "enrolled" in two-factor/enrollment.store.ts.
 */

export const MAX_GRACE_DAYS = 30;
export const DAY_MS = 86_400_000;

type GracePortal = Pick<PortalRow, 'twoFactorEnabled' | 'twoFactorEnabledAt' | 'enrollmentGraceDays'>;

/** When the portal's grace period ends (or ended); null when the policy is off or the portal grants none. */
export function graceEndsAt(portal: GracePortal): Date | null {
  if (!portal.twoFactorEnabled || !portal.twoFactorEnabledAt || portal.enrollmentGraceDays <= 0) return null;
  return new Date(portal.twoFactorEnabledAt.getTime() + portal.enrollmentGraceDays * DAY_MS);
}

/** The deadline while it is still ahead of `now`; null once it has passed (exactly at it: forced). */
export function graceRunning(portal: GracePortal, now: Date): Date | null {
  const ends = graceEndsAt(portal);
  return ends && now.getTime() < ends.getTime() ? ends : null;
}

/** Whole days left, rounded up, as "Remind me later (N days left)" says them: at least 1 while it runs. */
export function graceDaysLeft(ends: Date, now: Date): number {
  return Math.max(1, Math.ceil((ends.getTime() - now.getTime()) / DAY_MS));
}

/**
 * graceRunning in SQL, for the portal aliased `alias`, against the `?` parameter `now` (epoch ms).
 * Times are BIGINT milliseconds (db/columns.ts), so the deadline is plain arithmetic on both dialects.
 */
export function graceRunningWhere(alias: string): string {
  const p = alias ? `${alias}.` : '';
  return `(${p}two_factor_enabled = 1 AND ${p}enrollment_grace_days > 0 AND ${p}two_factor_enabled_at IS NOT NULL
    AND ${p}two_factor_enabled_at + ${p}enrollment_grace_days * ${DAY_MS} > ?)`;
}
