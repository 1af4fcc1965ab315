import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../graphql/connection.types';
import { TwoFactorEventType } from './event.entity';

registerEnumType(TwoFactorEventType, {
  name: 'TwoFactorEventType',
  description: 'What happened. See docs/API.md for each type.',
});

@ObjectType()
export class TwoFactorEvent {
  @Field(() => ID, { description: 'Increases with time; the feed is ordered by it.' }) id: string;
  @Field(() => TwoFactorEventType) type: TwoFactorEventType;
  @Field() occurredAt: Date;
  @Field(() => ID, { nullable: true }) customerId: string | null;
  @Field(() => String, { nullable: true }) customerUsername: string | null;
  @Field(() => ID, { nullable: true }) adminId: string | null;
  @Field(() => String, { nullable: true }) adminUsername: string | null;
  @Field(() => String, { nullable: true }) ip: string | null;
  @Field(() => String, { nullable: true }) detail: string | null;
}

@ObjectType()
export class TwoFactorEventEdge {
  @Field() cursor: string;
  @Field(() => TwoFactorEvent) node: TwoFactorEvent;
}

@ObjectType()
export class TwoFactorEventConnection extends Connection(TwoFactorEventEdge) {}
