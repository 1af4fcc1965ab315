import { totpCodeAt } from '../../src/two-factor/totp-code';
import { CONFIRM, CONFIRM_APP, ENROLL, LOGIN, LOGIN_GRACE, PASSWORD, POSTPONE, RESEND, START_APP, USE_RECOVERY_CODE, VERIFY } from './fixtures';
import type { GqlClient } from './gql-client';
import type { TestApp } from './harness';

/**
 * The sign-in steps as tests take them: each step one call, and the usual sequences (enroll a phone,
 * sign in with a code) built from those same calls. The one place tests drive the five mutations.
 */

let ipCounter = 0;
/** A distinct client IP (through X-Forwarded-For and TRUST_PROXY=1), so per-IP limits do not couple tests. */
export function freshIp(): string {
  ipCounter += 1;
  return `203.0.113.${(ipCounter % 250) + 1}`;
}

export function clientFrom(app: TestApp, ip = freshIp()): GqlClient {
  return app.client({ 'x-forwarded-for': ip });
}

export type Result = { __typename: string; code?: string; attemptsRemaining?: number | null; retryAfterSeconds?: number | null; [k: string]: any };

/** One step; a GraphQL error (not a Problem) is a broken test setup, so it throws. */
async function step(c: GqlClient, query: string, field: string, input: Record<string, unknown>): Promise<Result> {
  const r = await c.gql(query, { input });
  if (r.body.errors || !r.body.data) throw new Error(`${field}: ${JSON.stringify(r.body)}`);
  return r.body.data[field];
}

export const login = (c: GqlClient, username: string, portal = 'acme', password = PASSWORD) =>
  step(c, LOGIN, 'login', { portal, username, password });
export const enrollPhone = (c: GqlClient, challengeToken: string, phoneNumber: string) =>
  step(c, ENROLL, 'enrollPhone', { challengeToken, phoneNumber });
export const confirmCode = (c: GqlClient, challengeToken: string, code: string) => step(c, CONFIRM, 'confirmCode', { challengeToken, code });
export const verifyOtp = (c: GqlClient, challengeToken: string, code: string) => step(c, VERIFY, 'verifyOtp', { challengeToken, code });
export const resendCode = (c: GqlClient, challengeToken: string) => step(c, RESEND, 'resendCode', { challengeToken });
export const useRecoveryCode = (c: GqlClient, challengeToken: string, code: string) =>
  step(c, USE_RECOVERY_CODE, 'useRecoveryCode', { challengeToken, code });
/** login, selecting the grace period's fields of EnrollmentRequired (graceEndsAt, graceDaysLeft). */
export const loginGrace = (c: GqlClient, username: string, portal = 'acme', password = PASSWORD) =>
  step(c, LOGIN_GRACE, 'login', { portal, username, password });
/** "Remind me later". */
export const postponeEnrollment = (c: GqlClient, challengeToken: string) => step(c, POSTPONE, 'postponeEnrollment', { challengeToken });

/** The latest code sent to `phone`; throws if none was. */
export function codeFor(app: TestApp, phone: string): string {
  const code = app.plivo.lastCodeFor(phone);
  if (!code) throw new Error(`no code was sent to ${phone}`);
  return code;
}

/** Logs `admin` in and sets the portal's 2FA policy. */
export async function setPolicy(app: TestApp, enabled: boolean, admin = 'alice'): Promise<void> {
  const c = clientFrom(app);
  const l = await login(c, admin);
  if (l.__typename !== 'Authenticated') throw new Error(`admin login failed: ${JSON.stringify(l)}`);
  const r = await c.gql(`mutation($e: Boolean!) { setTwoFactorPolicy(input: { enabled: $e }) { enabled } }`, { e: enabled });
  if (r.body.errors) throw new Error(JSON.stringify(r.body.errors));
}

