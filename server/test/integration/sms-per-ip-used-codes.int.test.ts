import { tally, type Result } from '../support/code-attack-kit';
import type { FakePlivo } from '../support/fake-plivo';
import { CONFIRM, ENROLL, LOGIN, PASSWORD, RESEND, VERIFY } from '../support/fixtures';
import { GqlClient } from '../support/gql-client';
import { login, startTestApp, type TestApp } from '../support/harness';
import { startServeProcesses, type ServeDeployment, type ServeProcess } from '../support/processes';

/**
 * A company's staff reach the portal through one office or VPN address. The per-IP text limit
 * (RATE_SMS_PER_IP_HOUR, 30) counts codes that were never used: a text whose code then signs someone in
 * or confirms a phone gives its hit back, to the address that was charged for it. SMS pumping never
 * completes a sign-in, so it is still cut off at 30; all texts per IP, used or not, stop at
 * RATE_SMS_PER_IP_HOUR_TOTAL (500). See docs/SECURITY.md.
 */

const HOUR = 3600;
const username = (i: number) => `u${String(i).padStart(3, '0')}`;
const phone = (i: number) => `+1415555${String(2000 + i)}`;

/** One portal, policy on, `count` customers each enrolled on a number of their own, and `newbie`, not enrolled. */
function officePortal(count: number) {
  return {
    portals: [
      {
        slug: 'office',
        name: 'Office Ltd',
        twoFactorEnabled: true,
        smsCountries: ['US'],
        profiles: [{ name: 'Master Admin', masterAdmin: true }],
        admins: [{ username: 'boss', password: PASSWORD, displayName: 'Boss', profile: 'Master Admin' }],
        companies: [
          {
            name: 'Staff',
            customers: [
              ...Array.from({ length: count }, (_, k) => ({
                username: username(k + 1),
                password: PASSWORD,
                displayName: username(k + 1),
                enrolledPhone: phone(k + 1),
              })),
              { username: 'newbie', password: PASSWORD, displayName: 'Newbie' },
            ],
          },
        ],
      },
    ],
  };
}

async function step(c: GqlClient, query: string, field: string, input: Record<string, unknown>): Promise<Result> {
  const r = await c.gql(query, { input });
  if (r.body.errors || !r.body.data) throw new Error(`${field}: ${JSON.stringify(r.body)}`);
  return r.body.data[field];
}

/** Password, then the code the fake Plivo received: what a person at the office does. */
async function signIn(plivo: FakePlivo, c: GqlClient, i: number): Promise<Result> {
  const l = await step(c, LOGIN, 'login', { portal: 'office', username: username(i), password: PASSWORD });
  if (l.__typename !== 'CodeRequired') return l;
  return step(c, VERIFY, 'verifyOtp', { challengeToken: l.challenge.token, code: plivo.lastCodeFor(phone(i)) });
}

/** Runs `work` over 1..n with at most `width` at a time, answers in order. */
async function inWaves<T>(n: number, width: number, work: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let start = 1; start <= n; start += width) {
    const wave = Array.from({ length: Math.min(width, n - start + 1) }, (_, k) => work(start + k));
    out.push(...(await Promise.all(wave)));
  }
  return out;
}

describe('an office behind one address, on two serve processes', () => {
  const AUTH = { authId: 'MAOFFICETEST00000001', authToken: 'office-test-auth-token-0123456789' };
  const OFFICE = '198.51.100.60';
  let deployment: ServeDeployment;
  let plivo: FakePlivo;
  let servers: ServeProcess[] = [];
  const officeClient = (i: number) => new GqlClient(servers[i % 2].url, { 'x-forwarded-for': OFFICE });

  beforeAll(async () => {
    deployment = await startServeProcesses({
      count: 2,
      secretKey: 'office-processes-secret-key-0123456789abcdef',
      plivo: AUTH,
      portalFile: officePortal(60),
      env: { TRUST_PROXY: '1' },
    });
    ({ plivo, servers } = deployment);
  }, 240_000);

  afterAll(() => deployment?.stop(), 60_000);

  it('60 customers behind one address each sign in with password and code within a minute, all Authenticated', async () => {
    const started = Date.now();
    const answers = await inWaves(60, 6, (i) => signIn(plivo, officeClient(i), i));
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(tally(answers)).toEqual({ Authenticated: 60 });
  }, 120_000);

  it('40 logins from that address that never enter a code are cut off at 30 texts', async () => {
    const sent = plivo.messages.length;
    const answers: Result[] = [];
    for (let i = 1; i <= 40; i += 1) {
      answers.push(await step(officeClient(i), LOGIN, 'login', { portal: 'office', username: username(i), password: PASSWORD }));
    }
    expect(tally(answers)).toEqual({ CodeRequired: 30, RATE_LIMITED: 10 });
    for (const a of answers.slice(30)) {
      expect(a.retryAfterSeconds).toBeGreaterThan(0);
      expect(a.retryAfterSeconds).toBeLessThanOrEqual(HOUR);
    }
    expect(plivo.messages.length - sent).toBe(30);
  }, 120_000);
});

