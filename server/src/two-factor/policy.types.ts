import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';

@ObjectType()
export class TwoFactorPolicy {
  @Field() enabled: boolean;
  @Field(() => Date, { nullable: true }) updatedAt: Date | null;
  @Field(() => Int) customerCount: number;
  @Field(() => Int, { description: 'Customers whose enrollment counts under the policy as it stands.' })
  enrolledCount: number;
}

@InputType()
export class TwoFactorPolicyInput {
  @Field() enabled: boolean;
}

@InputType()
export class ResetTwoFactorInput {
  @Field(() => ID) customerId: string;
}
