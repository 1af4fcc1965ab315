import { CONFIRM, ENROLL, PASSWORD, RESEND, TEST_PORTALS, VERIFY } from './fixtures';
import type { GqlClient } from './gql-client';
import { login, type TestApp } from './harness';

/**
 * Shared moves for the files that attack the SMS code and challenge rules: a portal file with the
 * policy already on and many enrolled customers (so each test has its own account and per-customer
 * SMS limits never couple tests), the four code steps as one-liners, and reads of the database.
 */

/** Enrolled customers of acme: `c01`…`c12`, each on its own number (see phoneOf). */
export const ENROLLED = Array.from({ length: 12 }, (_, i) => `c${String(i + 1).padStart(2, '0')}`);
/** Customers of acme that are not enrolled yet: each test that enrolls takes its own. */
export const NOT_ENROLLED = ['bob', 'dan', 'erin', 'nina', 'noah', 'nora', 'ned', 'nell'];

/** The enrolled number of `c01`…`c12`: +1 415 555 01NN. */
export function phoneOf(username: string): string {
  const n = Number(username.slice(1));
  return `+1415555${String(100 + n).padStart(4, '0')}`;
}

/** TEST_PORTALS, with 2FA already on in acme and the extra customers above. `other` is kept as is. */
export function attackPortals(): unknown {
  const [acme, other] = TEST_PORTALS.portals;
  const customer = (username: string, enrolledPhone?: string) => ({
    username,
    password: PASSWORD,
    displayName: username.toUpperCase(),
    ...(enrolledPhone ? { enrolledPhone } : {}),
  });
  return {
    portals: [
      {
        ...acme,
        twoFactorEnabled: true,
        companies: [
          { name: 'Globex', customers: [...ENROLLED.map((u) => customer(u, phoneOf(u))), ...NOT_ENROLLED.map((u) => customer(u))] },
        ],
      },
      other,
    ],
  };
}

export type Result = { __typename: string; code?: string; attemptsRemaining?: number | null; retryAfterSeconds?: number | null; [k: string]: any };

async function step(c: GqlClient, query: string, field: string, input: Record<string, unknown>): Promise<Result> {
  const r = await c.gql(query, { input });
  if (r.body.errors || !r.body.data) throw new Error(`${field}: ${JSON.stringify(r.body)}`);
  return r.body.data[field];
}

export const verifyOtp = (c: GqlClient, challengeToken: string, code: string) => step(c, VERIFY, 'verifyOtp', { challengeToken, code });
export const confirmCode = (c: GqlClient, challengeToken: string, code: string) => step(c, CONFIRM, 'confirmCode', { challengeToken, code });
export const resendCode = (c: GqlClient, challengeToken: string) => step(c, RESEND, 'resendCode', { challengeToken });
export const enrollPhone = (c: GqlClient, challengeToken: string, phoneNumber: string) =>
  step(c, ENROLL, 'enrollPhone', { challengeToken, phoneNumber });

/** An enrolled customer's login: the CodeRequired challenge's token and the code the fake Plivo got. */
export async function loginForCode(app: TestApp, c: GqlClient, username: string, portal = 'acme'): Promise<{ token: string; code: string }> {
  const l = await login(c, username, portal);
  if (l.__typename !== 'CodeRequired') throw new Error(`${username}: expected CodeRequired, got ${JSON.stringify(l)}`);
  return { token: l.challenge.token, code: codeFor(app, phoneOf(username)) };
}

/** A customer who is not enrolled: login, enrollPhone; the CONFIRM_ENROLLMENT token and the code sent. */
export async function startEnrollment(app: TestApp, c: GqlClient, username: string, phone: string): Promise<{ token: string; code: string }> {
  const l = await login(c, username);
  if (l.__typename !== 'EnrollmentRequired') throw new Error(`${username}: expected EnrollmentRequired, got ${JSON.stringify(l)}`);
  const sent = await enrollPhone(c, l.challenge.token, phone);
  if (sent.__typename !== 'CodeSent') throw new Error(`enrollPhone: ${JSON.stringify(sent)}`);
  return { token: sent.challenge.token, code: codeFor(app, phone) };
}

/** The latest code sent to `phone`; throws if none was. */
export function codeFor(app: TestApp, phone: string): string {
  const code = app.plivo.lastCodeFor(phone);
  if (!code) throw new Error(`no code was sent to ${phone}`);
  return code;
}

/** A six-digit code that is none of `codes`. */
export function otherCode(...codes: string[]): string {
  for (let i = 0; ; i += 1) {
    const candidate = String(i).padStart(6, '0');
    if (!codes.includes(candidate)) return candidate;
  }
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

export async function accountId(app: TestApp, username: string, portal = 'acme'): Promise<string> {
  const rows = await app.running.ds.query(
    'SELECT a.id FROM accounts a JOIN portals p ON p.id = a.portal_id WHERE p.slug = ? AND a.username_key = ?',
    [portal, username],
  );
  if (rows.length !== 1) throw new Error(`no account ${portal}/${username}`);
  return rows[0].id;
}

export interface ChallengeFacts {
  step: string;
  attempts: number;
  sends: number;
  consumed: boolean;
}

/** Every challenge of an account, oldest first, as the database holds it. */
export async function challengesOf(app: TestApp, account: string): Promise<ChallengeFacts[]> {
  const rows: Array<Record<string, unknown>> = await app.running.ds.query(
    'SELECT step, attempts, sends, consumed_at FROM login_challenges WHERE account_id = ? ORDER BY created_at, id',
    [account],
  );
  return rows.map((r) => ({ step: String(r.step), attempts: Number(r.attempts), sends: Number(r.sends), consumed: r.consumed_at !== null }));
}

export async function sessionCount(app: TestApp, account: string): Promise<number> {
  const rows = await app.running.ds.query('SELECT COUNT(*) AS n FROM sessions WHERE account_id = ?', [account]);
  return Number(rows[0].n);
}

export async function eventCount(app: TestApp, type: string, account: string): Promise<number> {
  const rows = await app.running.ds.query(
    'SELECT COUNT(*) AS n FROM two_factor_events WHERE type = ? AND customer_id = ?',
    [type, account],
  );
  return Number(rows[0].n);
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
