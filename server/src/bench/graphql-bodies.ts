/** The two sign-in mutations as the login page sends them (the fields it reads), and their bodies. */
const LOGIN = `mutation Login($input: LoginInput!) { login(input: $input) {
  __typename
  ... on Authenticated { viewer { id username kind } }
  ... on EnrollmentRequired { challenge { token step expiresAt maskedPhone resendAvailableAt attemptsRemaining } }
  ... on CodeRequired { challenge { token step expiresAt maskedPhone resendAvailableAt attemptsRemaining } }
  ... on Problem { code message attemptsRemaining retryAfterSeconds }
} }`;

const VERIFY = `mutation Verify($input: CodeInput!) { verifyOtp(input: $input) {
  __typename
  ... on Authenticated { viewer { id username kind customer { twoFactor { status maskedPhone } } } }
  ... on Problem { code message attemptsRemaining retryAfterSeconds }
} }`;

export function loginBody(portal: string, username: string, password: string): string {
  return JSON.stringify({ query: LOGIN, variables: { input: { portal, username, password } } });
}

export function verifyBody(challengeToken: string, code: string): string {
  return JSON.stringify({ query: VERIFY, variables: { input: { challengeToken, code } } });
}

/** What a sign-in step answered: the union member, its challenge token, or the problem's code. */
export interface StepAnswer {
  readonly typename: string;
  readonly token?: string;
  readonly problem?: string;
}

export function readAnswer(body: string, field: 'login' | 'verifyOtp'): StepAnswer {
  try {
    const json = JSON.parse(body) as { data?: Record<string, { __typename: string; challenge?: { token: string }; code?: string }> };
    const answer = json.data?.[field];
    if (!answer) return { typename: 'error' };
    return { typename: answer.__typename, token: answer.challenge?.token, problem: answer.code };
  } catch {
    return { typename: 'unreadable' };
  }
}

/** Each sign-in comes from its own address (X-Forwarded-For; the bench server trusts one proxy hop). */
let addresses = 0;
export function nextClientAddress(): string {
  addresses += 1;
  return `10.${(addresses >> 16) & 255}.${(addresses >> 8) & 255}.${addresses & 255}`;
}

export const JSON_HEADERS = { 'content-type': 'application/json' } as const;
