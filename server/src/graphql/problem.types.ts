import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ErrorCode } from '../sign-in/sign-in-errors';

// The sign-in's expected failures are a domain enum; here they only become the GraphQL `ErrorCode`.
registerEnumType(ErrorCode, { name: 'ErrorCode' });

const MESSAGES: Record<ErrorCode, string> = {
  INVALID_CREDENTIALS: 'The username or password is not right.',
  RATE_LIMITED: 'Too many tries. Wait a while and try again.',
  INVALID_CODE: 'That code is not right.',
  CODE_EXPIRED: 'That code has expired. Ask for a new one.',
  TOO_MANY_ATTEMPTS: 'Too many wrong codes. Sign in again.',
  CHALLENGE_INVALID: 'This sign-in has ended. Sign in again.',
  INVALID_PHONE_NUMBER: 'Enter a mobile number from a country this portal accepts.',
  SMS_DELIVERY_FAILED: 'The text message could not be sent. Try again in a moment.',
  FACTOR_NOT_AVAILABLE: 'This is not available for your account right now.',
  GRACE_PERIOD_ENDED: 'The time to set up two-factor later has ended. Set it up now.',
};

@ObjectType()
export class Problem {
  @Field(() => ErrorCode)
  code: ErrorCode;

  @Field()
  message: string;

  @Field(() => Int, { nullable: true })
  attemptsRemaining?: number | null;

  @Field(() => Int, { nullable: true })
  retryAfterSeconds?: number | null;

  static of(code: ErrorCode, extra: { attemptsRemaining?: number; retryAfterSeconds?: number; message?: string } = {}): Problem {
    const p = new Problem();
    p.code = code;
    p.message = extra.message ?? MESSAGES[code];
    p.attemptsRemaining = extra.attemptsRemaining ?? null;
    p.retryAfterSeconds = extra.retryAfterSeconds ?? null;
    return p;
  }
}