/** A customer who is not enrolled: login, enrollPhone; the CONFIRM_ENROLLMENT token and the code sent. */
export async function startEnrollment(app: TestApp, c: GqlClient, username: string, phone: string): Promise<{ token: string; code: string }> {
  const l = await login(c, username);
  if (l.__typename !== 'EnrollmentRequired') throw new Error(`${username}: expected EnrollmentRequired, got ${JSON.stringify(l)}`);
  const sent = await enrollPhone(c, l.challenge.token, phone);
  if (sent.__typename !== 'CodeSent') throw new Error(`enrollPhone: ${JSON.stringify(sent)}`);
  return { token: sent.challenge.token, code: codeFor(app, phone) };
}

/** Enrolls `username` with `phone` through the real steps; returns the recovery codes ReloginRequired carried. */
export async function enroll(app: TestApp, c: GqlClient, username: string, phone: string): Promise<string[]> {
  const { token, code } = await startEnrollment(app, c, username, phone);
  const confirmed = await confirmCode(c, token, code);
  if (confirmed.__typename !== 'ReloginRequired') throw new Error(`confirmCode: ${JSON.stringify(confirmed)}`);
  return confirmed.recoveryCodes;
}

/** Lets the portal's customers use authenticator apps (or SMS only again), as a Master Admin. */
export async function setSecondFactors(app: TestApp, factors: string[], admin = 'alice'): Promise<void> {
  const c = clientFrom(app);
  await login(c, admin);
  const r = await c.gql('mutation($f: [SecondFactor!]!) { setSecondFactors(input: { factors: $f }) { factors } }', { f: factors });
  if (r.body.errors) throw new Error(JSON.stringify(r.body.errors));
}

/** What the customer's app shows now (or `offsetSteps` 30-second steps away), by the server's clock. */
export function appCode(app: TestApp, secret: string, offsetSteps = 0): string {
  return totpCodeAt(secret, new Date(app.clock.now().getTime() + offsetSteps * 30_000));
}

/** Adds an authenticator app for the signed-in customer of `c` and confirms it; returns its secret. */
export async function addApp(app: TestApp, c: GqlClient): Promise<string> {
  const started = await c.gql(START_APP);
  const setup = started.body.data?.startAuthenticatorApp;
  if (setup?.__typename !== 'AuthenticatorAppSetup') throw new Error(`startAuthenticatorApp: ${JSON.stringify(started.body)}`);
  const confirmed = await c.gql(CONFIRM_APP, { input: { code: appCode(app, setup.secret) } });
  if (confirmed.body.data?.confirmAuthenticatorApp?.__typename !== 'AccountFactors') throw new Error(`confirm: ${JSON.stringify(confirmed.body)}`);
  return setup.secret;
}

/** An enrolled customer's login: the CodeRequired challenge's token and the code sent to `phone`. */
export async function loginToCodeStep(app: TestApp, c: GqlClient, username: string, phone: string, portal = 'acme'): Promise<{ token: string; code: string }> {
  const l = await login(c, username, portal);
  if (l.__typename !== 'CodeRequired') throw new Error(`${username}: expected CodeRequired, got ${JSON.stringify(l)}`);
  return { token: l.challenge.token, code: codeFor(app, phone) };
}

/** Signs an enrolled customer in: password, then the code sent to `phone`. */
export async function signInWithCode(app: TestApp, c: GqlClient, username: string, phone: string): Promise<Result> {
  const { token, code } = await loginToCodeStep(app, c, username, phone);
  return verifyOtp(c, token, code);
}

/** A six-digit code that is none of `codes`. */
export function otherCode(...codes: Array<string | undefined>): string {
  for (let i = 0; ; i += 1) {
    const candidate = String(i).padStart(6, '0');
    if (!codes.includes(candidate)) return candidate;
  }
}

/** A six-digit code that is not `code`. */
export function wrongCode(code: string | undefined): string {
  return otherCode(code);
}

/** `n` distinct six-digit codes, none of them `code`: what a brute force sends. */
export function wrongCodes(code: string, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < n; i += 1) {
    const candidate = String(i).padStart(6, '0');
    if (candidate !== code) out.push(candidate);
  }
  return out;
}

/** Counts answers by `__typename` and, for a Problem, by its code: e.g. { Authenticated: 1, CHALLENGE_INVALID: 19 }. */
export function tally(results: Result[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of results) {
    const key = r.__typename === 'Problem' ? String(r.code) : r.__typename;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}
