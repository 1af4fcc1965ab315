import type { ErrorCode, ProblemFieldsFragment } from '../../gql/graphql';
import { formatWait, plural } from '../../lib/format';

/** Which step a problem came from: the same code needs different words at each. */
export type ProblemStep = 'password' | 'enroll' | 'code' | 'resend';

/** Where the person goes next. */
export type WayForward =
  | 'fix-and-retry' // stay, correct what was typed
  | 'wait' // stay, try again after retryAfterSeconds
  | 'new-code' // stay, ask for a new code
  | 'sign-in-again'; // back to the password, with the reason

export interface ProblemView {
  readonly code: ErrorCode;
  readonly title: string;
  readonly detail: string;
  readonly wayForward: WayForward;
  readonly retryAfterSeconds: number | null;
  readonly attemptsRemaining: number | null;
}

type ProblemInput = Pick<ProblemFieldsFragment, 'code' | 'message' | 'attemptsRemaining' | 'retryAfterSeconds'>;

const ADMIN_RESET = 'ask an administrator of this portal to reset your two-factor authentication';

/** One place, one exhaustive switch: every ErrorCode's words and its way forward. */
/** Where the code being typed comes from: a text (the default), the authenticator app, the saved recovery codes, or (no code at all) a passkey. */
export type CodeSource = 'text' | 'app' | 'recovery' | 'passkey';

const WHERE_THE_CODE_IS: Record<CodeSource, string> = {
  text: 'Enter the 6 digits from the most recent text message.',
  app: 'Enter the code your app shows now.',
  recovery: 'Check the code against the ones you saved.',
  passkey: 'Use the passkey you added for this portal, or choose “Text me a code instead”.',
};

