import 'reflect-metadata';
import { authChecker } from './auth-checker';
import { DateTimeResolver } from 'graphql-scalars';
import type { GraphQLSchema } from 'graphql';
import { buildSchemaSync } from 'type-graphql';
import { SignInResolver } from '../sign-in/sign-in.resolver';
import { ViewerResolver } from '../auth/viewer.resolver';
import { DirectoryResolver } from '../portals/directory.resolver';
import { EventResolver } from '../audit/event.resolver';
import { PolicyResolver } from '../two-factor/policy.resolver';
import { FactorResolver } from '../two-factor/factor.resolver';
import { ApiKeyResolver } from '../api-keys/api-key.resolver';
import { PublicPortalResolver } from '../portals/public-portal.resolver';
import { validateInput } from './input-validation';

export const RESOLVERS = [SignInResolver, ViewerResolver, PolicyResolver, FactorResolver, DirectoryResolver, EventResolver, ApiKeyResolver, PublicPortalResolver] as const;

let built: GraphQLSchema | undefined;

/** The schema, built once; `schema.graphql` at the repository root is this schema printed. */
export function buildAppSchema(): GraphQLSchema {
  built ??= buildSchemaSync({
    resolvers: [...RESOLVERS],
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    // Input caps (MaxLength) depend on class-validator; validateInput runs it and answers without
    // echoing what the caller sent.
    validateFn: validateInput,
    authChecker,
    emitSchemaFile: false,
  });
  return built;
}
