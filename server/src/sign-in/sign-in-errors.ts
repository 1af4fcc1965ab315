/**
 * Expected failures of the sign-in steps. They reach the caller as data (a Problem member of each
 * step's result union), not as GraphQL errors, so a client can branch on them without parsing text.
 */
export enum ErrorCode {
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  RATE_LIMITED = 'RATE_LIMITED',
  INVALID_CODE = 'INVALID_CODE',
  CODE_EXPIRED = 'CODE_EXPIRED',
  TOO_MANY_ATTEMPTS = 'TOO_MANY_ATTEMPTS',
  CHALLENGE_INVALID = 'CHALLENGE_INVALID',
  INVALID_PHONE_NUMBER = 'INVALID_PHONE_NUMBER',
  SMS_DELIVERY_FAILED = 'SMS_DELIVERY_FAILED',
  /** An account-page change of a factor the portal does not offer, or not yet open to this customer. */
  FACTOR_NOT_AVAILABLE = 'FACTOR_NOT_AVAILABLE',
  /** "Remind me later" after the portal's enrollment grace period: the challenge still takes enrollPhone. */
  GRACE_PERIOD_ENDED = 'GRACE_PERIOD_ENDED',
}
