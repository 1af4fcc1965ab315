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
  @Field(() => Int, { description: 'Days customers may postpone enrolling after the policy is turned on (0-30); 0: enrollment is forced at once.' })
  enrollmentGraceDays: number;
  @Field(() => Date, { nullable: true, description: 'When the grace period that began with the policy\'s last turn-on ends (or ended); null when the policy is off or there is none.' })
  graceEndsAt: Date | null;
  @Field(() => Int, { description: 'Customers who may still postpone enrolling (status IN_GRACE).' })
  inGraceCount: number;
}

@InputType()
export class TwoFactorPolicyInput {
  @Field() enabled: boolean;
}

@InputType()
export class ResetTwoFactorInput {
  @Field(() => ID) customerId: string;
}
