import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

/**
 * A WebAuthn authenticator in Node, for the server's tests: a real ES256 key pair (node:crypto), an
 * attestation of format "none" at registration and signed assertions at sign-in, encoded as the
 * browser's JSON (what @simplewebauthn/browser hands the page). The server's library checks the real
 * signature with the public key it was given; nothing of it is mocked. Each ceremony can be bent the
 * way an attacker would bend it: another origin, another RP ID, another challenge, a counter that goes
 * backwards.
 */

const FLAG_USER_PRESENT = 0x01;
const FLAG_USER_VERIFIED = 0x04;
const FLAG_ATTESTED_DATA = 0x40;
const AAGUID_NONE = Buffer.alloc(16);
const COSE_KTY_EC2 = 2;
const COSE_ALG_ES256 = -7;
const COSE_CRV_P256 = 1;

type Cbor = number | string | Buffer | Map<Cbor, Cbor> | { [k: string]: Cbor };

/** The few CBOR shapes WebAuthn needs (RFC 8949): integers, byte and text strings, maps. */
function cbor(v: Cbor): Buffer {
  const head = (major: number, n: number): Buffer => {
    if (n < 24) return Buffer.from([(major << 5) | n]);
    if (n < 0x100) return Buffer.from([(major << 5) | 24, n]);
    if (n < 0x10000) return Buffer.from([(major << 5) | 25, n >> 8, n & 0xff]);
    const b = Buffer.alloc(5);
    b[0] = (major << 5) | 26;
    b.writeUInt32BE(n, 1);
    return b;
  };
  if (typeof v === 'number') return v >= 0 ? head(0, v) : head(1, -1 - v);
  if (typeof v === 'string') return Buffer.concat([head(3, Buffer.byteLength(v)), Buffer.from(v, 'utf8')]);
  if (Buffer.isBuffer(v)) return Buffer.concat([head(2, v.length), v]);
  const entries: Array<[Cbor, Cbor]> = v instanceof Map ? [...v.entries()] : Object.entries(v);
  return Buffer.concat([head(5, entries.length), ...entries.flatMap(([k, val]) => [cbor(k), cbor(val)])]);
}

const sha256 = (b: Buffer | string): Buffer => createHash('sha256').update(b).digest();
const b64u = (b: Buffer): string => b.toString('base64url');

export interface Ceremony {
  /** The page's origin as the browser would put it in clientDataJSON. */
  origin: string;
  /** The RP ID whose hash the authenticator puts in authenticatorData. */
  rpId: string;
  /** Overrides the options' challenge (a replay of another ceremony's). */
  challenge?: string;
  /** Overrides the next signature counter (a cloned authenticator's). */
  counter?: number;
}

export class SoftAuthenticator {
  readonly credentialId: Buffer = randomBytes(32);
  private readonly privateKey: KeyObject;
  private readonly cosePublicKey: Buffer;
  /** The signature counter the next assertion shows (one higher each time, like most security keys). */
  counter = 0;

  constructor() {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.privateKey = privateKey;
    const jwk = publicKey.export({ format: 'jwk' });
    const coordinate = (s: string | undefined): Buffer => Buffer.from(s as string, 'base64url');
    this.cosePublicKey = cbor(
      new Map<Cbor, Cbor>([
        [1, COSE_KTY_EC2],
        [3, COSE_ALG_ES256],
        [-1, COSE_CRV_P256],
        [-2, coordinate(jwk.x)],
        [-3, coordinate(jwk.y)],
      ]),
    );
  }

  get id(): string {
    return b64u(this.credentialId);
  }

  /** navigator.credentials.create's answer to `optionsJson` (startPasskey's), as RegistrationResponseJSON text. */
  register(optionsJson: string, c: Ceremony): string {
    const options = JSON.parse(optionsJson) as { challenge: string };
    const clientData = Buffer.from(JSON.stringify({ type: 'webauthn.create', challenge: c.challenge ?? options.challenge, origin: c.origin, crossOrigin: false }));
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(this.credentialId.length);
    const authData = Buffer.concat([
      sha256(c.rpId),
      Buffer.from([FLAG_USER_PRESENT | FLAG_USER_VERIFIED | FLAG_ATTESTED_DATA]),
      this.counterBytes(this.counter),
      AAGUID_NONE,
      idLength,
      this.credentialId,
      this.cosePublicKey,
    ]);
    const attestationObject = cbor({ fmt: 'none', attStmt: new Map(), authData });
    return JSON.stringify({
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      response: { clientDataJSON: b64u(clientData), attestationObject: b64u(attestationObject), transports: ['internal'] },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    });
  }

  /** navigator.credentials.get's answer to `optionsJson` (the login's passkeyOptions), as AuthenticationResponseJSON text. */
  assert(optionsJson: string, c: Ceremony): string {
    const options = JSON.parse(optionsJson) as { challenge: string };
    this.counter = c.counter ?? this.counter + 1;
    const clientData = Buffer.from(JSON.stringify({ type: 'webauthn.get', challenge: c.challenge ?? options.challenge, origin: c.origin, crossOrigin: false }));
    const authData = Buffer.concat([sha256(c.rpId), Buffer.from([FLAG_USER_PRESENT | FLAG_USER_VERIFIED]), this.counterBytes(this.counter)]);
    // ES256: ECDSA over P-256 with SHA-256, DER-encoded (node's default), over authData ‖ SHA-256(clientDataJSON).
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientData)]), this.privateKey);
    return JSON.stringify({
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      response: { clientDataJSON: b64u(clientData), authenticatorData: b64u(authData), signature: b64u(signature) },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    });
  }

  private counterBytes(n: number): Buffer {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  }
}