export function describeProblem(problem: ProblemInput, step: ProblemStep, source: CodeSource = 'text'): ProblemView {
  const base = { code: problem.code, retryAfterSeconds: problem.retryAfterSeconds, attemptsRemaining: problem.attemptsRemaining };
  const code = problem.code;
  switch (code) {
    case 'INVALID_CREDENTIALS':
      return {
        ...base,
        title: 'That username and password don’t match.',
        detail: 'Check both and try again; passwords are case-sensitive. If you have forgotten your password, contact your administrator.',
        wayForward: 'fix-and-retry',
      };
    case 'RATE_LIMITED': {
      // The server leaves out the wait only for the lock that lasts until an admin resets two-factor
      // (too many wrong codes in a row); every timed limit says how long.
      if (problem.retryAfterSeconds === null && (step === 'password' || step === 'code')) {
        return {
          ...base,
          title: 'This account is locked.',
          detail: `Too many wrong codes were entered in a row. To sign in again, ${ADMIN_RESET}.`,
          wayForward: 'wait',
        };
      }
      const when = problem.retryAfterSeconds ? `in ${formatWait(problem.retryAfterSeconds)}` : 'in a few minutes';
      const detail: Record<ProblemStep, string> = {
        password: `For your security, signing in is paused after too many attempts. Try again ${when}.`,
        enroll: `We can’t send another text message right now. Try again ${when}.`,
        code: `For your security, codes can’t be checked for this account right now. Try again ${when}.`,
        resend: `You can ask for a new code ${when}. Until then, use the code from the latest text message.`,
      };
      return {
        ...base,
        title: step === 'resend' ? 'A new code can’t be sent yet.' : 'Too many attempts for now.',
        detail: detail[step],
        wayForward: 'wait',
      };
    }
    case 'INVALID_CODE': {
      const left = problem.attemptsRemaining;
      if (left !== null && left <= 0) {
        return {
          ...base,
          title: 'That code isn’t right, and it was the last try.',
          detail: 'For your security, that sign-in was stopped. Sign in again with your password to get a new code.',
          wayForward: 'sign-in-again',
        };
      }
      const tries =
        left === null
          ? 'Check the latest text message and try again.'
          : left === 1
            ? 'You have 1 try left; after that you will need to sign in again.'
            : `You have ${plural(left, 'try', 'tries')} left.`;
      return {
        ...base,
        title: 'That code isn’t right.',
        detail: `${tries} ${WHERE_THE_CODE_IS[source]}`,
        wayForward: 'fix-and-retry',
      };
    }
    case 'CODE_EXPIRED':
      return {
        ...base,
        title: 'That code has expired.',
        detail: 'Codes last a few minutes. Choose “Send a new code”, then enter the code from the new message.',
        wayForward: 'new-code',
      };
    case 'TOO_MANY_ATTEMPTS':
      return {
        ...base,
        title: 'Too many wrong codes.',
        detail: 'For your security, that sign-in was stopped. Sign in again with your password to get a new code.',
        wayForward: 'sign-in-again',
      };
    case 'CHALLENGE_INVALID':
      return {
        ...base,
        title: 'This sign-in has ended.',
        detail: 'It timed out, was already used, or a newer sign-in replaced it. Sign in again with your password to continue.',
        wayForward: 'sign-in-again',
      };
    case 'INVALID_PHONE_NUMBER':
      return {
        ...base,
        title: 'We can’t send codes to that number.',
        detail:
          'Enter a mobile number, not a landline, toll-free or premium-rate number, from a country this portal accepts. Check the country and the digits.',
        wayForward: 'fix-and-retry',
      };
    case 'SMS_DELIVERY_FAILED': {
      const detail: Record<ProblemStep, string> = {
        password: `We couldn’t text a code to your phone, and nothing was used up. Wait a minute and sign in again. If it keeps failing, ${ADMIN_RESET} so you can enroll another phone.`,
        enroll: 'Nothing was used up. Check that the number is right and can receive text messages, then try again. If it keeps failing, try another mobile number.',
        code: 'Nothing was used up. Wait a minute, then choose “Send a new code”.',
        resend: `Nothing was used up. Wait a minute and choose “Send a new code” again. If it keeps failing, ${ADMIN_RESET}.`,
      };
      return { ...base, title: 'The text message couldn’t be sent.', detail: detail[step], wayForward: step === 'enroll' ? 'fix-and-retry' : 'wait' };
    }
    case 'FACTOR_NOT_AVAILABLE':
      return {
        ...base,
        title: 'This is not available for your account right now.',
        detail: 'Your portal may not offer it, or your sign-in needs a code first. Sign in again and try once more.',
        wayForward: 'sign-in-again',
      };
    case 'GRACE_PERIOD_ENDED':
      return {
        ...base,
        title: 'Two-factor authentication is now required.',
        detail: 'The time to set it up later has ended. Add your mobile phone to continue.',
        wayForward: 'fix-and-retry',
      };
    default:
      return unknownProblem(code satisfies never, problem);
  }
}

/** A code this build does not know yet (a newer server): the server's own words, and a fresh start. */
function unknownProblem(code: string, problem: ProblemInput): ProblemView {
  return {
    code: code as ErrorCode,
    title: 'Something went wrong.',
    detail: `${problem.message} Sign in again to continue.`,
    wayForward: 'sign-in-again',
    retryAfterSeconds: problem.retryAfterSeconds,
    attemptsRemaining: problem.attemptsRemaining,
  };
}

/**
 * A network failure, or the server saying it cannot serve for a moment (HTTP 503, SERVICE_UNAVAILABLE,
 * during a database outage: docs/OPERATIONS.md): nothing the person typed was wrong, and it stays in
 * the form so that pressing the button again is all it takes.
 */
export const UNREACHABLE: Omit<ProblemView, 'code'> = {
  title: 'We can’t reach the server right now.',
  detail: 'What you typed is still here. Check your connection, or wait a minute, then try again.',
  wayForward: 'fix-and-retry',
  retryAfterSeconds: null,
  attemptsRemaining: null,
};
