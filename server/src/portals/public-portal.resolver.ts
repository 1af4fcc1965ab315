import { Arg, Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../graphql/context';
import { hasRefusedIdentifierCharacter, identityKey } from '../lib/identity-key';
import { PortalRow, smsCountryList } from './portal.entity';

@ObjectType({ description: "What a portal's login page shows before anyone signs in: its name and the countries its SMS reach." })
export class PublicPortal {
  @Field() slug: string;
  @Field() name: string;
  @Field(() => [String], { nullable: true, description: 'ISO codes of the countries phone numbers may come from; the first reads numbers typed without +. null: all.' })
  smsCountries: string[] | null;
}

/**
 * Public on purpose: a portal's slug is in its URL and its name is its branding. It says nothing
 * about any account, so it keeps the sign-in answers' "one answer for every failure" intact.
 */
@Resolver()
export class PublicPortalResolver {
  @Query(() => PublicPortal, { nullable: true, description: 'Anyone; null for an unknown slug.' })
  async portal(@Arg('slug', () => String) slug: string, @Ctx() ctx: Context): Promise<PublicPortal | null> {
    if (slug.length > 64 || hasRefusedIdentifierCharacter(slug)) return null;
    // The sign-in's own key, so the login page names the portal that login would use, and no other.
    const row = await ctx.services.ds.manager.findOneBy(PortalRow, { slug: identityKey(slug) });
    return row ? { slug: row.slug, name: row.name, smsCountries: smsCountryList(row) } : null;
  }
}
