import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../graphql/context';
import { forbidden, notFound } from '../graphql/errors';
import { requireAdmin, requirePortalReader } from '../graphql/guards';
import { Customer } from '../portals/customer.types';
import { ResetTwoFactorInput, TwoFactorPolicy, TwoFactorPolicyInput } from './policy.types';

@Resolver()
export class PolicyResolver {
  @Query(() => TwoFactorPolicy, { description: 'Admins and API keys.' })
  async twoFactorPolicy(@Ctx() ctx: Context): Promise<TwoFactorPolicy> {
    const { portalId } = requirePortalReader(ctx);
    return ctx.services.policy.read(portalId);
  }

  @Mutation(() => TwoFactorPolicy, { description: 'Master Admin of the portal.' })
  async setTwoFactorPolicy(@Arg('input') input: TwoFactorPolicyInput, @Ctx() ctx: Context): Promise<TwoFactorPolicy> {
    const { account } = requireAdmin(ctx);
    const result = await ctx.services.policy.set(account, input.enabled, ctx.ip);
    if (!result.ok) throw forbidden('Only an admin whose profile has the Master Admin option can change this.');
    return result.policy;
  }

  @Mutation(() => Customer, { description: 'Any admin of the portal.' })
  async resetTwoFactor(@Arg('input') input: ResetTwoFactorInput, @Ctx() ctx: Context): Promise<Customer> {
    const { account, portal } = requireAdmin(ctx);
    if (!(await ctx.services.reset.reset(account, input.customerId, ctx.ip))) throw notFound('customer');
    const customer = await ctx.services.directory.customer(portal.id, input.customerId);
    if (!customer) throw notFound('customer');
    return customer;
  }
}
