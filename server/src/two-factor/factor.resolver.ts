import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { type Context, signedInCustomer } from '../graphql/context';
import { Problem } from '../graphql/problem.types';
import { ErrorCode } from '../sign-in/sign-in-errors';
import type { FactorOwner, FactorResult } from './factors.service';
import { notFound } from '../graphql/errors';
import {
  AccountFactors,
  AddPasskeyInput,
  PasskeySetup,
  RemovePasskeyInput,
  StartPasskeyResult,
  AccountFactorsResult,
  AuthenticatorAppSetup,
  ConfirmAuthenticatorAppInput,
  RecoveryCodeSet,
  RecoveryCodeSetResult,
  StartAuthenticatorAppResult,
} from './factor.types';

const REFUSAL_CODES = {
  not_available: ErrorCode.FACTOR_NOT_AVAILABLE,
  invalid_code: ErrorCode.INVALID_CODE,
  too_many_attempts: ErrorCode.TOO_MANY_ATTEMPTS,
  setup_invalid: ErrorCode.CHALLENGE_INVALID,
} as const;

function owner(ctx: Context): FactorOwner {
  const { account, portal, session } = signedInCustomer(ctx);
  return { account, portal, sessionGeneration: session.twoFactorGeneration, sessionHash: session.tokenHash };
}

function present<T, R>(r: FactorResult<T>, dress: (value: T) => R): R | Problem {
  if (r.ok) return dress(r.value);
  // Not there and not the caller's are one GraphQL error (docs/API.md, Errors: another customer's passkey is `NOT_FOUND`, as a missing one), not a Problem.
  if (r.reason === 'not_found') throw notFound('passkey');
  return Problem.of(REFUSAL_CODES[r.reason], { attemptsRemaining: r.attemptsRemaining });
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
  @Mutation(() => StartPasskeyResult, { description: 'A customer enrolled by SMS, where the portal offers passkeys: the options for the browser\'s WebAuthn registration.' })
  async startPasskey(@Ctx() ctx: Context): Promise<typeof StartPasskeyResult> {
    return present(await ctx.services.passkeys.start(owner(ctx), ctx.ip), (v) => Object.assign(new PasskeySetup(), v));
  }

  @Authorized('CUSTOMER')
  @Mutation(() => AccountFactorsResult, { description: 'The browser\'s answer to startPasskey: from now on the passkey counts. CHALLENGE_INVALID: no open setup for this session; INVALID_CODE: the response was refused.' })
  async addPasskey(@Arg('input') input: AddPasskeyInput, @Ctx() ctx: Context): Promise<typeof AccountFactorsResult> {
    return present(await ctx.services.passkeys.add(owner(ctx), input.response, ctx.ip), (v) => Object.assign(new AccountFactors(), v));
  }

  @Authorized('CUSTOMER')
  @Mutation(() => AccountFactorsResult, { description: 'One of the customer\'s own passkeys; another\'s id is NOT_FOUND.' })
  async removePasskey(@Arg('input') input: RemovePasskeyInput, @Ctx() ctx: Context): Promise<typeof AccountFactorsResult> {
    return present(await ctx.services.passkeys.remove(owner(ctx), input.id, ctx.ip), (v) => Object.assign(new AccountFactors(), v));
  }

  @Authorized('CUSTOMER')
  @Mutation(() => RecoveryCodeSetResult, { description: 'A new set of 10 recovery codes; the old set stops working.' })
  async newRecoveryCodes(@Ctx() ctx: Context): Promise<typeof RecoveryCodeSetResult> {
    return present(await ctx.services.factors.newRecoveryCodes(owner(ctx), ctx.ip), (codes) => Object.assign(new RecoveryCodeSet(), { codes }));
  }
}
