import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Customer } from '../portals/customer.types';
import { SecondFactor } from '../two-factor/second-factor';

export enum AccountKind {
  ADMIN = 'ADMIN',
  CUSTOMER = 'CUSTOMER',
}
registerEnumType(AccountKind, { name: 'AccountKind' });

@ObjectType()
export class Portal {
  @Field() slug: string;
  @Field() name: string;
  @Field(() => [SecondFactor], { description: 'The second factors the portal offers its customers (what the account page may add).' })
  secondFactors: SecondFactor[];
}

@ObjectType()
export class Profile {
  @Field() name: string;
  @Field() masterAdmin: boolean;
}

@ObjectType()
export class Viewer {
  @Field(() => ID) id: string;
  @Field(() => AccountKind) kind: AccountKind;
  @Field() username: string;
  @Field() displayName: string;
  @Field(() => Portal) portal: Portal;
  @Field(() => Profile, { nullable: true, description: 'admins' }) profile: Profile | null;
  @Field(() => Customer, { nullable: true, description: 'customers' }) customer: Customer | null;
}
