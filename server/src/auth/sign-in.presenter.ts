import type { Context } from '../graphql/context';
import { Problem } from '../graphql/problem.types';
import { RELOGIN_MESSAGE } from '../two-factor/challenge.service';
import { Authenticated, Challenge, CodeRequired, CodeSent, EnrollmentRequired, ReloginRequired } from './login.types';
import type { ChallengeView, SignInOutcome } from './sign-in.outcome';

type Presented = Authenticated | EnrollmentRequired | CodeRequired | CodeSent | ReloginRequired | Problem;

function challenge(v: ChallengeView): Challenge {
  return Object.assign(new Challenge(), v);
}

/** Dresses a sign-in outcome as its GraphQL union member; an `authenticated` one also sets the cookie. */
export async function presentOutcome(ctx: Context, outcome: SignInOutcome): Promise<Presented> {
  switch (outcome.kind) {
    case 'authenticated': {
      ctx.services.cookie.set(ctx.res, outcome.sessionToken);
      const a = new Authenticated();
      a.viewer = await ctx.services.viewers.present(outcome.account, outcome.portal);
      return a;
    }
    case 'enrollment_required':
      return Object.assign(new EnrollmentRequired(), { challenge: challenge(outcome.challenge) });
    case 'code_required':
      return Object.assign(new CodeRequired(), { challenge: challenge(outcome.challenge) });
    case 'code_sent':
      return Object.assign(new CodeSent(), { challenge: challenge(outcome.challenge) });
    case 'relogin_required':
      return Object.assign(new ReloginRequired(), { message: RELOGIN_MESSAGE });
    case 'problem':
      return Problem.of(outcome.code, outcome);
  }
}
