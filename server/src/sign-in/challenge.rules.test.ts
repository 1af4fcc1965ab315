import { ChallengeStep } from './challenge-step';
import { challengeIsLive, codeExpired, stepAccepts } from './challenge.rules';

const { ENROLL_PHONE, CONFIRM_ENROLLMENT, VERIFY_CODE, VERIFY_TOTP } = ChallengeStep;

describe('which step takes which action (docs/ARCHITECTURE.md, the challenge diagram)', () => {
  it.each([
    ['enrollPhone', [ENROLL_PHONE, CONFIRM_ENROLLMENT]],
    ['confirmCode', [CONFIRM_ENROLLMENT]],
    ['verifyOtp', [VERIFY_CODE, VERIFY_TOTP]],
    ['resendCode', [CONFIRM_ENROLLMENT, VERIFY_CODE, VERIFY_TOTP]],
    ['useRecoveryCode', [VERIFY_CODE, VERIFY_TOTP]],
  ] as const)('%s is accepted only at %j', (action, allowed) => {
    for (const step of [ENROLL_PHONE, CONFIRM_ENROLLMENT, VERIFY_CODE, VERIFY_TOTP]) {
      expect(stepAccepts(action, step)).toBe((allowed as readonly ChallengeStep[]).includes(step));
    }
  });
});

describe('a challenge is live', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  const live = { consumedAt: null, expiresAt: new Date(now.getTime() + 1000), policyGeneration: 3 };
  const portal = { twoFactorEnabled: true, twoFactorGeneration: 3 };

  it('until consumed, expired, or the policy changed under it', () => {
    expect(challengeIsLive(live, portal, now)).toBe(true);
    expect(challengeIsLive({ ...live, consumedAt: now }, portal, now)).toBe(false);
    expect(challengeIsLive({ ...live, expiresAt: now }, portal, now)).toBe(false);
    expect(challengeIsLive(live, { ...portal, twoFactorEnabled: false }, now)).toBe(false);
    expect(challengeIsLive(live, { ...portal, twoFactorGeneration: 4 }, now)).toBe(false);
  });

  it('a code is expired at its expiry time, and when there is none', () => {
    expect(codeExpired({ codeExpiresAt: new Date(now.getTime() + 1) }, now)).toBe(false);
    expect(codeExpired({ codeExpiresAt: now }, now)).toBe(true);
    expect(codeExpired({ codeExpiresAt: null }, now)).toBe(true);
  });
});
