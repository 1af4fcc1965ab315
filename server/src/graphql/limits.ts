import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import {
  Kind,
  visit,
  type ASTVisitor,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type ParseOptions,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { MAX_PAGE_SIZE } from './connection.types';

/**
 * Request-shape limits, checked before execution (docs/SECURITY.md, "GraphQL and HTTP"). The numbers
 * fit the largest query the SPA makes (a customer page with company and 2FA details, nesting 6) with
 * room, and refuse documents built to make the server work hard.
 */
export const REQUEST_LIMITS = {
  maxDepth: 10,
  maxAliases: 15,
  maxDirectives: 20,
  maxTokens: 2000,
  maxCost: 5000,
} as const;

export interface RequestLimits {
  readonly plugins: ApolloServerPlugin[];
  readonly validationRules: ValidationRule[];
  readonly parseOptions: ParseOptions;
}

/**
 * Every rule here is linear in the document's size: the armor rules remember each fragment's depth,
 * cost and alias count, graphql-js's own rules do the same, and the token limit bounds the size itself
 * (server/test/integration/linear-validation.int.test.ts times fan-out documents through all of them).
 */
export function requestLimits(blockFieldSuggestions: boolean): RequestLimits {
  const shapeLimits = new ApolloArmor({
    maxDepth: { n: REQUEST_LIMITS.maxDepth, ignoreIntrospection: true },
    maxAliases: { n: REQUEST_LIMITS.maxAliases },
    maxDirectives: { n: REQUEST_LIMITS.maxDirectives },
    // graphql-js's parser counts tokens itself (parseOptions below). Armor's version throws from a
    // plugin hook, which Apollo answers with a 500 and an error-level log line for plain garbage.
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: blockFieldSuggestions },
  }).protect();
  const costOnly = new ApolloArmor({
    costLimit: { maxCost: REQUEST_LIMITS.maxCost, ignoreIntrospection: true },
    maxDepth: { enabled: false },
    maxAliases: { enabled: false },
    maxDirectives: { enabled: false },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return {
    plugins: shapeLimits.plugins,
    validationRules: [...costOnly.validationRules.map(pricingPageSizesAtMost100), ...shapeLimits.validationRules],
    parseOptions: { maxTokens: REQUEST_LIMITS.maxTokens },
  };
}

/**
 * The cost rule multiplies a list's cost by its literal `first`. A `first` over the page cap is refused
 * by the list itself with BAD_USER_INPUT ("first must be between 1 and 100"); priced at face value it
 * would instead come back as a cost error, and a clearer answer would depend on how far over it is.
 * So the cost rule sees every literal `first` capped at the page size it could ever be served with.
 */
function pricingPageSizesAtMost100(costRule: ValidationRule): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const capped = withPageSizesCapped(context.getDocument());
    const fragments = new Map<string, FragmentDefinitionNode>();
    const operations = new Map<OperationDefinitionNode, OperationDefinitionNode>();
    context.getDocument().definitions.forEach((d, i) => {
      const c = capped.definitions[i];
      if (c.kind === Kind.FRAGMENT_DEFINITION) fragments.set(c.name.value, c);
      if (d.kind === Kind.OPERATION_DEFINITION && c.kind === Kind.OPERATION_DEFINITION) operations.set(d, c);
    });
    // The cost rule reads the document through getDocument/getFragment and reports through reportError.
    const view = Object.create(context) as ValidationContext;
    view.getDocument = () => capped;
    view.getFragment = (name: string) => fragments.get(name);
    const inner = costRule(view) as { OperationDefinition?: { enter?: (node: OperationDefinitionNode) => void } };
    return {
      OperationDefinition: {
        enter: (node) => inner.OperationDefinition?.enter?.(operations.get(node) ?? node),
      },
    };
  };
}

function withPageSizesCapped(doc: DocumentNode): DocumentNode {
  return visit(doc, {
    Argument(node) {
      if (node.name.value !== 'first' || node.value.kind !== Kind.INT) return undefined;
      if (Number(node.value.value) <= MAX_PAGE_SIZE) return undefined;
      return { ...node, value: { ...node.value, value: String(MAX_PAGE_SIZE) } };
    },
  });
}
