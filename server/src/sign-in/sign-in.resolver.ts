import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../graphql/context';
import {
  CodeInput,
  ConfirmCodeResult,
  EnrollPhoneInput,
  EnrollPhoneResult,
  LoginInput,
  LoginResult,
  PostponeEnrollmentInput,
  PostponeEnrollmentResult,
  PasskeyAssertionInput,
  ResendCodeInput,
  ResendCodeResult,
  VerifyOtpResult,
} from './sign-in.types';
import {
  presentConfirmCode,
  presentEnrollPhone,
  presentLogin,
  presentPostponeEnrollment,
  presentResendCode,
  presentUseRecoveryCode,
  presentVerifyOtp,
} from './sign-in.presenter';

/**
 * The sign-in steps. Thin on purpose: input -> service -> presented outcome. A request's existing
 * session plays no part: each step is decided by its challenge token alone.
 */
@Resolver()
export class SignInResolver {
  @Mutation(() => LoginResult)
  async login(@Arg('input') input: LoginInput, @Ctx() ctx: Context): Promise<typeof LoginResult> {
    return presentLogin(ctx, await ctx.services.signIn.login(input, ctx.ip));
  }

  @Mutation(() => EnrollPhoneResult, { description: 'Again on the same challenge: another number.' })
  async enrollPhone(@Arg('input') input: EnrollPhoneInput, @Ctx() ctx: Context): Promise<typeof EnrollPhoneResult> {
    return presentEnrollPhone(await ctx.services.signIn.enrollPhone(input.challengeToken, input.phoneNumber, ctx.ip));
  }

  @Mutation(() => ConfirmCodeResult, { description: 'Enrollment code -> ReloginRequired, no session.' })
  async confirmCode(@Arg('input') input: CodeInput, @Ctx() ctx: Context): Promise<typeof ConfirmCodeResult> {
    return presentConfirmCode(await ctx.services.signIn.confirmCode(input.challengeToken, input.code, ctx.ip));
  }

  @Mutation(() => VerifyOtpResult, { description: 'Login code (the texted one at VERIFY_CODE, the app\'s at VERIFY_TOTP) -> Authenticated + session.' })
  async verifyOtp(@Arg('input') input: CodeInput, @Ctx() ctx: Context): Promise<typeof VerifyOtpResult> {
    return presentVerifyOtp(ctx, await ctx.services.signIn.verifyOtp(input.challengeToken, input.code, ctx.ip));
  }

  @Mutation(() => VerifyOtpResult, { description: 'A recovery code at VERIFY_CODE or VERIFY_TOTP -> Authenticated + session; the code is used up.' })
  async useRecoveryCode(@Arg('input') input: CodeInput, @Ctx() ctx: Context): Promise<typeof VerifyOtpResult> {
    return presentUseRecoveryCode(ctx, await ctx.services.signIn.useRecoveryCode(input.challengeToken, input.code, ctx.ip));
  }

  @Mutation(() => VerifyOtpResult, { description: 'The passkey\'s assertion at VERIFY_PASSKEY -> Authenticated + session. A refused assertion is INVALID_CODE and counts like a wrong code.' })
  async verifyPasskey(@Arg('input') input: PasskeyAssertionInput, @Ctx() ctx: Context): Promise<typeof VerifyOtpResult> {
    return presentVerifyOtp(ctx, await ctx.services.signIn.verifyPasskey(input.challengeToken, input.response, ctx.ip));
  }

  @Mutation(() => ResendCodeResult, { description: 'At VERIFY_TOTP or VERIFY_PASSKEY: "Text me a code instead" (the step becomes VERIFY_CODE).' })
  async resendCode(@Arg('input') input: ResendCodeInput, @Ctx() ctx: Context): Promise<typeof ResendCodeResult> {
    return presentResendCode(await ctx.services.signIn.resendCode(input.challengeToken, ctx.ip));
  }

  @Mutation(() => PostponeEnrollmentResult, {
    description: '"Remind me later" at ENROLL_PHONE or CONFIRM_ENROLLMENT while the portal\'s enrollment grace period runs -> Authenticated + session, with the password alone.',
  })
  async postponeEnrollment(@Arg('input') input: PostponeEnrollmentInput, @Ctx() ctx: Context): Promise<typeof PostponeEnrollmentResult> {
    return presentPostponeEnrollment(ctx, await ctx.services.signIn.postponeEnrollment(input.challengeToken, ctx.ip));
  }

  @Mutation(() => Boolean, { description: 'Ends the session on the server and clears the cookie.' })
  async logout(@Ctx() ctx: Context): Promise<boolean> {
    await ctx.services.sessions.end(ctx.session.token);
    ctx.session.clear();
    return true;
  }
}
