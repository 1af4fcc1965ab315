import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { type Context, signedInAdmin } from '../graphql/context';
import { badInput, notFound } from '../graphql/errors';
import { ApiKey, ApiKeyCreated, CreateApiKeyInput, RevokeApiKeyInput } from './api-key.types';

/** Keys are a portal-wide power, like the policy: Master Admins only. */
@Resolver()
export class ApiKeyResolver {
  @Authorized('MASTER_ADMIN')
  @Query(() => [ApiKey], { description: 'Master Admin.' })
  async apiKeys(@Ctx() ctx: Context): Promise<ApiKey[]> {
    const { portal } = signedInAdmin(ctx);
    return ctx.services.apiKeys.list(portal.id);
  }

  @Authorized('MASTER_ADMIN')
  @Mutation(() => ApiKeyCreated, { description: 'Master Admin. The secret is in the answer and nowhere else.' })
  async createApiKey(@Arg('input') input: CreateApiKeyInput, @Ctx() ctx: Context): Promise<ApiKeyCreated> {
    const { account } = signedInAdmin(ctx);
    const name = input.name.trim();
    if (!name) throw badInput('name must not be blank');
    const { key, secret } = await ctx.services.apiKeys.create(account, name, ctx.ip);
    return { apiKey: key, secret };
  }

  @Authorized('MASTER_ADMIN')
  @Mutation(() => ApiKey, { description: 'Master Admin. The key stops working at once.' })
  async revokeApiKey(@Arg('input') input: RevokeApiKeyInput, @Ctx() ctx: Context): Promise<ApiKey> {
    const { account } = signedInAdmin(ctx);
    const key = await ctx.services.apiKeys.revoke(account, input.id, ctx.ip);
    if (!key) throw notFound('API key');
    return key;
  }
}
