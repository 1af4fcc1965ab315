import { ChallengeStep } from './challenge-step';
import type { PortalRow } from '../portals/portal.entity';
import type { ChallengeRow } from './challenge.entity';

/**
 * The steps of a sign-in challenge and which action each accepts. The state diagram of these steps
 * is in docs/ARCHITECTURE.md ("The challenge"); keep the two in step.
 *
 * "Expired" is computed from the clock here and never stored.
 */
export type ChallengeAction = 'enrollPhone' | 'confirmCode' | 'verifyOtp' | 'resendCode' | 'useRecoveryCode' | 'verifyPasskey' | 'postponeEnrollment';

const ACCEPTS: Record<ChallengeAction, readonly ChallengeStep[]> = {
  enrollPhone: [ChallengeStep.ENROLL_PHONE, ChallengeStep.CONFIRM_ENROLLMENT],
  confirmCode: [ChallengeStep.CONFIRM_ENROLLMENT],
  verifyOtp: [ChallengeStep.VERIFY_CODE, ChallengeStep.VERIFY_TOTP],
  // On VERIFY_TOTP and VERIFY_PASSKEY: "Text me a code instead", which moves the challenge to VERIFY_CODE.
  resendCode: [ChallengeStep.CONFIRM_ENROLLMENT, ChallengeStep.VERIFY_CODE, ChallengeStep.VERIFY_TOTP, ChallengeStep.VERIFY_PASSKEY],
  useRecoveryCode: [ChallengeStep.VERIFY_CODE, ChallengeStep.VERIFY_TOTP, ChallengeStep.VERIFY_PASSKEY],
  verifyPasskey: [ChallengeStep.VERIFY_PASSKEY],
  // "Remind me later", during the portal's enrollment grace period only (sign-in.service.ts).
  postponeEnrollment: [ChallengeStep.ENROLL_PHONE, ChallengeStep.CONFIRM_ENROLLMENT],
};

/** The steps of an enrollment, which end once the account is enrolled (through any challenge). */
export function isEnrollmentStep(step: ChallengeStep): boolean {
  return step === ChallengeStep.ENROLL_PHONE || step === ChallengeStep.CONFIRM_ENROLLMENT;
}

export function stepAccepts(action: ChallengeAction, step: ChallengeStep): boolean {
  return ACCEPTS[action].includes(step);
}

/**
 * Whether a challenge can still be used at all: not consumed, not past its lifetime, and made under
 * the policy as it stands (turning the policy off, or off and on, ends every open challenge).
 */
export function challengeIsLive(
  c: Pick<ChallengeRow, 'consumedAt' | 'expiresAt' | 'policyGeneration'>,
  portal: Pick<PortalRow, 'twoFactorEnabled' | 'twoFactorGeneration'>,
  now: Date,
): boolean {
  return (
    c.consumedAt === null &&
    now.getTime() < c.expiresAt.getTime() &&
    portal.twoFactorEnabled &&
    c.policyGeneration === portal.twoFactorGeneration
  );
}

export function codeExpired(c: Pick<ChallengeRow, 'codeExpiresAt'>, now: Date): boolean {
  return c.codeExpiresAt === null || now.getTime() >= c.codeExpiresAt.getTime();
}
