import type { ErrorCode } from '../graphql/problem.types';
import type { AccountRow } from '../portals/account.entity';
import type { PortalRow } from '../portals/portal.entity';
import type { ChallengeStep } from './login.types';

/** What a sign-in step produced, before it is dressed as GraphQL. */
export interface ChallengeView {
  readonly token: string;
  readonly step: ChallengeStep;
  readonly expiresAt: Date;
  readonly maskedPhone: string | null;
  readonly resendAvailableAt: Date | null;
  readonly attemptsRemaining: number | null;
}

export type SignInOutcome =
  | { kind: 'authenticated'; account: AccountRow; portal: PortalRow; sessionToken: string }
  | { kind: 'enrollment_required'; challenge: ChallengeView }
  | { kind: 'code_required'; challenge: ChallengeView }
  | { kind: 'code_sent'; challenge: ChallengeView }
  | { kind: 'relogin_required' }
  | { kind: 'problem'; code: ErrorCode; attemptsRemaining?: number; retryAfterSeconds?: number; message?: string };

/** `message` replaces the code's usual words only where they would mislead (a lock no wait lifts). */
export function problem(
  code: ErrorCode,
  extra: { attemptsRemaining?: number; retryAfterSeconds?: number; message?: string } = {},
): Extract<SignInOutcome, { kind: 'problem' }> {
  return { kind: 'problem', code, attemptsRemaining: extra.attemptsRemaining, retryAfterSeconds: extra.retryAfterSeconds, message: extra.message };
}
