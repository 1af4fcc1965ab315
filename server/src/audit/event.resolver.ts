import { Arg, Authorized, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { type Context, readerPortalId } from '../graphql/context';
import { pageSize } from '../graphql/paging';
import { TwoFactorEventType } from './event.entity';
import { TwoFactorEventConnection } from './event.types';

@Resolver()
export class EventResolver {
  @Authorized('PORTAL_READER')
  @Query(() => TwoFactorEventConnection, {
    description: 'The 2FA audit trail, oldest first (newestFirst: true for the reverse). Poll with `after` to sync.',
  })
  async twoFactorEvents(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('customerId', () => ID, { nullable: true }) customerId?: string,
    @Arg('types', () => [TwoFactorEventType], { nullable: true }) types?: TwoFactorEventType[],
    @Arg('since', () => Date, { nullable: true }) since?: Date,
    @Arg('until', () => Date, { nullable: true }) until?: Date,
    @Arg('newestFirst', () => Boolean, { nullable: true }) newestFirst?: boolean,
  ): Promise<TwoFactorEventConnection> {
    return ctx.services.reads.eventFeed.list(readerPortalId(ctx), { first: pageSize(first), after, customerId, types, since, until, newestFirst });
  }
}
