import type { PolicyFieldsFragment } from '../../gql/graphql';
import { formatDateTime, plural } from '../../lib/format';

/** What turning the policy on or off will do, in the numbers of this portal. */
export function policyChangeWords(policy: PolicyFieldsFragment, enable: boolean): string[] {
  if (!enable) {
    return [
      'Customers will sign in with their password only; no codes will be sent.',
      'Their enrolled phones will stop counting: if you turn two-factor authentication on again later, all customers must enroll again.',
    ];
  }
  const total = policy.customerCount;
  const ready = Math.min(policy.enrolledCount, total);
  const mustEnroll = total - ready;
  // With a grace period, "must enroll at their next login" becomes "may postpone for N days".
  const when =
    policy.enrollmentGraceDays > 0
      ? `at their next login, or may postpone it for up to ${plural(policy.enrollmentGraceDays, 'day', 'days')} from now`
      : 'at their next login';
  const who =
    ready === 0
      ? `All ${plural(total, 'customer', 'customers')} must enroll a mobile phone ${when}.`
      : `${mustEnroll} of ${plural(total, 'customer', 'customers')} must enroll a mobile phone ${when}; ${ready} already ${ready === 1 ? 'has' : 'have'} an enrolled phone and will be asked for a code.`;
  return [who, 'Customers who are signed in now without a code will be signed out.'];
}

/** One line for the current state. */
export function policySummary(policy: PolicyFieldsFragment): string {
  const enrolled = `${policy.enrolledCount} of ${plural(policy.customerCount, 'customer', 'customers')} ${policy.enrolledCount === 1 ? 'has' : 'have'} an enrolled phone.`;
  return policy.enabled ? `On. ${enrolled}` : `Off. Customers sign in with their password only.`;
}

/** The grace period's state in one line: who may still postpone, and until when. */
export function graceSummary(policy: PolicyFieldsFragment): string {
  if (policy.enrollmentGraceDays === 0) return 'None: customers must enroll at their first login after two-factor authentication is turned on.';
  const days = `${plural(policy.enrollmentGraceDays, 'day', 'days')} after two-factor authentication is turned on.`;
  if (!policy.enabled || !policy.graceEndsAt) return days;
  if (policy.inGraceCount === 0 && Date.parse(policy.graceEndsAt) <= Date.now()) return `${days} It ended ${formatDateTime(policy.graceEndsAt)}.`;
  return `${days} ${plural(policy.inGraceCount, 'customer', 'customers')} may postpone enrolling until ${formatDateTime(policy.graceEndsAt)}.`;
}
