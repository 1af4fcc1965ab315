import {
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import type { Config } from '../config';

/**
 * The relying party: the only file that imports @simplewebauthn/server. Its RP ID is PUBLIC_URL's host
 * and the one origin it accepts is PUBLIC_URL's, so a passkey made on the real site never signs for a
 * look-alike, and an assertion made elsewhere is refused (docs/SECURITY.md, Second factors).
 * Registration asks for no attestation (which authenticator it is is none of our business); both
 * ceremonies prefer user verification and do not require it: the password was the other factor.
 */

/** ES256 and RS256: what every platform authenticator and security key offers. */
const ALGORITHMS = [-7, -257];
/** How long the browser waits for the person to touch their authenticator (a hint to it). */
const CEREMONY_TIMEOUT_MS = 120_000;

export interface RegisteredCredential {
  readonly credentialId: string;
  readonly publicKey: string;
  readonly counter: number;
  readonly transports: string | null;
  readonly deviceType: string;
}

export interface StoredCredential {
  readonly credentialId: string;
  readonly publicKey: string;
  readonly counter: number;
  readonly transports: string | null;
}

export class RelyingParty {
  readonly rpId: string;
  readonly origin: string;

  constructor(config: Pick<Config, 'publicUrl'>) {
    const url = new URL(config.publicUrl);
    this.rpId = url.hostname;
    this.origin = url.origin;
  }

  /** The options the browser's startRegistration takes, as JSON; their challenge is the one to keep. */
  async registrationOptions(
    r: { portalName: string; accountId: string; username: string; displayName: string },
    existing: readonly StoredCredential[],
  ): Promise<{ optionsJson: string; challenge: string }> {
    const options = await generateRegistrationOptions({
      rpName: r.portalName,
      rpID: this.rpId,
      userName: r.username,
      userDisplayName: r.displayName,
      userID: new TextEncoder().encode(r.accountId),
      attestationType: 'none',
      excludeCredentials: existing.map((c) => ({ id: c.credentialId, transports: transportsOf(c.transports) })),
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
      supportedAlgorithmIDs: ALGORITHMS,
      timeout: CEREMONY_TIMEOUT_MS,
    });
    return { optionsJson: JSON.stringify(options), challenge: options.challenge };
  }

  /** The new credential, or null when the response does not answer `challenge` for this RP and origin (or is not a response at all). */
  async verifyRegistration(responseJson: string, challenge: string): Promise<RegisteredCredential | null> {
    const response = parseJson<RegistrationResponseJSON>(responseJson);
    if (!response) return null;
    try {
      const v = await verifyRegistrationResponse({
        response,
        expectedChallenge: challenge,
        expectedOrigin: this.origin,
        expectedRPID: this.rpId,
        requireUserVerification: false,
        supportedAlgorithmIDs: ALGORITHMS,
      });
      if (!v.verified) return null;
      const c = v.registrationInfo.credential;
      return {
        credentialId: c.id,
        publicKey: Buffer.from(c.publicKey).toString('base64url'),
        counter: c.counter,
        transports: c.transports?.length ? c.transports.join(',') : null,
        deviceType: v.registrationInfo.credentialDeviceType,
      };
    } catch {
      // The library throws for every refusal (wrong origin, RP ID, challenge, a malformed attestation).
      return null;
    }
  }

  /** The options the browser's startAuthentication takes: only the account's own credentials are allowed. */
  async authenticationOptions(credentials: readonly StoredCredential[]): Promise<{ optionsJson: string; challenge: string }> {
    const options = await generateAuthenticationOptions({
      rpID: this.rpId,
      allowCredentials: credentials.map((c) => ({ id: c.credentialId, transports: transportsOf(c.transports) })),
      userVerification: 'preferred',
      timeout: CEREMONY_TIMEOUT_MS,
    });
    return { optionsJson: JSON.stringify(options), challenge: options.challenge };
  }

  /** The credential id an assertion names (to find its stored key), or null when it is not an assertion. */
  credentialIdOf(responseJson: string): string | null {
    const response = parseJson<AuthenticationResponseJSON>(responseJson);
    return response && typeof response.id === 'string' && response.id.length <= 255 ? response.id : null;
  }

  /**
   * The assertion's new signature counter when it signs `challenge` for this RP and origin with the
   * stored key; null otherwise. The library also refuses a counter that went backwards (a cloned
   * authenticator); PasskeyStore.advanceCounter then makes that hold under concurrent requests.
   */
  async verifyAssertion(responseJson: string, challenge: string, credential: StoredCredential): Promise<{ newCounter: number } | null> {
    const response = parseJson<AuthenticationResponseJSON>(responseJson);
    if (!response || response.id !== credential.credentialId) return null;
    try {
      const v = await verifyAuthenticationResponse({
        response,
        expectedChallenge: challenge,
        expectedOrigin: this.origin,
        expectedRPID: this.rpId,
        credential: {
          id: credential.credentialId,
          publicKey: new Uint8Array(Buffer.from(credential.publicKey, 'base64url')),
          counter: credential.counter,
          transports: transportsOf(credential.transports),
        },
        requireUserVerification: false,
      });
      return v.verified ? { newCounter: v.authenticationInfo.newCounter } : null;
    } catch {
      return null;
    }
  }
}

function transportsOf(column: string | null): AuthenticatorTransportFuture[] | undefined {
  return column ? (column.split(',') as AuthenticatorTransportFuture[]) : undefined;
}

function parseJson<T>(text: string): T | null {
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' ? (v as T) : null;
  } catch {
    return null;
  }
}
