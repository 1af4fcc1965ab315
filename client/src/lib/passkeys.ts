import { browserSupportsWebAuthn, startAuthentication, startRegistration, WebAuthnError } from '@simplewebauthn/browser';

/**
 * The browser's side of a passkey (WebAuthn), through @simplewebauthn/browser: the server's options in,
 * the browser's answer out, both as the JSON text the GraphQL API carries. The only file that imports it.
 */

/** Why a ceremony gave nothing to send: the person closed the prompt (or it timed out), the authenticator already holds a passkey here, or anything else. */
export type PasskeyRefusal = 'cancelled' | 'already-added' | 'failed';
export type PasskeyCeremony = { readonly ok: true; readonly responseJson: string } | { readonly ok: false; readonly reason: PasskeyRefusal };

export function passkeysSupported(): boolean {
  return browserSupportsWebAuthn();
}

/** navigator.credentials.create with the options of startPasskey. */
export async function createPasskey(optionsJson: string): Promise<PasskeyCeremony> {
  try {
    const response = await startRegistration({ optionsJSON: JSON.parse(optionsJson) });
    return { ok: true, responseJson: JSON.stringify(response) };
  } catch (err) {
    return { ok: false, reason: refusalOf(err) };
  }
}

/** navigator.credentials.get with the options the login answered with (Challenge.passkeyOptions). */
export async function signWithPasskey(optionsJson: string): Promise<PasskeyCeremony> {
  try {
    const response = await startAuthentication({ optionsJSON: JSON.parse(optionsJson) });
    return { ok: true, responseJson: JSON.stringify(response) };
  } catch (err) {
    return { ok: false, reason: refusalOf(err) };
  }
}

function refusalOf(err: unknown): PasskeyRefusal {
  if (err instanceof WebAuthnError && err.code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED') return 'already-added';
  const name = err instanceof Error ? err.name : '';
  return name === 'NotAllowedError' || name === 'AbortError' ? 'cancelled' : 'failed';
}
