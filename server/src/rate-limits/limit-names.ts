/**
 * The name of each limit, as portal_rate_limit_refusals_total labels its refusals (docs/OPERATIONS.md,
 * Metrics). Most are the README's settings without their RATE_ prefix; the key of a counter is never a
 * label (it holds ids, IP keys and hashes).
 */
export type LimitName =
  | 'password_per_account'
  | 'password_per_ip'
  /** The account's sign-ins are locked after wrong codes (timed, or until an admin's reset). */
  | 'account_lock'
  | 'sms_per_challenge'
  /** OTP_RESEND_COOLDOWN_SECONDS: a resend asked for too soon. */
  | 'sms_resend_cooldown'
  | 'sms_per_customer_hour'
  | 'sms_numbers_per_customer_hour'
  | 'sms_per_number_hour'
  | 'sms_per_number_day'
  | 'sms_per_ip_hour'
  | 'sms_per_ip_hour_total'
  | 'sms_per_portal_hour'
  | 'portal_lookup_per_ip'
  | 'api_key_requests_per_minute'
  /** A Plivo delivery report whose nonce was seen already: a replay. */
  | 'plivo_webhook_nonce';
