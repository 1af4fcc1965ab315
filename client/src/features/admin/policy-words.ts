import type { PolicyFieldsFragment } from '../../gql/graphql';
import { plural } from '../../lib/format';

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
  const who =
    ready === 0
      ? `All ${plural(total, 'customer', 'customers')} must enroll a mobile phone at their next login.`
      : `${mustEnroll} of ${plural(total, 'customer', 'customers')} must enroll a mobile phone at their next login; ${ready} already ${ready === 1 ? 'has' : 'have'} an enrolled phone and will be asked for a code.`;
  return [who, 'Customers who are signed in now without a code will be signed out.'];
}

/** One line for the current state. */
export function policySummary(policy: PolicyFieldsFragment): string {
  const enrolled = `${policy.enrolledCount} of ${plural(policy.customerCount, 'customer', 'customers')} ${policy.enrolledCount === 1 ? 'has' : 'have'} an enrolled phone.`;
  return policy.enabled ? `On. ${enrolled}` : `Off. Customers sign in with their password only.`;
}
