import type { Context } from '../graphql/context';
import { Problem } from '../graphql/problem.types';
import { RELOGIN_MESSAGE } from './sign-in.service';
import {
  Authenticated,
  Challenge,
  CodeRequired,
  CodeSent,
  EnrollmentRequired,
  ReloginRequired,
  type ConfirmCodeResult,
  type EnrollPhoneResult,
  type LoginResult,
  type PostponeEnrollmentResult,
  type ResendCodeResult,
  type VerifyOtpResult,
} from './sign-in.types';
import type * as O from './sign-in.outcome';

/** Dresses each step's outcome as exactly the members of that step's GraphQL result union. */

function challenge(v: O.ChallengeView): Challenge {
  return Object.assign(new Challenge(), v);
}

function problem(p: O.StepProblem): Problem {
  return Problem.of(p.code, p);
}

function codeSent(o: O.CodeSent): CodeSent {
  return Object.assign(new CodeSent(), { challenge: challenge(o.challenge) });
}

/** A session was made: the cookie goes out with the answer. */
async function authenticated(ctx: Context, o: O.Authenticated): Promise<Authenticated> {
  ctx.session.issue(o.sessionToken);
  const a = new Authenticated();
  a.viewer = await ctx.services.viewers.present(o.account, o.portal);
  return a;
}

export async function presentLogin(ctx: Context, o: O.LoginOutcome): Promise<typeof LoginResult> {
  switch (o.kind) {
    case 'authenticated':
      return authenticated(ctx, o);
    case 'enrollment_required':
      return Object.assign(new EnrollmentRequired(), {
        challenge: challenge(o.challenge),
        graceEndsAt: o.grace?.endsAt ?? null,
        graceDaysLeft: o.grace?.daysLeft ?? null,
      });
    case 'code_required':
      return Object.assign(new CodeRequired(), { challenge: challenge(o.challenge) });
    case 'problem':
      return problem(o);
  }
}

export function presentEnrollPhone(o: O.EnrollPhoneOutcome): typeof EnrollPhoneResult {
  return o.kind === 'code_sent' ? codeSent(o) : problem(o);
}

export function presentConfirmCode(o: O.ConfirmCodeOutcome): typeof ConfirmCodeResult {
  return o.kind === 'relogin_required' ? Object.assign(new ReloginRequired(), { message: RELOGIN_MESSAGE, recoveryCodes: o.recoveryCodes }) : problem(o);
}

export async function presentVerifyOtp(ctx: Context, o: O.VerifyOtpOutcome): Promise<typeof VerifyOtpResult> {
  return o.kind === 'authenticated' ? authenticated(ctx, o) : problem(o);
}

export async function presentUseRecoveryCode(ctx: Context, o: O.UseRecoveryCodeOutcome): Promise<typeof VerifyOtpResult> {
  return o.kind === 'authenticated' ? authenticated(ctx, o) : problem(o);
}

export async function presentPostponeEnrollment(ctx: Context, o: O.PostponeEnrollmentOutcome): Promise<typeof PostponeEnrollmentResult> {
  return o.kind === 'authenticated' ? authenticated(ctx, o) : problem(o);
}

export function presentResendCode(o: O.ResendCodeOutcome): typeof ResendCodeResult {
  return o.kind === 'code_sent' ? codeSent(o) : problem(o);
}
