import { PASSWORD, TEST_PORTALS } from './fixtures';
import type { GqlClient } from './gql-client';
import { startTestApp, type TestApp } from './harness';
import { loginToCodeStep } from './sign-in-kit';

/**
 * Shared moves for the files that attack the SMS code and challenge rules: a portal file with the
 * policy already on and many enrolled customers (so each test has its own account and per-customer
 * SMS limits never couple tests), and reads of the database. The steps themselves are the sign-in kit's.
 */

/**
 * One app on attackPortals() for the enclosing describe block: started before its tests, closed after
 * them, and handed to `use` once it answers (each file keeps it in its own `app`).
 */
export function withAttackApp(use: (app: TestApp) => void): void {
  let app: TestApp | undefined;
  beforeAll(async () => {
    app = await startTestApp({ portalFile: attackPortals() });
    use(app);
  });
  afterAll(() => app?.close());
}

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

export { codeFor, confirmCode, enrollPhone, otherCode, resendCode, startEnrollment, tally, verifyOtp, wrongCodes, type Result } from './sign-in-kit';

/** An enrolled customer's login (`c01`…`c12`): the CodeRequired challenge's token and the code sent to its number. */
export function loginForCode(app: TestApp, c: GqlClient, username: string, portal = 'acme'): Promise<{ token: string; code: string }> {
  return loginToCodeStep(app, c, username, phoneOf(username), portal);
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
