import { GraphQLError, Kind, type ASTVisitor, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext } from 'graphql';

/** The mutations that each move a sign-in forward; a document may hold at most one of them. */
export const SIGN_IN_STEPS = new Set(['login', 'enrollPhone', 'confirmCode', 'verifyOtp', 'resendCode']);

/**
 * Validation rule: refuses, before anything runs, a document that carries more than one sign-in step
 * across all its operations, aliases and fragments included. Without it, one request with fifty
 * aliased `verifyOtp` fields would weigh fifty codes (GraphQL amplification, SECURITY.md).
 */
export function oneSignInStepPerDocument(context: ValidationContext): ASTVisitor {
  const doc = context.getDocument();
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);

  let steps = 0;
  const count = (set: SelectionSetNode, seen: Set<string>): void => {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        if (SIGN_IN_STEPS.has(s.name.value)) steps += 1;
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        count(s.selectionSet, seen);
      } else if (!seen.has(s.name.value)) {
        const f = fragments.get(s.name.value);
        if (f) count(f.selectionSet, new Set([...seen, s.name.value]));
      }
    }
  };
  for (const d of doc.definitions) {
    if (d.kind === Kind.OPERATION_DEFINITION && d.operation === 'mutation') count(d.selectionSet, new Set());
  }
  if (steps > 1) {
    context.reportError(
      new GraphQLError('A request may carry only one sign-in step (login, enrollPhone, confirmCode, verifyOtp, resendCode).', {
        extensions: { code: 'BAD_REQUEST' },
      }),
    );
  }
  return {};
}
