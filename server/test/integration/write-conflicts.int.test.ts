import { accountId, attackPortals, challengesOf, loginForCode, phoneOf, sessionCount, verifyOtp } from '../support/code-attack-kit';
import { ConflictInjector } from '../support/conflict-injection';
import { VERIFY } from '../support/fixtures';
import { clientFrom, startTestApp, type TestApp } from '../support/harness';
import { sampleSum } from '../../src/bench/prometheus-text';
import { CONFLICT_TRIES } from '../../src/db/conflict-retry';

const TOKEN = 'conflicts-test-token-0123456789abcdefghij';

/**
 * Write conflicts (error 1213: a Galera certification failure, an InnoDB deadlock victim) are run
 * again from the start of their transaction and never reach the caller (docs/OPERATIONS.md, Galera).
 * Each test makes chosen statements of a sign-in fail as a conflict would and checks the answer and
 * the rows are what they are without it, and that a retry never sends a second text. The three-node
 * cluster test (galera.int.test.ts) shows the same under real conflicts.
 */
describe('write conflicts are retried, not answered', () => {
  let app: TestApp;
  let conflicts: ConflictInjector;

  beforeAll(async () => {
    app = await startTestApp({ portalFile: attackPortals(), env: { METRICS_TOKEN: TOKEN } });
    conflicts = new ConflictInjector(app.running.ds);
  });
  afterAll(() => app?.close());
  afterEach(() => conflicts.clear());

  const retried = async () => {
    const text = await (await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    const n = sampleSum(text, 'portal_db_conflicts_total', { outcome: 'retried' });
    return Number.isNaN(n) ? 0 : n; // no sample yet: none retried
  };

  it('login: a conflict on the SMS budgets and on storing the code sent; one text, and the code signs in', async () => {
    const before = await retried();
    const injectedBefore = conflicts.injected;
    // The budgets' transaction (its upsert, then its COMMIT), and the autocommit UPDATE that stores the
    // code's hash after the provider took the text.
    conflicts.failNext(/^INSERT INTO rate_counters .*VALUES \(\?, 1, \?\), \(/, 2);
    conflicts.failNext(/^COMMIT$/, 1);
    conflicts.failNext(/^UPDATE `?login_challenges`? SET .*code_hash/i, 2);
    const c = clientFrom(app);
    const { token, code } = await loginForCode(app, c, 'c01');
    expect(conflicts.injected - injectedBefore).toBe(5);
    expect(app.plivo.messagesTo(phoneOf('c01'))).toHaveLength(1);
    expect(await verifyOtp(c, token, code)).toMatchObject({ __typename: 'Authenticated' });
    expect(await retried()).toBeGreaterThanOrEqual(before + 5);
  });

  it('verifyOtp: conflicts at the commit of the sign-in transaction; one session, the challenge used once', async () => {
    const c = clientFrom(app);
    const { token, code } = await loginForCode(app, c, 'c02');
    const id = await accountId(app, 'c02');
    const injectedBefore = conflicts.injected;
    conflicts.failNext(/^COMMIT$/, 3);
    expect(await verifyOtp(c, token, code)).toMatchObject({ __typename: 'Authenticated' });
    expect(conflicts.injected - injectedBefore).toBe(3);
    expect(await sessionCount(app, id)).toBe(1);
    // Each rolled-back try gave its attempt back: the one that committed took one.
    expect(await challengesOf(app, id)).toEqual([{ step: 'VERIFY_CODE', attempts: 1, sends: 1, consumed: true }]);
    // And the code cannot be used again.
    expect(await verifyOtp(c, token, code)).toMatchObject({ code: 'CHALLENGE_INVALID' });
  });

  it('a wrong code under conflicts still counts as exactly one attempt', async () => {
    const c = clientFrom(app);
    const { token, code } = await loginForCode(app, c, 'c03');
    const id = await accountId(app, 'c03');
    conflicts.failNext(/^UPDATE `?login_challenges`? SET .*attempts/i, 2);
    const wrong = code === '000000' ? '000001' : '000000';
    expect(await verifyOtp(c, token, wrong)).toMatchObject({ code: 'INVALID_CODE', attemptsRemaining: 4 });
    expect((await challengesOf(app, id))[0]).toMatchObject({ attempts: 1, consumed: false });
    expect(await verifyOtp(c, token, code)).toMatchObject({ __typename: 'Authenticated' });
  });

  it('a conflict that outlasts every retry answers SERVICE_UNAVAILABLE and keeps nothing', async () => {
    const c = clientFrom(app);
    const { token, code } = await loginForCode(app, c, 'c04');
    const id = await accountId(app, 'c04');
    conflicts.failNext(/^COMMIT$/, CONFLICT_TRIES);
    const r = await c.gql(VERIFY, { input: { challengeToken: token, code } });
    expect(r.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(await sessionCount(app, id)).toBe(0);
    expect((await challengesOf(app, id))[0]).toMatchObject({ attempts: 0, consumed: false });
    // Once the conflicts are over, the same code signs in.
    expect(await verifyOtp(c, token, code)).toMatchObject({ __typename: 'Authenticated' });
    expect(await sessionCount(app, id)).toBe(1);
  });
});
