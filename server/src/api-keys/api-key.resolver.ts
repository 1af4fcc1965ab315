import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../graphql/context';
import { badInput, forbidden, notFound } from '../graphql/errors';
import { requireAdmin } from '../graphql/guards';
import { ApiKey, ApiKeyCreated, CreateApiKeyInput, RevokeApiKeyInput } from './api-key.types';

/** Keys are a portal-wide power, like the policy: Master Admins only. */
async function requireMasterAdmin(ctx: Context) {
  const signedIn = requireAdmin(ctx);
  if (!(await ctx.services.policy.isMasterAdmin(signedIn.account))) {
    throw forbidden('Only an admin whose profile has the Master Admin option can manage API keys.');
  }
  return signedIn;
}

@Resolver()
export class ApiKeyResolver {
  @Query(() => [ApiKey], { description: 'Master Admin.' })
  async apiKeys(@Ctx() ctx: Context): Promise<ApiKey[]> {
    const { portal } = await requireMasterAdmin(ctx);
    return ctx.services.apiKeys.list(portal.id);
  }

  @Mutation(() => ApiKeyCreated, { description: 'Master Admin. The secret is in the answer and nowhere else.' })
  async createApiKey(@Arg('input') input: CreateApiKeyInput, @Ctx() ctx: Context): Promise<ApiKeyCreated> {
    const { account } = await requireMasterAdmin(ctx);
    const name = input.name.trim();
    if (!name) throw badInput('name must not be blank');
    const { key, secret } = await ctx.services.apiKeys.create(account, name, ctx.ip);
    return { apiKey: key, secret };
  }

  @Mutation(() => ApiKey, { description: 'Master Admin. The key stops working at once.' })
  async revokeApiKey(@Arg('input') input: RevokeApiKeyInput, @Ctx() ctx: Context): Promise<ApiKey> {
    const { account } = await requireMasterAdmin(ctx);
    const key = await ctx.services.apiKeys.revoke(account, input.id, ctx.ip);
    if (!key) throw notFound('API key');
    return key;
  }
}
