import { Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../graphql/context';
import { Viewer } from './viewer.types';

@Resolver()
export class ViewerResolver {
  @Query(() => Viewer, { nullable: true, description: 'null when signed out' })
  async viewer(@Ctx() ctx: Context): Promise<Viewer | null> {
    if (ctx.caller.kind !== 'account') return null;
    const { account, portal, profile } = ctx.caller.signedIn;
    return ctx.services.viewers.present(account, portal, profile);
  }
}
