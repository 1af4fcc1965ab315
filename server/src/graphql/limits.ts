import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import type { ValidationRule } from 'graphql';

/**
 * Request-shape limits, checked before execution (SECURITY.md "depth and cost limits"). The numbers fit
 * the largest query the SPA makes (a customer page with company and 2FA details, nesting 6) with room,
 * and refuse documents built to make the server work hard.
 */
export const REQUEST_LIMITS = {
  maxDepth: 10,
  maxAliases: 15,
  maxDirectives: 20,
  maxTokens: 2000,
  maxCost: 5000,
} as const;

export function requestLimits(blockFieldSuggestions: boolean): { plugins: ApolloServerPlugin[]; validationRules: ValidationRule[] } {
  const armor = new ApolloArmor({
    maxDepth: { n: REQUEST_LIMITS.maxDepth, ignoreIntrospection: true },
    maxAliases: { n: REQUEST_LIMITS.maxAliases },
    maxDirectives: { n: REQUEST_LIMITS.maxDirectives },
    maxTokens: { n: REQUEST_LIMITS.maxTokens },
    costLimit: { maxCost: REQUEST_LIMITS.maxCost, ignoreIntrospection: true },
    blockFieldSuggestion: { enabled: blockFieldSuggestions },
  });
  const { plugins, validationRules } = armor.protect();
  return { plugins, validationRules };
}
