import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { type Context, signedInCustomer } from '../graphql/context';
import { Problem } from '../graphql/problem.types';
import { ErrorCode } from '../sign-in/sign-in-errors';
import type { FactorOwner, FactorResult } from './factors.service';
import {
  AccountFactors,
  AccountFactorsResult,
  AuthenticatorAppSetup,
  ConfirmAuthenticatorAppInput,
  RecoveryCodeSet,
  RecoveryCodeSetResult,
  StartAuthenticatorAppResult,
} from './factor.types';

const REFUSAL_CODES = { not_available: ErrorCode.FACTOR_NOT_AVAILABLE, invalid_code: ErrorCode.INVALID_CODE, too_many_attempts: ErrorCode.TOO_MANY_ATTEMPTS } as const;

function owner(ctx: Context): FactorOwner {
  const { account, portal, session } = signedInCustomer(ctx);
  return { account, portal, sessionGeneration: session.twoFactorGeneration };
}

function present<T, R>(r: FactorResult<T>, dress: (value: T) => R): R | Problem {
  return r.ok ? dress(r.value) : Problem.of(REFUSAL_CODES[r.reason], { attemptsRemaining: r.attemptsRemaining });
}

/** The account page's changes of the signed-in customer's own factors. Thin: input -> FactorService -> result. */
@Resolver()
export class FactorResolver {
  @Authorized('CUSTOMER')
  @Mutation(() => StartAuthenticatorAppResult, { description: 'A customer enrolled by SMS: a new app setup (replaces one not yet confirmed).' })
  async startAuthenticatorApp(@Ctx() ctx: Context): Promise<typeof StartAuthenticatorAppResult> {
    return present(await ctx.services.factors.startApp(owner(ctx), ctx.ip), (v) => Object.assign(new AuthenticatorAppSetup(), v));
  }

  @Authorized('CUSTOMER')
  @Mutation(() => AccountFactorsResult, { description: 'The app\'s first code: from now on the app counts.' })
  async confirmAuthenticatorApp(@Arg('input') input: ConfirmAuthenticatorAppInput, @Ctx() ctx: Context): Promise<typeof AccountFactorsResult> {
    return present(await ctx.services.factors.confirmApp(owner(ctx), input.code, ctx.ip), (v) => Object.assign(new AccountFactors(), v));
  }

  @Authorized('CUSTOMER')
  @Mutation(() => AccountFactorsResult)
  async removeAuthenticatorApp(@Ctx() ctx: Context): Promise<typeof AccountFactorsResult> {
    return present(await ctx.services.factors.removeApp(owner(ctx), ctx.ip), (v) => Object.assign(new AccountFactors(), v));
  }

  @Authorized('CUSTOMER')
  @Mutation(() => RecoveryCodeSetResult, { description: 'A new set of 10 recovery codes; the old set stops working.' })
  async newRecoveryCodes(@Ctx() ctx: Context): Promise<typeof RecoveryCodeSetResult> {
    return present(await ctx.services.factors.newRecoveryCodes(owner(ctx), ctx.ip), (codes) => Object.assign(new RecoveryCodeSet(), { codes }));
  }
}
