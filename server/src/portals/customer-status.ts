import { isEnrolled } from '../two-factor/enrollment.store';
import { graceRunning } from './enrollment-grace';
import type { AccountRow } from './account.entity';
import type { PortalRow } from './portal.entity';
import { TwoFactorStatus } from './customer.types';

/**
 * A customer's one status, the same in the directory, the filter and the viewer: ENROLLED under the
 * current generation; else IN_GRACE while the portal's grace deadline is ahead (docs/SECURITY.md,
 * Enrollment grace period); else NOT_ENROLLED. The three never overlap.
 */
export function customerStatus(
  account: Pick<AccountRow, 'phoneE164' | 'phoneGeneration'>,
  portal: PortalRow,
  now: Date,
): { status: TwoFactorStatus; graceEndsAt: Date | null } {
  if (isEnrolled(account, portal)) return { status: TwoFactorStatus.ENROLLED, graceEndsAt: null };
  const ends = graceRunning(portal, now);
  return ends ? { status: TwoFactorStatus.IN_GRACE, graceEndsAt: ends } : { status: TwoFactorStatus.NOT_ENROLLED, graceEndsAt: null };
}
