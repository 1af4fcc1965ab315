import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';

/** Expected failures of the sign-in steps: data in a result union, not GraphQL errors (CONTRACT §4). */
export enum ErrorCode {
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  RATE_LIMITED = 'RATE_LIMITED',
  INVALID_CODE = 'INVALID_CODE',
  CODE_EXPIRED = 'CODE_EXPIRED',
  TOO_MANY_ATTEMPTS = 'TOO_MANY_ATTEMPTS',
  CHALLENGE_INVALID = 'CHALLENGE_INVALID',
  INVALID_PHONE_NUMBER = 'INVALID_PHONE_NUMBER',
  SMS_DELIVERY_FAILED = 'SMS_DELIVERY_FAILED',
}
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
