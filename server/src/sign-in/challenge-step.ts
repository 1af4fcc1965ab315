/** Where a sign-in challenge stands (see challenge.rules.ts for the diagram). Stored in login_challenges.step. */
export enum ChallengeStep {
  ENROLL_PHONE = 'ENROLL_PHONE',
  CONFIRM_ENROLLMENT = 'CONFIRM_ENROLLMENT',
  VERIFY_CODE = 'VERIFY_CODE',
  /** An enrolled customer with an authenticator app: the app's code is asked first, no text is sent. */
  VERIFY_TOTP = 'VERIFY_TOTP',
  /** An enrolled customer with a passkey: its assertion replaces the code, no text is sent. */
  VERIFY_PASSKEY = 'VERIFY_PASSKEY',
}
