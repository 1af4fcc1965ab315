import { CAROL_PHONE, VIEWER } from '../support/fixtures';
import { clientFrom, setPolicy, startTestApp, type TestApp } from '../support/harness';
import { addApp, appCode, codeFor, confirmCode, enrollPhone, login, resendCode, setSecondFactors, verifyOtp } from '../support/sign-in-kit';
import { StatementLog } from '../support/statement-log';

/**
 * The SQL each sign-in step and a signed-in request send, statement by statement, in order. These
 * lists are docs/PERFORMANCE.md's "Round trips" table: a new statement on a hot path fails here first,
 * and the table says why each one is there. Changing a list means changing the table.
 */
const PASSWORD_STEP = [
  'INSERT rate_counters+hits', // the per-account password budget, reserved before argon2 …
  'INSERT rate_counters+hits', // … and the per-IP one (both in parallel)
  'SELECT portals+accounts', // the portal and the account, one join
  'UPDATE rate_counters', // a right password gives both reservations back, one statement
];
const SEND = [
  // The six SMS budgets of a send, all or nothing, in one transaction (rate-limiter.ts consumeAll):
  // per customer, per IP (codes not used), per IP (all texts), per portal, per number hour and day.
  'BEGIN',
  'INSERT rate_counters+hits', // one multi-row upsert of the six counters …
  'SELECT rate_counters', // … and their new counts, read under the rows' locks
  'COMMIT',
  'UPDATE login_challenges', // the code's keyed hash, its phone and expiry
  'INSERT sms_messages', // the delivery record the admin's "last SMS" reads
  'INSERT two_factor_events', // CODE_SENT
];
const BUDGETS = 4;
const STEP_READ = 'SELECT login_challenges+portals+accounts+rate_counters';

const EXPECTED: Record<string, string[]> = {
  loginEnrollmentRequired: [...PASSWORD_STEP, 'SELECT rate_counters', 'INSERT login_challenges', 'INSERT two_factor_events'],
  // A new number's first code: the distinct-numbers marker is read; its budget is counted with the
  // other six, and the marker itself after them.
  enrollPhone: [STEP_READ, 'UPDATE login_challenges', 'SELECT rate_counters', ...SEND.slice(0, BUDGETS), 'INSERT rate_counters+hits', ...SEND.slice(BUDGETS)],
  // At CONFIRM_ENROLLMENT the number's marker is read; it was counted by enrollPhone, so no new point.
  resendCode: [STEP_READ, 'UPDATE login_challenges', 'SELECT rate_counters', ...SEND],
  // The enrollment moves the portal's stored enrolled_count in its transaction (docs/PERFORMANCE.md, Admin reads).
  // The enrollment's recovery codes are written in its transaction: the old set goes, the new ten in one INSERT, and their event.
  confirmCode: [
    STEP_READ,
    'BEGIN',
    'UPDATE login_challenges',
    'UPDATE login_challenges',
    'UPDATE accounts',
    'UPDATE portals',
    'INSERT two_factor_events',
    'UPDATE rate_counters',
    'DELETE recovery_codes',
    'INSERT recovery_codes',
    'INSERT two_factor_events',
    'COMMIT',
  ],
  // The first send is claimed as the challenge is inserted: no claim UPDATE.
  loginCodeRequired: [...PASSWORD_STEP, 'SELECT rate_counters', 'INSERT login_challenges', ...SEND],
  verifyOtp: [STEP_READ, 'BEGIN', 'UPDATE login_challenges', 'UPDATE login_challenges', 'INSERT sessions', 'INSERT two_factor_events', 'UPDATE rate_counters', 'COMMIT'],
  viewer: ['SELECT sessions+accounts+portals+profiles'],
  // Where the portal offers apps, an enrolled customer's login reads whether there is one (a primary-key
  // read) and, with one, opens the challenge and sends nothing.
  loginAppRequired: [...PASSWORD_STEP, 'SELECT rate_counters', 'SELECT totp_factors', 'INSERT login_challenges'],
  // The app's code: its row is read (the sealed secret), then the attempt, the step's claim, the consume,
  // the session and TOTP_ACCEPTED in one transaction. No text to refund.
  verifyAppCode: [STEP_READ, 'SELECT totp_factors', 'BEGIN', 'UPDATE login_challenges', 'UPDATE totp_factors', 'UPDATE login_challenges', 'INSERT sessions', 'INSERT two_factor_events', 'COMMIT'],
};

