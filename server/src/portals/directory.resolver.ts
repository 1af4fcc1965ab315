import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../graphql/context';
import { requirePortalReader } from '../graphql/guards';
import { pageSize } from '../graphql/paging';
import { Company, CompanyConnection, Customer, CustomerConnection, TwoFactorStatus } from './customer.types';

@Resolver(() => Company)
export class DirectoryResolver {
  @Query(() => CompanyConnection)
  async companies(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('search', () => String, { nullable: true }) search?: string,
  ): Promise<CompanyConnection> {
    const { portalId } = requirePortalReader(ctx);
    return ctx.services.directory.companies(portalId, pageSize(first), after, search);
  }

  @Query(() => Company, { nullable: true })
  async company(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Company | null> {
    const { portalId } = requirePortalReader(ctx);
    return ctx.services.directory.company(portalId, id);
  }

  @Query(() => CustomerConnection)
  async customers(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('search', () => String, { nullable: true }) search?: string,
    @Arg('twoFactorStatus', () => TwoFactorStatus, { nullable: true }) twoFactorStatus?: TwoFactorStatus,
  ): Promise<CustomerConnection> {
    const { portalId } = requirePortalReader(ctx);
    return ctx.services.directory.customers(portalId, { first: pageSize(first), after, search, twoFactorStatus });
  }

  @Query(() => Customer, { nullable: true })
  async customer(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Customer | null> {
    const { portalId } = requirePortalReader(ctx);
    return ctx.services.directory.customer(portalId, id);
  }

  @FieldResolver(() => CustomerConnection, { name: 'customers', description: "The company's contacts." })
  async companyCustomers(
    @Root() company: Company,
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('search', () => String, { nullable: true }) search?: string,
    @Arg('twoFactorStatus', () => TwoFactorStatus, { nullable: true }) twoFactorStatus?: TwoFactorStatus,
  ): Promise<CustomerConnection> {
    const { portalId } = requirePortalReader(ctx);
    return ctx.services.directory.customers(portalId, {
      first: pageSize(first),
      after,
      search,
      twoFactorStatus,
      companyId: company.id,
    });
  }
}
