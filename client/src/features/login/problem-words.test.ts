import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, type GraphQLEnumType } from 'graphql';
import type { ErrorCode } from '../../gql/graphql';
import { describeProblem, type ProblemStep } from './problem-words';

const schema = buildSchema(readFileSync(join(__dirname, '..', '..', '..', '..', 'schema.graphql'), 'utf8'));
const CODES = (schema.getType('ErrorCode') as GraphQLEnumType).getValues().map((v) => v.name as ErrorCode);
const STEPS: ProblemStep[] = ['password', 'enroll', 'code', 'resend'];
const p = (code: ErrorCode, extra: Partial<{ attemptsRemaining: number; retryAfterSeconds: number }> = {}) => ({
  code,
  message: 'server words',
  attemptsRemaining: null,
  retryAfterSeconds: null,
  ...extra,
});

describe('the words for each ErrorCode', () => {
  it('knows every code in the schema (none falls through to the generic words)', () => {
    expect(CODES.length).toBeGreaterThanOrEqual(8);
    for (const code of CODES) {
      for (const step of STEPS) {
        const view = describeProblem(p(code), step);
        expect(view.title).not.toBe('Something went wrong.');
        expect(view.detail.length).toBeGreaterThan(20);
      }
    }
  });

  it('gives every code its own words', () => {
    const titles = new Set(CODES.map((code) => describeProblem(p(code), 'code').title));
    expect(titles.size).toBe(CODES.length);
  });

  it('never shows the server message for a known code (the client owns the words)', () => {
    for (const code of CODES) expect(describeProblem(p(code), 'password').detail).not.toContain('server words');
  });

  it('says how long on RATE_LIMITED, rounded up', () => {
    expect(describeProblem(p('RATE_LIMITED', { retryAfterSeconds: 45 }), 'password').detail).toContain('Try again in 45 seconds.');
    expect(describeProblem(p('RATE_LIMITED', { retryAfterSeconds: 61 }), 'password').detail).toContain('Try again in 2 minutes.');
    expect(describeProblem(p('RATE_LIMITED', { retryAfterSeconds: 900 }), 'code').detail).toContain('in 15 minutes');
    expect(describeProblem(p('RATE_LIMITED', { retryAfterSeconds: 1 }), 'resend').detail).toContain('in 1 second.');
    expect(describeProblem(p('RATE_LIMITED'), 'enroll').detail).toContain('in a few minutes');
    expect(describeProblem(p('RATE_LIMITED', { retryAfterSeconds: 30 }), 'password').wayForward).toBe('wait');
  });

  it('says an administrator must reset two-factor when a lock has no end (wrong codes in a row)', () => {
    for (const step of ['password', 'code'] as const) {
      const view = describeProblem(p('RATE_LIMITED'), step);
      expect(view.title).toBe('This account is locked.');
      expect(view.detail).toContain('ask an administrator of this portal to reset your two-factor authentication');
      expect(view.detail).not.toContain('Try again');
    }
  });

  it('says what to try on SMS_DELIVERY_FAILED at each step', () => {
    expect(describeProblem(p('SMS_DELIVERY_FAILED'), 'enroll').detail).toMatch(/Check that the number is right.*try another mobile number/);
    expect(describeProblem(p('SMS_DELIVERY_FAILED'), 'resend').detail).toMatch(/Send a new code/);
    expect(describeProblem(p('SMS_DELIVERY_FAILED'), 'password').detail).toMatch(/sign in again.*reset/);
    for (const step of STEPS) expect(describeProblem(p('SMS_DELIVERY_FAILED'), step).detail).toMatch(/nothing was used up/i);
  });

  it('sends TOO_MANY_ATTEMPTS and CHALLENGE_INVALID back to the password', () => {
    for (const step of STEPS) {
      expect(describeProblem(p('TOO_MANY_ATTEMPTS'), step).wayForward).toBe('sign-in-again');
      expect(describeProblem(p('CHALLENGE_INVALID'), step).wayForward).toBe('sign-in-again');
    }
  });

  it('counts the tries left on INVALID_CODE', () => {
    expect(describeProblem(p('INVALID_CODE', { attemptsRemaining: 4 }), 'code').detail).toContain('You have 4 tries left.');
    expect(describeProblem(p('INVALID_CODE', { attemptsRemaining: 1 }), 'code').detail).toContain('You have 1 try left; after that you will need to sign in again.');
    const last = describeProblem(p('INVALID_CODE', { attemptsRemaining: 0 }), 'code');
    expect(last.wayForward).toBe('sign-in-again');
    expect(last.title).toContain('the last try');
  });

  it('asks for a new code on CODE_EXPIRED', () => {
    const view = describeProblem(p('CODE_EXPIRED'), 'code');
    expect(view.wayForward).toBe('new-code');
    expect(view.detail).toContain('Send a new code');
  });

  it('falls back to the server’s words and a fresh start for a code this build does not know', () => {
    const view = describeProblem({ ...p('RATE_LIMITED'), code: 'SOMETHING_NEW' as ErrorCode }, 'code');
    expect(view.title).toBe('Something went wrong.');
    expect(view.detail).toContain('server words');
    expect(view.wayForward).toBe('sign-in-again');
  });
});
