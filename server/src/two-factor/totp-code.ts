import { timingSafeEqual } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

/** RFC 6238 as every authenticator app reads it by default: SHA-1, 6 digits, 30-second steps. */
export const TOTP_PERIOD_SECONDS = 30;
const DIGITS = 6;
/** Steps of drift accepted each way (docs/SECURITY.md, Second factors): a phone's clock a little off. */
const DRIFT_STEPS = 1;
const SECRET_BYTES = 20;

function totpOf(secretBase32: string, issuer = '', label = ''): TOTP {
  return new TOTP({ issuer, label, algorithm: 'SHA1', digits: DIGITS, period: TOTP_PERIOD_SECONDS, secret: Secret.fromBase32(secretBase32) });
}

/** A new shared secret from the CSPRNG, base32 (what manual entry in an app expects). */
export function newTotpSecret(): string {
  return new Secret({ size: SECRET_BYTES }).base32;
}

/** The otpauth:// URI of the QR code: the portal's name as issuer, the username as the account label. */
export function otpauthUri(secretBase32: string, issuer: string, label: string): string {
  return totpOf(secretBase32, issuer, label).toString();
}

export function totpStepAt(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

/**
 * The time step whose code `typed` is, within the drift either side of `now`, or null. Every step in
 * the window is computed and compared in constant time, so the time does not say which one matched.
 * The caller still has to claim the step (one use: totp.store.ts `claimStep`).
 */
export function matchingStep(secretBase32: string, typed: string, now: Date): number | null {
  const current = totpStepAt(now);
  const totp = totpOf(secretBase32);
  const given = Buffer.from(/^[0-9]{6}$/.test(typed) ? typed : '------');
  let found: number | null = null;
  for (let step = current - DRIFT_STEPS; step <= current + DRIFT_STEPS; step++) {
    const expected = Buffer.from(totp.generate({ timestamp: step * TOTP_PERIOD_SECONDS * 1000 }));
    if (timingSafeEqual(expected, given) && found === null) found = step;
  }
  return /^[0-9]{6}$/.test(typed) ? found : null;
}

/** The code of `step` (tests compute what an app would show; the server only compares). */
export function totpCodeAt(secretBase32: string, at: Date): string {
  return totpOf(secretBase32).generate({ timestamp: at.getTime() });
}
