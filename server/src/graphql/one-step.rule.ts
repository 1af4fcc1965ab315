import { GraphQLError, Kind, type ASTVisitor, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext } from 'graphql';

/** The mutations that each move a sign-in forward; a document may hold at most one of them. */
export const SIGN_IN_STEPS = new Set(['login', 'enrollPhone', 'confirmCode', 'verifyOtp', 'resendCode', 'useRecoveryCode', 'verifyPasskey', 'postponeEnrollment']);

/** Counts saturate here: the rule only needs to tell 0, 1 and "more than one" apart. */
const MORE_THAN_ONE = 2;

const add = (a: number, b: number): number => Math.min(MORE_THAN_ONE, a + b);

/**
 * Validation rule: refuses, before anything runs, a document that carries more than one sign-in step
 * across all its operations, aliases and fragments included. Without it, one request with fifty
 * aliased `verifyOtp` fields would weigh fifty codes (GraphQL amplification, docs/SECURITY.md).
 *
 * The work is linear in the document's size: each fragment's steps are counted once and remembered,
 * so a fragment spread twice adds its count twice without being walked twice. Walking every path
 * instead (as an earlier version did) let `fragment Fi { ...Fi+1 ...Fi+1 }` × 24 levels hold the
 * event loop for seconds before the depth and cost rules could refuse the document.
 */
export function oneSignInStepPerDocument(context: ValidationContext): ASTVisitor {
  const doc = context.getDocument();
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);

  const counted = new Map<string, number>();
  // A spread of a fragment that is still being counted is a cycle: it adds nothing here, and
  // NoFragmentCyclesRule refuses the document anyway.
  const counting = new Set<string>();

  const stepsInFragment = (name: string): number => {
    const known = counted.get(name);
    if (known !== undefined) return known;
    const f = fragments.get(name);
    if (!f || counting.has(name)) return 0;
    counting.add(name);
    const n = stepsIn(f.selectionSet);
    counting.delete(name);
    counted.set(name, n);
    return n;
  };

  const stepsIn = (set: SelectionSetNode): number => {
    let n = 0;
    for (const s of set.selections) {
      if (n === MORE_THAN_ONE) break;
      if (s.kind === Kind.FIELD) {
        // Sign-in steps are top-level mutation fields; deeper selections are their results.
        if (SIGN_IN_STEPS.has(s.name.value)) n = add(n, 1);
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        n = add(n, stepsIn(s.selectionSet));
      } else {
        n = add(n, stepsInFragment(s.name.value));
      }
    }
    return n;
  };

  let steps = 0;
  for (const d of doc.definitions) {
    if (d.kind === Kind.OPERATION_DEFINITION && d.operation === 'mutation') steps = add(steps, stepsIn(d.selectionSet));
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