describe('per-IP text refunds', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ portalFile: officePortal(101) });
  }, 120_000);
  afterAll(() => app.close());

  const from = (ip: string, url = app.url) => new GqlClient(url, { 'x-forwarded-for': ip });
  const hits = async (key: string): Promise<number> => {
    const rows = await app.running.ds.query('SELECT hits FROM rate_counters WHERE counter_key = ?', [key]);
    return rows.length ? Number(rows[0].hits) : 0;
  };
  const startFor = async (ip: string, i: number) => {
    const l = await login(from(ip), username(i), 'office');
    expect(l.__typename).toBe('CodeRequired');
    return l.challenge.token as string;
  };

  it('20 concurrent right codes over two servers refund once; only the used text, to the address it was charged to', async () => {
    const second = await app.startAnother();
    const [x, y, z] = ['198.51.100.201', '198.51.100.202', '198.51.100.203'];
    const a = await startFor(x, 1);
    await startFor(x, 2); // a text nobody will use
    expect(await hits(`sms:ip:${x}`)).toBe(2);

    const code = app.plivo.lastCodeFor(phone(1));
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => step(from(`198.51.100.${10 + i}`, i % 2 ? second.url : app.url), VERIFY, 'verifyOtp', { challengeToken: a, code })),
    );
    // One wins; the others lost either the attempt (all 5 taken before the winner committed:
    // TOO_MANY_ATTEMPTS) or the consume (CHALLENGE_INVALID), depending on timing.
    const counts = tally(answers);
    expect(counts.Authenticated).toBe(1);
    expect((counts.CHALLENGE_INVALID ?? 0) + (counts.TOO_MANY_ATTEMPTS ?? 0)).toBe(19);
    expect(await hits(`sms:ip:${x}`)).toBe(1);
    expect(await hits(`sms:ip-all:${x}`)).toBe(2); // the ceiling on all texts keeps both

    // Three texts on one challenge, the last one paid for by another address: only that one comes back,
    // to that address, whoever verifies.
    const c = await startFor(x, 3);
    app.clock.advanceSeconds(31);
    expect((await step(from(y), RESEND, 'resendCode', { challengeToken: c })).__typename).toBe('CodeSent');
    app.clock.advanceSeconds(31);
    expect((await step(from(y), RESEND, 'resendCode', { challengeToken: c })).__typename).toBe('CodeSent');
    expect([await hits(`sms:ip:${x}`), await hits(`sms:ip:${y}`)]).toEqual([2, 2]);
    const verified = await step(from(z), VERIFY, 'verifyOtp', { challengeToken: c, code: app.plivo.lastCodeFor(phone(3)) });
    expect(verified.__typename).toBe('Authenticated');
    expect([await hits(`sms:ip:${x}`), await hits(`sms:ip:${y}`), await hits(`sms:ip:${z}`)]).toEqual([2, 1, 0]);
  });

  it('a confirmed phone gives its enrollment text back too; an unconfirmed one does not', async () => {
    const ip = '198.51.100.204';
    const c = from(ip);
    const l = await login(c, 'newbie', 'office');
    expect(l.__typename).toBe('EnrollmentRequired');
    const number = '+14155559001';
    expect((await step(c, ENROLL, 'enrollPhone', { challengeToken: l.challenge.token, phoneNumber: number })).__typename).toBe('CodeSent');
    expect(await hits(`sms:ip:${ip}`)).toBe(1);
    const wrong = app.plivo.lastCodeFor(number) === '000000' ? '000001' : '000000';
    expect(await step(c, CONFIRM, 'confirmCode', { challengeToken: l.challenge.token, code: wrong })).toMatchObject({ code: 'INVALID_CODE' });
    expect(await hits(`sms:ip:${ip}`)).toBe(1);
    const confirmed = await step(c, CONFIRM, 'confirmCode', { challengeToken: l.challenge.token, code: app.plivo.lastCodeFor(number) });
    expect(confirmed.__typename).toBe('ReloginRequired');
    expect(await hits(`sms:ip:${ip}`)).toBe(0);
  });

  it('500 used codes from one address, then the total ceiling answers RATE_LIMITED with retryAfterSeconds', async () => {
    app.clock.advanceSeconds(HOUR);
    const office = '198.51.100.77';
    // 100 customers, 5 sign-ins each: inside every per-customer and per-number limit.
    const answers = await inWaves(500, 5, (n) => signIn(app.plivo, from(office), ((n - 1) % 100) + 1));
    expect(tally(answers)).toEqual({ Authenticated: 500 });
    expect(await hits(`sms:ip:${office}`)).toBe(0);

    const sent = app.plivo.attempts;
    const over = await login(from(office), username(101), 'office');
    expect(over).toMatchObject({ __typename: 'Problem', code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    expect(over.retryAfterSeconds).toBeGreaterThan(0);
    expect(over.retryAfterSeconds).toBeLessThanOrEqual(HOUR);
    expect(app.plivo.attempts).toBe(sent);
    expect((await login(from('198.51.100.78'), username(101), 'office')).__typename).toBe('CodeRequired');
  }, 600_000);
});
