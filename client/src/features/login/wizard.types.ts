import type { ChallengeFieldsFragment, ProblemFieldsFragment, ViewerFieldsFragment } from '../../gql/graphql';
import type { ProblemView } from './problem-words';

export type Challenge = ChallengeFieldsFragment;
export type Problem = ProblemFieldsFragment;

/** Why the password step is showing (other than a first visit). */
export type PasswordNotice =
  | { readonly kind: 'relogin' } // enrollment confirmed: the product makes you sign in again
  | { readonly kind: 'restart'; readonly problem: ProblemView } // the challenge died: say why
  | { readonly kind: 'signed-out' }
  | { readonly kind: 'session-ended' };

/** The portal's enrollment grace period, while it runs: "Remind me later (N days left)". */
export interface Grace {
  readonly endsAt: string;
  readonly daysLeft: number;
}

export type WizardStep =
  | { readonly kind: 'password'; readonly notice: PasswordNotice | null }
  | { readonly kind: 'grace'; readonly challenge: Challenge; readonly grace: Grace }
  | { readonly kind: 'enroll'; readonly challenge: Challenge; readonly phoneText: string }
  | { readonly kind: 'confirm'; readonly challenge: Challenge; readonly phoneText: string } // phoneText: to correct the number
  | { readonly kind: 'verify'; readonly challenge: Challenge }
  | { readonly kind: 'recovery-codes'; readonly codes: readonly string[] } // enrollment confirmed: shown once, then the re-login
  | { readonly kind: 'use-recovery'; readonly challenge: Challenge };

/** What a step reports to the wizard. */
export interface StepEvents {
  readonly onSignedIn: (viewer: ViewerFieldsFragment) => void;
  readonly onRestart: (problem: ProblemView | null) => void;
}
