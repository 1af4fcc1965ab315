import { ClassType, Field, ObjectType } from 'type-graphql';

@ObjectType()
export class PageInfo {
  @Field() hasNextPage: boolean;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

/** Relay-style connection base: `edges { cursor node }` and `pageInfo`. */
export function Connection<TEdge extends object>(Edge: ClassType<TEdge>) {
  @ObjectType()
  abstract class ConnectionBase {
    @Field(() => [Edge]) edges: TEdge[];
    @Field(() => PageInfo) pageInfo: PageInfo;
  }
  return ConnectionBase;
}

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;
