import { MaxLength } from 'class-validator';
import { createUnionType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Passkey } from '../portals/customer.types';
import { Problem } from '../graphql/problem.types';
import { SecondFactor } from './second-factor';

registerEnumType(SecondFactor, {
  name: 'SecondFactor',
  description: 'A second factor: SMS (the enrolled phone, always offered while the policy is on), TOTP (an authenticator app) or PASSKEY (WebAuthn).',
});

@ObjectType({ description: 'A new authenticator app, not counted until confirmAuthenticatorApp. The secret is shown this once.' })
export class AuthenticatorAppSetup {
  @Field({ description: 'Base32, for typing into the app by hand.' }) secret: string;
  @Field({ description: 'otpauth://totp/… with the portal\'s name as issuer; what the QR code holds.' }) otpauthUri: string;
  @Field({ description: 'The QR code of otpauthUri, as an SVG document.' }) qrCodeSvg: string;
}

@ObjectType({ description: 'The signed-in customer\'s factors after a change.' })
export class AccountFactors {
  @Field(() => [SecondFactor]) factors: SecondFactor[];
  @Field(() => Date, { nullable: true }) authenticatorAppAddedAt: Date | null;
  @Field(() => Int) recoveryCodesRemaining: number;
  @Field(() => [Passkey]) passkeys: Passkey[];
}

@ObjectType({ description: 'A passkey registration, open for this session for a few minutes: pass optionsJson to the browser (startRegistration) and its answer to addPasskey.' })
export class PasskeySetup {
  @Field({ description: 'PublicKeyCredentialCreationOptionsJSON, as a JSON string.' }) optionsJson: string;
}

@ObjectType({ description: 'A new set of recovery codes; the old set no longer works. Shown this once.' })
export class RecoveryCodeSet {
  @Field(() => [String]) codes: string[];
}

export const StartAuthenticatorAppResult = createUnionType({ name: 'StartAuthenticatorAppResult', types: () => [AuthenticatorAppSetup, Problem] as const });
export const AccountFactorsResult = createUnionType({ name: 'AccountFactorsResult', types: () => [AccountFactors, Problem] as const });
export const StartPasskeyResult = createUnionType({ name: 'StartPasskeyResult', types: () => [PasskeySetup, Problem] as const });
export const RecoveryCodeSetResult = createUnionType({ name: 'RecoveryCodeSetResult', types: () => [RecoveryCodeSet, Problem] as const });

@InputType()
export class ConfirmAuthenticatorAppInput {
  // Not checked for six digits here: a malformed code is a wrong code and takes an attempt.
  @Field() @MaxLength(20) code: string;
}

/** A WebAuthn response is a few hundred bytes to a few kilobytes (an attestation with certificates is the large end). */
export const MAX_WEBAUTHN_RESPONSE = 16_384;

@InputType()
export class AddPasskeyInput {
  @Field({ description: 'The browser\'s RegistrationResponseJSON (startRegistration\'s answer), as a JSON string.' }) @MaxLength(MAX_WEBAUTHN_RESPONSE) response: string;
}

@InputType()
export class RemovePasskeyInput {
  @Field(() => ID) @MaxLength(64) id: string;
}

@InputType()
export class SecondFactorsInput {
  @Field(() => [SecondFactor], { description: 'SMS is added when missing: it is always offered.' }) factors: SecondFactor[];
}
