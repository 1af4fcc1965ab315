import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { SecondFactor } from './second-factor';
import './factor.types';

@ObjectType()
export class TwoFactorPolicy {
  @Field() enabled: boolean;
  @Field(() => Date, { nullable: true }) updatedAt: Date | null;
  @Field(() => Int) customerCount: number;
  @Field(() => Int, { description: 'Customers whose enrollment counts under the policy as it stands.' })
  enrolledCount: number;
  @Field(() => [SecondFactor], { description: 'The second factors customers may use; SMS is always one of them.' })
  factors: SecondFactor[];
}

@InputType()
export class TwoFactorPolicyInput {
  @Field() enabled: boolean;
}

@InputType()
export class ResetTwoFactorInput {
  @Field(() => ID) customerId: string;
}
