import type { ReactNode } from 'react';
import type { TwoFactorStatus } from '../gql/graphql';

const LABEL: Record<TwoFactorStatus, string> = { ENROLLED: 'Enrolled', NOT_ENROLLED: 'Not enrolled', IN_GRACE: 'In grace period' };

export function statusLabel(status: TwoFactorStatus): string {
  return LABEL[status];
}

export function StatusBadge({ status }: { readonly status: TwoFactorStatus }): ReactNode {
  return <span className={`badge ${status === 'ENROLLED' ? 'badge-good' : 'badge-neutral'}`}>{LABEL[status]}</span>;
}
