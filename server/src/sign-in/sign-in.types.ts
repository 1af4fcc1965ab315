import { MaxLength } from 'class-validator';
import { createUnionType, Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Problem } from '../graphql/problem.types';
import { Viewer } from '../auth/viewer.types';
import { ChallengeStep } from './challenge-step';

registerEnumType(ChallengeStep, { name: 'ChallengeStep' });

@ObjectType()
export class Challenge {
  @Field({ description: 'Opaque; only for the next step of this sign-in.' })
  token: string;

  @Field(() => ChallengeStep)
  step: ChallengeStep;

  @Field()
  expiresAt: Date;

  @Field(() => String, { nullable: true, description: 'e.g. "+1 •••-•••-2671", once a code was sent' })
  maskedPhone: string | null;

  @Field(() => Date, { nullable: true })
  resendAvailableAt: Date | null;

  @Field(() => Int, { nullable: true })
  attemptsRemaining: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'At VERIFY_PASSKEY, in the login\'s answer: PublicKeyCredentialRequestOptionsJSON (a JSON string) for the browser\'s startAuthentication; its answer goes to verifyPasskey.',
  })
  passkeyOptions: string | null;
}

@ObjectType({ description: 'Signed in; the session cookie comes with it.' })
export class Authenticated {
  @Field(() => Viewer)
  viewer: Viewer;
}

@ObjectType({ description: 'Step ENROLL_PHONE, nothing sent yet.' })
export class EnrollmentRequired {
  @Field(() => Challenge)
  challenge: Challenge;

  @Field(() => Date, {
    nullable: true,
    description: 'Set while the portal\'s enrollment grace period runs: "Remind me later" (postponeEnrollment) is offered until then.',
  })
  graceEndsAt: Date | null;

  @Field(() => Int, { nullable: true, description: 'Whole days left of the grace period, rounded up ("Remind me later (N days left)").' })
  graceDaysLeft: number | null;
}

@ObjectType({ description: 'Step VERIFY_CODE, a code was sent to the enrolled phone; or step VERIFY_TOTP, the authenticator app\'s code is asked and nothing was sent; or step VERIFY_PASSKEY, a passkey is asked (passkeyOptions) and nothing was sent.' })
export class CodeRequired {
  @Field(() => Challenge)
  challenge: Challenge;
}

@ObjectType()
export class CodeSent {
  @Field(() => Challenge)
  challenge: Challenge;
}

@ObjectType({ description: 'Enrollment confirmed; sign in again.' })
export class ReloginRequired {
  @Field()
  message: string;

  @Field(() => [String], { description: 'The enrollment\'s 10 single-use recovery codes. Shown this once: only keyed hashes are stored.' })
  recoveryCodes: string[];
}

export const LoginResult = createUnionType({
  name: 'LoginResult',
  types: () => [Authenticated, EnrollmentRequired, CodeRequired, Problem] as const,
});
export const EnrollPhoneResult = createUnionType({ name: 'EnrollPhoneResult', types: () => [CodeSent, Problem] as const });
export const ConfirmCodeResult = createUnionType({
  name: 'ConfirmCodeResult',
  types: () => [ReloginRequired, Problem] as const,
});
export const VerifyOtpResult = createUnionType({ name: 'VerifyOtpResult', types: () => [Authenticated, Problem] as const });
export const ResendCodeResult = createUnionType({ name: 'ResendCodeResult', types: () => [CodeSent, Problem] as const });
export const PostponeEnrollmentResult = createUnionType({ name: 'PostponeEnrollmentResult', types: () => [Authenticated, Problem] as const });

// Generous caps: long enough for any real value, short enough that a request cannot carry megabytes.
const MAX_NAME = 200;
const MAX_PASSWORD_CHARS = 4096;
const MAX_TOKEN = 200;
const MAX_PHONE = 40;
const MAX_CODE = 20;

@InputType()
export class LoginInput {
  @Field() @MaxLength(MAX_NAME) portal: string;
  @Field() @MaxLength(MAX_NAME) username: string;
  // The byte cap (1024) is applied by the login service, which answers it like a wrong password.
  @Field() @MaxLength(MAX_PASSWORD_CHARS) password: string;
}

@InputType()
export class EnrollPhoneInput {
  @Field() @MaxLength(MAX_TOKEN) challengeToken: string;
  @Field() @MaxLength(MAX_PHONE) phoneNumber: string;
}

@InputType()
export class CodeInput {
  @Field() @MaxLength(MAX_TOKEN) challengeToken: string;
  // Not checked for six digits here: a malformed code is a wrong code and counts, or malformed guesses would be free.
  @Field() @MaxLength(MAX_CODE) code: string;
}

// A WebAuthn assertion is a few hundred bytes; the cap leaves room for large user handles and extensions.
const MAX_ASSERTION = 8192;

@InputType()
export class PasskeyAssertionInput {
  @Field() @MaxLength(MAX_TOKEN) challengeToken: string;
  @Field({ description: 'The browser\'s AuthenticationResponseJSON (startAuthentication\'s answer), as a JSON string.' }) @MaxLength(MAX_ASSERTION) response: string;
}

@InputType()
export class ResendCodeInput {
  @Field() @MaxLength(MAX_TOKEN) challengeToken: string;
}

@InputType()
export class PostponeEnrollmentInput {
  @Field() @MaxLength(MAX_TOKEN) challengeToken: string;
}
