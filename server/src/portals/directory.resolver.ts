import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { type Context, readerPortalId } from '../graphql/context';
import { pageSize } from '../graphql/paging';
import { Company, CompanyConnection, Customer, CustomerConnection, TwoFactorStatus } from './customer.types';

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
    return ctx.services.directory.companies(portalId, pageSize(first), after, search);
  }

  @Authorized('PORTAL_READER')
  @Query(() => Company, { nullable: true })
  async company(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Company | null> {
    const portalId = readerPortalId(ctx);
    return ctx.services.directory.company(portalId, id);
  }

  @Authorized('PORTAL_READER')
  @Query(() => CustomerConnection)
  async customers(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('search', () => String, { nullable: true }) search?: string,
    @Arg('twoFactorStatus', () => TwoFactorStatus, { nullable: true }) twoFactorStatus?: TwoFactorStatus,
  ): Promise<CustomerConnection> {
    const portalId = readerPortalId(ctx);
    return ctx.services.directory.customers(portalId, { first: pageSize(first), after, search, twoFactorStatus });
  }

  @Authorized('PORTAL_READER')
  @Query(() => Customer, { nullable: true })
  async customer(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Customer | null> {
    const portalId = readerPortalId(ctx);
    return ctx.services.directory.customer(portalId, id);
  }

  @Authorized('PORTAL_READER')
  @FieldResolver(() => CustomerConnection, { name: 'customers', description: "The company's contacts." })
  async companyCustomers(
    @Root() company: Company,
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('search', () => String, { nullable: true }) search?: string,
    @Arg('twoFactorStatus', () => TwoFactorStatus, { nullable: true }) twoFactorStatus?: TwoFactorStatus,
  ): Promise<CustomerConnection> {
    const portalId = readerPortalId(ctx);
    return ctx.services.directory.customers(portalId, {
      first: pageSize(first),
      after,
      search,
      twoFactorStatus,
      companyId: company.id,
    });
  }
}
