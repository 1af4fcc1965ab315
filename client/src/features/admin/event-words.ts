import type { TwoFactorEventType } from '../../gql/graphql';

/** Every event type in words; a Record, so a new type in the schema fails the type check until named. */
export const EVENT_LABELS: Record<TwoFactorEventType, string> = {
  POLICY_ENABLED: 'Two-factor turned on',
  POLICY_DISABLED: 'Two-factor turned off',
  ENROLLMENT_STARTED: 'Enrollment started',
  ENROLLMENT_CONFIRMED: 'Phone enrolled',
  CODE_SENT: 'Code sent',
  CODE_ACCEPTED: 'Code accepted',
  CODE_REJECTED: 'Wrong code',
  CHALLENGE_LOCKED: 'Sign-in stopped: too many wrong codes',
  ACCOUNT_LOCKED: 'Account locked: too many wrong codes',
  RESET: 'Two-factor reset',
  SMS_DELIVERY_FAILED: 'Text message failed',
  SMS_DELIVERY_REPORT: 'Delivery report',
  API_KEY_CREATED: 'API key created',
  API_KEY_REVOKED: 'API key revoked',
  SECOND_FACTORS_CHANGED: 'Second factors changed',
  TOTP_SETUP_STARTED: 'Authenticator app setup started',
  TOTP_ADDED: 'Authenticator app added',
  TOTP_REMOVED: 'Authenticator app removed',
  TOTP_ACCEPTED: 'Authenticator app code accepted',
  RECOVERY_CODES_ISSUED: 'Recovery codes made',
  RECOVERY_CODE_USED: 'Recovery code used',
  ENROLLMENT_POSTPONED: 'Enrollment postponed (grace period)',
  ENROLLMENT_GRACE_CHANGED: 'Enrollment grace period changed',
  PASSKEY_SETUP_STARTED: 'Passkey setup started',
  PASSKEY_ADDED: 'Passkey added',
  PASSKEY_REMOVED: 'Passkey removed',
  PASSKEY_ACCEPTED: 'Passkey accepted',
};

export const EVENT_TYPES = Object.keys(EVENT_LABELS) as TwoFactorEventType[];

export function isEventType(value: string | null): value is TwoFactorEventType {
  return value !== null && Object.hasOwn(EVENT_LABELS, value);
}

/** Problem events get a warning tone in the log. */
export function eventTone(type: TwoFactorEventType): 'warn' | 'good' | 'plain' {
  switch (type) {
    case 'CODE_REJECTED':
    case 'CHALLENGE_LOCKED':
    case 'ACCOUNT_LOCKED':
    case 'SMS_DELIVERY_FAILED':
    case 'POLICY_DISABLED':
    case 'RESET':
      return 'warn';
    case 'RECOVERY_CODE_USED':
    case 'TOTP_REMOVED':
    case 'PASSKEY_REMOVED':
      return 'warn';
    case 'CODE_ACCEPTED':
    case 'TOTP_ACCEPTED':
    case 'TOTP_ADDED':
    case 'PASSKEY_ACCEPTED':
    case 'PASSKEY_ADDED':
    case 'ENROLLMENT_CONFIRMED':
    case 'POLICY_ENABLED':
      return 'good';
    default:
      return 'plain';
  }
}
