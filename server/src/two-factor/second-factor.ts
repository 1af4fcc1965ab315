import type { PortalRow } from '../portals/portal.entity';

/**
 * The second factors a portal may let its customers use. SMS is the factor every customer enrolls
 * first and is always allowed while the policy is on; the others are added beside it. A new factor (a
 * passkey) is a new name here, its own owner table in two-factor/, and its step in sign-in/.
 */
export enum SecondFactor {
  SMS = 'SMS',
  TOTP = 'TOTP',
  /** A WebAuthn credential (two-factor/passkey.store.ts); at sign-in it replaces the code. */
  PASSKEY = 'PASSKEY',
}

const ORDER: readonly SecondFactor[] = [SecondFactor.SMS, SecondFactor.TOTP, SecondFactor.PASSKEY];

/** The stored list (portals.second_factors) as factors; unknown names (a factor since removed) are dropped. */
export function allowedFactors(portal: Pick<PortalRow, 'secondFactors'>): SecondFactor[] {
  const named = new Set((portal.secondFactors ?? '').split(','));
  return ORDER.filter((f) => f === SecondFactor.SMS || named.has(f));
}

export function factorAllowed(portal: Pick<PortalRow, 'secondFactors'>, factor: SecondFactor): boolean {
  return allowedFactors(portal).includes(factor);
}

/** What is stored for an admin's choice: SMS added, duplicates dropped, in one order. */
export function factorsColumn(chosen: readonly SecondFactor[]): string {
  const set = new Set<SecondFactor>([SecondFactor.SMS, ...chosen]);
  return ORDER.filter((f) => set.has(f)).join(',');
}
