import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { type Context, readerPortalId } from '../graphql/context';
import { pageSize } from '../graphql/paging';
import { Company, CompanyConnection, Customer, CustomerConnection, TwoFactorStatus } from './customer.types';
import type { CustomerFilter } from './directory.service';

/** The arguments of both customer lists: the portal's (Query.customers) and a company's (Company.customers). */
@ArgsType()
class CustomerListArgs {
  @Field(() => TwoFactorStatus, { nullable: true }) twoFactorStatus?: TwoFactorStatus;
  @Field(() => String, { nullable: true }) search?: string;
  @Field(() => String, { nullable: true }) after?: string;
  @Field(() => Int, { nullable: true }) first?: number;
}

function customerFilter({ first, after, search, twoFactorStatus }: CustomerListArgs): CustomerFilter {
  return { first: pageSize(first), after, search, twoFactorStatus };
}

@Resolver(() => Company)
export class DirectoryResolver {
  @Authorized('PORTAL_READER')
  @Query(() => CompanyConnection)
  async companies(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('search', () => String, { nullable: true }) search?: string,
  ): Promise<CompanyConnection> {
    const portalId = readerPortalId(ctx);
    return ctx.services.reads.directory.companies(portalId, pageSize(first), after, search);
  }

  @Authorized('PORTAL_READER')
  @Query(() => Company, { nullable: true })
  async company(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Company | null> {
    const portalId = readerPortalId(ctx);
    return ctx.services.reads.directory.company(portalId, id);
  }

  @Authorized('PORTAL_READER')
  @Query(() => CustomerConnection)
  async customers(@Ctx() ctx: Context, @Args() args: CustomerListArgs): Promise<CustomerConnection> {
    return ctx.services.reads.directory.customers(readerPortalId(ctx), customerFilter(args));
  }

  @Authorized('PORTAL_READER')
  @Query(() => Customer, { nullable: true })
  async customer(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Customer | null> {
    const portalId = readerPortalId(ctx);
    return ctx.services.reads.directory.customer(portalId, id);
  }

  @Authorized('PORTAL_READER')
  @FieldResolver(() => CustomerConnection, { name: 'customers', description: "The company's contacts." })
  async companyCustomers(@Root() company: Company, @Ctx() ctx: Context, @Args() args: CustomerListArgs): Promise<CustomerConnection> {
    return ctx.services.reads.directory.customers(readerPortalId(ctx), { ...customerFilter(args), companyId: company.id });
  }
}