describe('statements per request on the hot paths (MySQL)', () => {
  let app: TestApp;
  let sql: StatementLog;

  beforeAll(async () => {
    app = await startTestApp();
    sql = new StatementLog(app.running.ds);
    await setPolicy(app, true);
  });
  afterAll(() => app.close());

  // The two parallel reservations may reach the log in either order: they are the same label.
  const sent = async (work: () => Promise<unknown>) => sql.during(work);

  it('enrollment: login, enrollPhone, resendCode, confirmCode', async () => {
    const c = clientFrom(app);
    let l: any;
    expect(await sent(async () => (l = await login(c, 'bob')))).toEqual(EXPECTED.loginEnrollmentRequired);
    expect(l.__typename).toBe('EnrollmentRequired');
    let s: any;
    expect(await sent(async () => (s = await enrollPhone(c, l.challenge.token, '+14155550111')))).toEqual(EXPECTED.enrollPhone);
    expect(s.__typename).toBe('CodeSent');
    app.clock.advanceSeconds(120);
    let r: any;
    expect(await sent(async () => (r = await resendCode(c, s.challenge.token)))).toEqual(EXPECTED.resendCode);
    expect(r.__typename).toBe('CodeSent');
    let done: any;
    expect(await sent(async () => (done = await confirmCode(c, r.challenge.token, codeFor(app, '+14155550111'))))).toEqual(EXPECTED.confirmCode);
    expect(done.__typename).toBe('ReloginRequired');
  });

  it('sign-in: login, verifyOtp, then a signed-in request', async () => {
    const c = clientFrom(app);
    let l: any;
    expect(await sent(async () => (l = await login(c, 'carol')))).toEqual(EXPECTED.loginCodeRequired);
    expect(l.__typename).toBe('CodeRequired');
    let v: any;
    expect(await sent(async () => (v = await verifyOtp(c, l.challenge.token, codeFor(app, CAROL_PHONE))))).toEqual(EXPECTED.verifyOtp);
    expect(v.__typename).toBe('Authenticated');
    let me: any;
    expect(await sent(async () => (me = await c.gql(VIEWER)))).toEqual(EXPECTED.viewer);
    expect(me.body.data.viewer).toMatchObject({ username: 'carol' });
  });

  // Last: it turns apps on for the portal.
  it('with an authenticator app: login texts nothing, verifyOtp weighs the app code', async () => {
    await setSecondFactors(app, ['SMS', 'TOTP']);
    const c = clientFrom(app);
    const l0 = await login(c, 'carol');
    expect((await verifyOtp(c, l0.challenge.token, codeFor(app, CAROL_PHONE))).__typename).toBe('Authenticated');
    const secret = await addApp(app, c);
    app.clock.advanceSeconds(30);
    const fresh = clientFrom(app); // no session cookie: nothing to resolve before the step
    let l: any;
    expect(await sent(async () => (l = await login(fresh, 'carol')))).toEqual(EXPECTED.loginAppRequired);
    expect(l.challenge.step).toBe('VERIFY_TOTP');
    let v: any;
    expect(await sent(async () => (v = await verifyOtp(fresh, l.challenge.token, appCode(app, secret))))).toEqual(EXPECTED.verifyAppCode);
    expect(v.__typename).toBe('Authenticated');
  });

  it('an admin: login without 2FA, then a request that needs the Master Admin role', async () => {
    const c = clientFrom(app);
    // The answer's viewer shows the admin's profile: one read.
    expect(await sent(() => login(c, 'alice'))).toEqual([...PASSWORD_STEP, 'INSERT sessions', 'SELECT profiles']);
    // The role comes from the profile read with the session: the policy query adds only its own reads.
    const reads = await sent(() => c.gql('{ viewer { profile { masterAdmin } } }'));
    expect(reads).toEqual(['SELECT sessions+accounts+portals+profiles']);
  });
});
