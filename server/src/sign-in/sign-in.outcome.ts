import type { AccountRow } from '../portals/account.entity';
import type { PortalRow } from '../portals/portal.entity';
import type { ChallengeStep } from './challenge-step';
import type { ErrorCode } from './sign-in-errors';

/** What a sign-in step produced, before it is dressed as GraphQL. */
export interface ChallengeView {
  readonly token: string;
  readonly step: ChallengeStep;
  readonly expiresAt: Date;
  readonly maskedPhone: string | null;
  readonly resendAvailableAt: Date | null;
  readonly attemptsRemaining: number | null;
  /** At VERIFY_PASSKEY, on the login's answer: the options for the browser's WebAuthn assertion. */
  readonly passkeyOptions?: string | null;
}

export type Authenticated = { kind: 'authenticated'; account: AccountRow; portal: PortalRow; sessionToken: string };
/** `grace`: the portal's enrollment grace period is running and this customer may postpone ("Remind me later"). */
export type EnrollmentRequired = { kind: 'enrollment_required'; challenge: ChallengeView; grace: { endsAt: Date; daysLeft: number } | null };
export type CodeRequired = { kind: 'code_required'; challenge: ChallengeView };
export type CodeSent = { kind: 'code_sent'; challenge: ChallengeView };
/** The enrollment's recovery codes, shown once (docs/SECURITY.md, Second factors). */
export type ReloginRequired = { kind: 'relogin_required'; recoveryCodes: string[] };
export type StepProblem = {
  kind: 'problem';
  code: ErrorCode;
  attemptsRemaining?: number;
  retryAfterSeconds?: number;
  message?: string;
};

/** One outcome type per step: each is exactly the members of that step's GraphQL result union. */
export type LoginOutcome = Authenticated | EnrollmentRequired | CodeRequired | StepProblem;
export type EnrollPhoneOutcome = CodeSent | StepProblem;
export type ConfirmCodeOutcome = ReloginRequired | StepProblem;
export type VerifyOtpOutcome = Authenticated | StepProblem;
export type ResendCodeOutcome = CodeSent | StepProblem;
export type UseRecoveryCodeOutcome = Authenticated | StepProblem;
export type PostponeEnrollmentOutcome = Authenticated | StepProblem;
export type SignInOutcome =
  | LoginOutcome
  | EnrollPhoneOutcome
  | ConfirmCodeOutcome
  | VerifyOtpOutcome
  | ResendCodeOutcome
  | UseRecoveryCodeOutcome
  | PostponeEnrollmentOutcome;

/** `message` replaces the code's usual words only where they would mislead (a lock no wait lifts). */
export function problem(
  code: ErrorCode,
  extra: { attemptsRemaining?: number; retryAfterSeconds?: number; message?: string } = {},
): StepProblem {
  return { kind: 'problem', code, attemptsRemaining: extra.attemptsRemaining, retryAfterSeconds: extra.retryAfterSeconds, message: extra.message };
}
