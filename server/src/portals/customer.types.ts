import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../graphql/connection.types';
import { SecondFactor } from '../two-factor/second-factor';

export enum TwoFactorStatus {
  NOT_ENROLLED = 'NOT_ENROLLED',
  ENROLLED = 'ENROLLED',
  /** Not enrolled, but the portal's enrollment grace period still lets them postpone. */
  IN_GRACE = 'IN_GRACE',
}
registerEnumType(TwoFactorStatus, { name: 'TwoFactorStatus' });

@ObjectType({ description: 'A passkey (WebAuthn credential) of a customer. Nothing secret: the private key never leaves the authenticator.' })
export class Passkey {
  @Field(() => ID) id: string;
  @Field({ description: 'Synced between the customer\'s devices (a "multi-device" passkey), rather than kept on one authenticator.' }) synced: boolean;
  @Field() createdAt: Date;
  @Field(() => Date, { nullable: true }) lastUsedAt: Date | null;
}

@ObjectType()
export class CustomerTwoFactor {
  @Field(() => TwoFactorStatus) status: TwoFactorStatus;
  @Field(() => String, { nullable: true }) maskedPhone: string | null;
  @Field(() => Date, { nullable: true }) enrolledAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'Status IN_GRACE: until when the customer may still postpone enrolling.' })
  graceEndsAt: Date | null;
  @Field(() => String, { nullable: true, description: 'Delivery status of the last SMS, as the provider reported it.' })
  lastSmsStatus: string | null;
  @Field(() => Date, { nullable: true }) lastSmsAt: Date | null;
  @Field(() => [SecondFactor], { description: 'The factors that count now: SMS once the phone is enrolled, TOTP once an authenticator app is confirmed (and the portal offers apps), PASSKEY once a passkey is added (and the portal offers passkeys).' })
  factors: SecondFactor[];
  @Field(() => Date, { nullable: true }) authenticatorAppAddedAt: Date | null;
  @Field(() => Int, { description: 'Unused recovery codes of the current set.' }) recoveryCodesRemaining: number;
  @Field(() => [Passkey], { description: 'The passkeys that count now, oldest first.' }) passkeys: Passkey[];
}

@ObjectType()
export class Company {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => Int, { description: 'How many customers (contacts) the company has.' }) customerCount: number;
  // `customers(first, after, search)` is a field resolver: CompanyResolver.
}

@ObjectType()
export class Customer {
  @Field(() => ID) id: string;
  @Field() username: string;
  @Field() displayName: string;
  @Field(() => String, { nullable: true }) email: string | null;
  @Field(() => Company) company: Company;
  @Field(() => CustomerTwoFactor) twoFactor: CustomerTwoFactor;
}

@ObjectType()
export class CustomerEdge {
  @Field() cursor: string;
  @Field(() => Customer) node: Customer;
}

@ObjectType()
export class CustomerConnection extends Connection(CustomerEdge) {}

@ObjectType()
export class CompanyEdge {
  @Field() cursor: string;
  @Field(() => Company) node: Company;
}

@ObjectType()
export class CompanyConnection extends Connection(CompanyEdge) {}
