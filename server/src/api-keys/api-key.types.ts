import { MaxLength, MinLength } from 'class-validator';
import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';

export enum ApiKeyStatus {
  ACTIVE = 'ACTIVE',
  REVOKED = 'REVOKED',
  STOPPED = 'STOPPED',
}
registerEnumType(ApiKeyStatus, {
  name: 'ApiKeyStatus',
  description: 'Whether requests with the key are answered, as of now.',
  valuesConfig: {
    ACTIVE: { description: 'Answered.' },
    REVOKED: { description: 'Revoked by a Master Admin: refused for good.' },
    STOPPED: {
      description:
        'Refused because the admin who made it is no longer a Master Admin of the portal (removed, or their profile lost the option). It works again if they are one again.',
    },
  },
});

@ObjectType({ description: 'A read-only key for third parties. The secret itself is shown only once, at creation.' })
export class ApiKey {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field({ description: 'The start of the secret, to recognise it.' }) prefix: string;
  @Field(() => String, { nullable: true, description: 'Username of the admin who made it.' }) createdBy: string | null;
  @Field() createdAt: Date;
  @Field(() => Date, { nullable: true }) lastUsedAt: Date | null;
  @Field(() => Date, { nullable: true }) revokedAt: Date | null;
  @Field(() => ApiKeyStatus) status: ApiKeyStatus;
}

@ObjectType()
export class ApiKeyCreated {
  @Field(() => ApiKey) apiKey: ApiKey;
  @Field({ description: 'Send as `Authorization: Bearer <secret>`. Shown only now; keep it safe.' }) secret: string;
}

@InputType()
export class CreateApiKeyInput {
  @Field() @MinLength(1) @MaxLength(100) name: string;
}

@InputType()
export class RevokeApiKeyInput {
  @Field(() => ID) id: string;
}
