import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { seedPortalFile } from '../../src/portals/portal-file/seed.service';
import { start, type Running } from '../../src/index';
import { FixedClock } from '../../src/lib/clock';
import { ConsoleSmsSender } from '../../src/sms/console.sender';
import { CAROL_PHONE, CONFIRM, ENROLL, LOGIN, PASSWORD, SET_POLICY, TEST_PORTALS, VERIFY, VIEWER } from '../support/fixtures';
import { GqlClient } from '../support/gql-client';

/**
 * The embedded default (README "Commands": `npm start`): a SQLite file under the data folder and SMS printed
 * to the console. The seed story's main steps and the wrong-password limit work there as on MySQL.
 */

const BOB_PHONE = '+14155550134';

describe('the embedded default: SQLite and the console SMS sender', () => {
  const dir = mkdtempSync(join(tmpdir(), 'p2fa-sqlite-'));
  const dbFile = join(dir, 'p.sqlite');
  const clock = new FixedClock(new Date());
  const printed: string[] = [];
  let stdoutSpy: jest.SpyInstance;
  let running: Running;
  let outbox: ConsoleSmsSender;

  beforeAll(async () => {
    // The console sender prints to stdout: keep its lines for the test instead of the terminal.
    const write = process.stdout.write.bind(process.stdout);
    stdoutSpy = jest.spyOn(process.stdout, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
      const text = String(chunk);
      if (text.startsWith('│') || text.startsWith('┌') || text.startsWith('├') || text.startsWith('└')) {
        printed.push(text);
        return true;
      }
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stdout.write);

    const config = loadConfig({ DATABASE_URL: `sqlite:${dbFile}`, PORT: '0', DATA_DIR: dir, SMS_PROVIDER: 'console', LOG_LEVEL: 'silent' });
    running = await start(config, { migrate: true, clock });
    expect(running.services.sms).toBeInstanceOf(ConsoleSmsSender);
    outbox = running.services.sms as ConsoleSmsSender;
    const seeded = await seedPortalFile(running.ds, TEST_PORTALS, clock);
    if (!seeded.ok) throw new Error(JSON.stringify(seeded.problems));
  });
  afterAll(async () => {
    await running?.stop();
    stdoutSpy.mockRestore();
    rmSync(dir, { recursive: true, force: true });
  });

  const client = () => new GqlClient(running.url);
  const login = async (c: GqlClient, username: string, password = PASSWORD) =>
    (await c.gql(LOGIN, { input: { portal: 'acme', username, password } })).body.data.login;
  /** The code of the newest message to `to` in the console sender's outbox. */
  const lastCodeTo = (to: string): string => {
    const message = outbox.outbox().find((m) => m.to === to);
    const code = message && /\b(\d{6})\b/.exec(message.text)?.[1];
    if (!code) throw new Error(`no code sent to ${to}`);
    return code;
  };

  it('keeps its data in the SQLite file and a generated secret key under the data folder', () => {
    expect(running.ds.options.type).toBe('better-sqlite3');
    expect(existsSync(dbFile)).toBe(true);
    const key = join(dir, 'secret.key');
    expect(existsSync(key)).toBe(true);
    expect(statSync(key).mode & 0o077).toBe(0); // readable by its owner only
  });

  it('runs the seed story: policy on, enroll, re-login, sign in with the code printed to the console', async () => {
    const alice = client();
    expect((await login(alice, 'alice')).__typename).toBe('Authenticated');
    const policy = await alice.gql(SET_POLICY, { enabled: true });
    expect(policy.body.data.setTwoFactorPolicy).toMatchObject({ enabled: true, customerCount: 4, enrolledCount: 1 });

    const bob = client();
    const first = await login(bob, 'bob');
    expect(first).toMatchObject({ __typename: 'EnrollmentRequired', challenge: { step: 'ENROLL_PHONE' } });
    const sent = await bob.gql(ENROLL, { input: { challengeToken: first.challenge.token, phoneNumber: '(415) 555-0134' } });
    expect(sent.body.data.enrollPhone).toMatchObject({ __typename: 'CodeSent', challenge: { step: 'CONFIRM_ENROLLMENT', maskedPhone: '+1 •••-•••-0134' } });
    const enrollCode = lastCodeTo(BOB_PHONE);
    expect(printed.join('')).toContain(enrollCode); // "SMS printed to the console"

    const confirmed = await bob.gql(CONFIRM, { input: { challengeToken: sent.body.data.enrollPhone.challenge.token, code: enrollCode } });
    expect(confirmed.body.data.confirmCode.__typename).toBe('ReloginRequired');
    expect((await bob.gql(VIEWER)).body.data.viewer).toBeNull();

    const second = await login(bob, 'bob');
    expect(second).toMatchObject({ __typename: 'CodeRequired', challenge: { step: 'VERIFY_CODE', maskedPhone: '+1 •••-•••-0134' } });
    const loginCode = lastCodeTo(BOB_PHONE);
    expect(loginCode).not.toBe(enrollCode);
    const verified = await bob.gql(VERIFY, { input: { challengeToken: second.challenge.token, code: loginCode } });
    expect(verified.body.data.verifyOtp).toMatchObject({
      __typename: 'Authenticated',
      viewer: { username: 'bob', kind: 'CUSTOMER', customer: { twoFactor: { status: 'ENROLLED' } } },
    });
    expect((await bob.gql(VIEWER)).body.data.viewer).toMatchObject({ username: 'bob' });

    // carol's imported phone counts, and a used code does not work twice.
    const carol = client();
    const carolLogin = await login(carol, 'carol');
    expect(carolLogin.__typename).toBe('CodeRequired');
    expect(lastCodeTo(CAROL_PHONE)).toMatch(/^\d{6}$/);
    const replay = await client().gql(VERIFY, { input: { challengeToken: second.challenge.token, code: loginCode } });
    expect(replay.body.data.verifyOtp).toMatchObject({ __typename: 'Problem', code: 'CHALLENGE_INVALID' });
  });

  it('limits wrong passwords on SQLite too: 10, then RATE_LIMITED even for the right one, until the window ends', async () => {
    for (let i = 0; i < 10; i += 1) expect((await login(client(), 'dan', `wrong ${i}`)).code).toBe('INVALID_CREDENTIALS');
    const limited = await login(client(), 'dan');
    expect(limited).toMatchObject({ __typename: 'Problem', code: 'RATE_LIMITED' });
    expect(limited.retryAfterSeconds).toBeGreaterThan(0);
    expect(limited.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
    // The same for a username that does not exist.
    for (let i = 0; i < 10; i += 1) await login(client(), 'no-such-dan', `wrong ${i}`);
    expect((await login(client(), 'no-such-dan')).code).toBe('RATE_LIMITED');

    clock.advanceSeconds(15 * 60);
    expect((await login(client(), 'dan')).__typename).toBe('EnrollmentRequired'); // policy is on: the password step passed
  });

  it('one identity, one key on SQLite too: case and width are one name, an accent or a zero-width space another', async () => {
    const as = async (portal: string, username: string, password: string) =>
      (await client().gql(LOGIN, { input: { portal, username, password } })).body.data.login;
    expect((await as('ＡＣＭＥ', 'ＥＲＩＮ', PASSWORD)).__typename).toBe('EnrollmentRequired');
    for (const [portal, username] of [['acme', 'érin'], ['acme', 'erin\u200b'], ['acmé', 'erin'], ['acme\u202e', 'erin']]) {
      expect((await as(portal, username, PASSWORD)).code).toBe('INVALID_CREDENTIALS');
    }
    for (let i = 0; i < 10; i += 1) await as(i % 2 ? 'ACME' : 'ａｃｍｅ', i % 2 ? 'Erin' : 'ｅｒｉｎ', `wrong ${i}`);
    expect((await as('acme', 'erin', PASSWORD)).code).toBe('RATE_LIMITED');
  });

  it("an API key stops when its creator's profile loses Master Admin, and works again when it has it back", async () => {
    const alice = client();
    expect((await login(alice, 'alice')).__typename).toBe('Authenticated');
    const made = await alice.gql(`mutation { createApiKey(input: { name: "sqlite" }) { secret } }`);
    const key = new GqlClient(running.url, { authorization: `Bearer ${made.body.data.createApiKey.secret}` });
    const read = () => key.gql(`{ twoFactorPolicy { enabled } }`);
    expect((await read()).status).toBe(200);
    const ds = running.ds;
    await ds.query(`UPDATE profiles SET master_admin = 0 WHERE name = 'Master Admin'`);
    try {
      const refused = await read();
      expect(refused.status).toBe(401);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    } finally {
      await ds.query(`UPDATE profiles SET master_admin = 1 WHERE name = 'Master Admin'`);
    }
    expect((await read()).status).toBe(200);
  });

  it('the enrollment grace period on SQLite too: dan postpones inside it, is forced at its deadline', async () => {
    const alice = client();
    expect((await login(alice, 'alice')).__typename).toBe('Authenticated');
    const set = await alice.gql('mutation { setEnrollmentGraceDays(days: 2) { graceEndsAt } }');
    // The policy went on in the seed story: the deadline counts from then.
    const ends = Date.parse(set.body.data.setEnrollmentGraceDays.graceEndsAt);
    const POSTPONE = `mutation($t: String!) { postponeEnrollment(input: { challengeToken: $t }) {
      __typename ... on Authenticated { viewer { username } } ... on Problem { code } } }`;
    const dan = client();
    const inside = await login(dan, 'dan');
    expect(inside.__typename).toBe('EnrollmentRequired');
    expect((await dan.gql(POSTPONE, { t: inside.challenge.token })).body.data.postponeEnrollment).toEqual({ __typename: 'Authenticated', viewer: { username: 'dan' } });
    expect((await dan.gql(VIEWER)).body.data.viewer).toMatchObject({ username: 'dan' });
    clock.advanceSeconds((ends - clock.now().getTime()) / 1000);
    expect((await dan.gql(VIEWER)).body.data.viewer).toBeNull();
    const late = client();
    const after = await login(late, 'dan');
    expect((await late.gql(POSTPONE, { t: after.challenge.token })).body.data.postponeEnrollment).toEqual({ __typename: 'Problem', code: 'GRACE_PERIOD_ENDED' });
  });
});
