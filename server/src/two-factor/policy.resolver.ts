import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { type Context, readerPortalId, signedInAdmin } from '../graphql/context';
import { badInput, notFound } from '../graphql/errors';
import { MAX_GRACE_DAYS } from '../portals/enrollment-grace';
import { Customer } from '../portals/customer.types';
import { ResetTwoFactorInput, TwoFactorPolicy, TwoFactorPolicyInput } from './policy.types';
import { SecondFactorsInput } from './factor.types';

@Resolver()
export class PolicyResolver {
  @Authorized('PORTAL_READER')
  @Query(() => TwoFactorPolicy, { description: 'Admins and API keys.' })
  async twoFactorPolicy(@Ctx() ctx: Context): Promise<TwoFactorPolicy> {
    return ctx.services.policy.read(readerPortalId(ctx));
  }

  @Authorized('MASTER_ADMIN')
  @Mutation(() => TwoFactorPolicy, { description: 'Master Admin of the portal.' })
  async setTwoFactorPolicy(@Arg('input') input: TwoFactorPolicyInput, @Ctx() ctx: Context): Promise<TwoFactorPolicy> {
    const { account } = signedInAdmin(ctx);
    return input.enabled ? ctx.services.policy.enable(account, ctx.ip) : ctx.services.policy.disable(account, ctx.ip);
  }

  @Authorized('MASTER_ADMIN')
  @Mutation(() => TwoFactorPolicy, { description: 'Master Admin of the portal: which second factors customers may use.' })
  async setSecondFactors(@Arg('input') input: SecondFactorsInput, @Ctx() ctx: Context): Promise<TwoFactorPolicy> {
    const { account } = signedInAdmin(ctx);
    return ctx.services.policy.setFactors(account, input.factors, ctx.ip);
  }

  @Authorized('MASTER_ADMIN')
  @Mutation(() => TwoFactorPolicy, { description: `Master Admin of the portal: customers may postpone enrolling for up to this many days (0-${MAX_GRACE_DAYS}) after the policy is turned on.` })
  async setEnrollmentGraceDays(@Arg('days', () => Int) days: number, @Ctx() ctx: Context): Promise<TwoFactorPolicy> {
    const { account } = signedInAdmin(ctx);
    if (!Number.isInteger(days) || days < 0 || days > MAX_GRACE_DAYS) throw badInput(`days must be a whole number from 0 to ${MAX_GRACE_DAYS}.`);
    return ctx.services.policy.setGraceDays(account, days, ctx.ip);
  }

  @Authorized('ADMIN')
  @Mutation(() => Customer, { description: 'Any admin of the portal.' })
  async resetTwoFactor(@Arg('input') input: ResetTwoFactorInput, @Ctx() ctx: Context): Promise<Customer> {
    const { account, portal } = signedInAdmin(ctx);
    if (!(await ctx.services.reset.reset(account, input.customerId, ctx.ip))) throw notFound('customer');
    const customer = await ctx.services.directory.customer(portal.id, input.customerId);
    if (!customer) throw notFound('customer');
    return customer;
  }
}
