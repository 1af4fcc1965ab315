import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../graphql/context';
import {
  CodeInput,
  ConfirmCodeResult,
  EnrollPhoneInput,
  EnrollPhoneResult,
  LoginInput,
  LoginResult,
  ResendCodeInput,
  ResendCodeResult,
  VerifyOtpResult,
} from './login.types';
import { presentOutcome } from './sign-in.presenter';

/**
 * The sign-in steps. Thin on purpose: input -> service -> presented outcome. A request's existing
 * session plays no part: each step is decided by its challenge token alone.
 */
@Resolver()
export class LoginResolver {
  @Mutation(() => LoginResult)
  async login(@Arg('input') input: LoginInput, @Ctx() ctx: Context): Promise<typeof LoginResult> {
    const outcome = await ctx.services.signIn.login(input, ctx.ip);
    return presentOutcome(ctx, outcome) as Promise<typeof LoginResult>;
  }

  @Mutation(() => EnrollPhoneResult, { description: 'Again on the same challenge: another number.' })
  async enrollPhone(@Arg('input') input: EnrollPhoneInput, @Ctx() ctx: Context): Promise<typeof EnrollPhoneResult> {
    const outcome = await ctx.services.challenges.enrollPhone(input.challengeToken, input.phoneNumber, ctx.ip);
    return presentOutcome(ctx, outcome) as Promise<typeof EnrollPhoneResult>;
  }

  @Mutation(() => ConfirmCodeResult, { description: 'Enrollment code -> ReloginRequired, no session.' })
  async confirmCode(@Arg('input') input: CodeInput, @Ctx() ctx: Context): Promise<typeof ConfirmCodeResult> {
    const outcome = await ctx.services.challenges.confirmCode(input.challengeToken, input.code, ctx.ip);
    return presentOutcome(ctx, outcome) as Promise<typeof ConfirmCodeResult>;
  }

  @Mutation(() => VerifyOtpResult, { description: 'Login code -> Authenticated + session.' })
  async verifyOtp(@Arg('input') input: CodeInput, @Ctx() ctx: Context): Promise<typeof VerifyOtpResult> {
    const outcome = await ctx.services.challenges.verifyOtp(input.challengeToken, input.code, ctx.ip);
    return presentOutcome(ctx, outcome) as Promise<typeof VerifyOtpResult>;
  }

  @Mutation(() => ResendCodeResult)
  async resendCode(@Arg('input') input: ResendCodeInput, @Ctx() ctx: Context): Promise<typeof ResendCodeResult> {
    const outcome = await ctx.services.challenges.resendCode(input.challengeToken, ctx.ip);
    return presentOutcome(ctx, outcome) as Promise<typeof ResendCodeResult>;
  }

  @Mutation(() => Boolean, { description: 'Ends the session on the server and clears the cookie.' })
  async logout(@Ctx() ctx: Context): Promise<boolean> {
    await ctx.services.sessions.end(ctx.services.cookie.read(ctx.req));
    ctx.services.cookie.clear(ctx.res);
    return true;
  }
}
