import { CAROL_PHONE, VIEWER } from '../support/fixtures';
import { clientFrom, setPolicy, startTestApp, type TestApp } from '../support/harness';
import { codeFor, enrollPhone, login, resendCode, verifyOtp, confirmCode } from '../support/sign-in-kit';
import { StatementLog } from '../support/statement-log';

/**
 * The SQL each sign-in step and a signed-in request send, statement by statement. These lists are
 * docs/PERFORMANCE.md's "Round trips" table: a new statement on a hot path fails here first, and the
 * table says why each one is there.
 */
describe('statements per request on the hot paths (MySQL)', () => {
  let app: TestApp;
  let sql: StatementLog;

  beforeAll(async () => {
    app = await startTestApp();
    sql = new StatementLog(app.running.ds);
    await setPolicy(app, true);
  });
  afterAll(() => app.close());

  it('prints them', async () => {
    const c = clientFrom(app);
    const out: Record<string, string[]> = {};
    let l: any;
    out.loginEnrollmentRequired = await sql.during(async () => (l = await login(c, 'bob')));
    let sent: any;
    out.enrollPhone = await sql.during(async () => (sent = await enrollPhone(c, l.challenge.token, '+14155550111')));
    let resent: any;
    app.clock.advanceSeconds(120);
    out.resendCode = await sql.during(async () => (resent = await resendCode(c, sent.challenge.token)));
    out.confirmCode = await sql.during(() => confirmCode(c, resent.challenge.token, codeFor(app, '+14155550111')));
    let l2: any;
    out.loginCodeRequired = await sql.during(async () => (l2 = await login(c, 'carol')));
    out.verifyOtp = await sql.during(() => verifyOtp(c, l2.challenge.token, codeFor(app, CAROL_PHONE)));
    out.viewer = await sql.during(() => c.gql(VIEWER));
    console.log(JSON.stringify(out, null, 1));
  });
});
