import { performance } from 'node:perf_hooks';
import { seedPortalFile } from '../../src/portals/portal-file/seed.service';
import { ENROLL, PASSWORD, RESEND } from '../support/fixtures';
import type { GqlClient } from '../support/gql-client';
import { clientFrom, freshIp, login, setPolicy, startTestApp, type TestApp } from '../support/harness';

/**
 * SMS pumping and toll fraud (docs/SECURITY.md "Attempts and limits", README "Settings" for the SMS limits): numbers
 * that cost money or cannot take an SMS are refused before Plivo is called; sends are capped per
 * challenge, customer, new number, IP and portal; a failed or hung provider uses up nothing.
 */

const HOUR = 3600;
const COOLDOWN = 30;
const phone = (n: number) => `+1415555${String(200 + n).padStart(4, '0')}`;

/** A portal of its own per limit, so that no test spends another's budget. Policy on, phones imported. */
const LIMITS_PORTAL = {
  portals: [
    {
      slug: 'limits',
      name: 'Limits Ltd',
      twoFactorEnabled: true,
      smsCountries: ['US', 'CA', 'GB'],
      profiles: [{ name: 'Master Admin', masterAdmin: true }],
      admins: [{ username: 'boss', password: PASSWORD, displayName: 'Boss', profile: 'Master Admin' }],
      companies: [
        {
          name: 'Pumpers Inc',
          customers: [
            ...['cap5', 'numbers', 'flaky', 'hung'].map((username) => ({ username, password: PASSWORD, displayName: username })),
            ...['cap5v', 'chatty', 'flakyv', 'ip1', 'ip2', 'ip3', 'ip4', 'ip5', 'ip6'].map((username, i) => ({
              username,
              password: PASSWORD,
              displayName: username,
              enrolledPhone: phone(i),
            })),
          ],
        },
      ],
    },
  ],
};
const PHONE_OF = { cap5v: phone(0), chatty: phone(1), flakyv: phone(2) } as const;

type Answer = { __typename: string; code?: string; retryAfterSeconds?: number | null; challenge?: { token: string } };

describe('SMS limits', () => {
  let app: TestApp;
  beforeAll(async () => {
    // Some tests here send 10 texts to one number to reach the limit they are about; the per-number
    // limits, tested on their own below, are raised so that they do not answer first.
    app = await startTestApp({ env: { RATE_SMS_PER_NUMBER_HOUR: '100', RATE_SMS_PER_NUMBER_DAY: '100' } });
    const seeded = await seedPortalFile(app.running.ds, LIMITS_PORTAL, app.clock);
    if (!seeded.ok) throw new Error(JSON.stringify(seeded.problems));
    await setPolicy(app, true); // acme, for the phone-number checks
  });
  afterAll(() => app.close());

  const enrollPhone = async (c: GqlClient, token: string, phoneNumber: string): Promise<Answer> =>
    (await c.gql(ENROLL, { input: { challengeToken: token, phoneNumber } })).body.data.enrollPhone;
  const resend = async (c: GqlClient, token: string): Promise<Answer> =>
    (await c.gql(RESEND, { input: { challengeToken: token } })).body.data.resendCode;
  /** Password step of a customer of the limits portal; returns the challenge token. */
  const startSignIn = async (c: GqlClient, username: string, expected = 'EnrollmentRequired'): Promise<string> => {
    const l = await login(c, username, 'limits');
    expect(l.__typename).toBe(expected);
    return l.challenge.token;
  };
  const expectRateLimited = (a: Answer, maxSeconds: number) => {
    expect(a).toMatchObject({ __typename: 'Problem', code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    expect(a.retryAfterSeconds).toBeGreaterThan(0);
    expect(a.retryAfterSeconds).toBeLessThanOrEqual(maxSeconds);
  };

  it('refuses toll-free, premium, fixed-line, VoIP, off-list and malformed numbers before Plivo is called', async () => {
    const bob = clientFrom(app);
    const l = await login(bob, 'bob');
    expect(l.__typename).toBe('EnrollmentRequired');
    const sent = app.plivo.attempts;
    const refused = [
      '+18005550199', // US toll-free
      '+18885550123', // US toll-free
      '+19002345678', // US premium rate
      '+449098790000', // UK premium rate
      '+442079460000', // UK fixed line
      '+445612345678', // UK VoIP
      '+33612345678', // a French mobile: FR is not on acme's list (US, CA, GB)
      'call me maybe', // letters
      '+1415555O134', // a letter O among the digits
      '+14155550134 ext. 12', // an extension
      '+14155550134,+14155550135', // two numbers
      '',
    ];
    for (const n of refused) {
      const a = await enrollPhone(bob, l.challenge.token, n);
      expect({ n, code: a.code }).toEqual({ n, code: 'INVALID_PHONE_NUMBER' });
    }
    expect(app.plivo.attempts).toBe(sent);
    // The challenge is intact: a mobile number on the list gets its code.
    expect((await enrollPhone(bob, l.challenge.token, '+447911234567')).__typename).toBe('CodeSent');
    expect(app.plivo.attempts).toBe(sent + 1);
  });

  it('sends at most 5 SMS per challenge, enrollment or sign-in, then RATE_LIMITED and nothing sent', async () => {
    const enrolling = clientFrom(app);
    const token = await startSignIn(enrolling, 'cap5');
    const number = phone(50);
    expect((await enrollPhone(enrolling, token, number)).__typename).toBe('CodeSent');
    for (let i = 0; i < 4; i += 1) {
      app.clock.advanceSeconds(COOLDOWN + 1);
      expect((await resend(enrolling, token)).__typename).toBe('CodeSent');
    }
    app.clock.advanceSeconds(COOLDOWN + 1);
    const attempts = app.plivo.attempts;
    expectRateLimited(await resend(enrolling, token), 600);
    expectRateLimited(await enrollPhone(enrolling, token, number), 600);
    expectRateLimited(await enrollPhone(enrolling, token, phone(51)), 600);
    expect(app.plivo.attempts).toBe(attempts);
    expect(app.plivo.messagesTo(number)).toHaveLength(5);

    const verifying = clientFrom(app);
    const vtoken = await startSignIn(verifying, 'cap5v', 'CodeRequired'); // the first SMS
    for (let i = 0; i < 4; i += 1) {
      app.clock.advanceSeconds(COOLDOWN + 1);
      expect((await resend(verifying, vtoken)).__typename).toBe('CodeSent');
    }
    app.clock.advanceSeconds(COOLDOWN + 1);
    expectRateLimited(await resend(verifying, vtoken), 600);
    expect(app.plivo.messagesTo(PHONE_OF.cap5v)).toHaveLength(5);
  });

  it('takes at most 3 distinct enrollment numbers per customer per hour, across challenges; a number already used is fine', async () => {
    const [a, b, c, d] = [phone(60), phone(61), phone(62), phone(63)];
    const first = clientFrom(app);
    const t1 = await startSignIn(first, 'numbers');
    expect((await enrollPhone(first, t1, a)).__typename).toBe('CodeSent');
    app.clock.advanceSeconds(COOLDOWN + 1);
    expect((await enrollPhone(first, t1, b)).__typename).toBe('CodeSent');

    const second = clientFrom(app); // a new sign-in does not start a new count
    const t2 = await startSignIn(second, 'numbers');
    expect((await enrollPhone(second, t2, c)).__typename).toBe('CodeSent');
    app.clock.advanceSeconds(COOLDOWN + 1);
    expectRateLimited(await enrollPhone(second, t2, d), HOUR);
    expect(app.plivo.messagesTo(d)).toHaveLength(0);
    expect((await enrollPhone(second, t2, a)).__typename).toBe('CodeSent');

    app.clock.advanceSeconds(HOUR);
    const third = clientFrom(app);
    const t3 = await startSignIn(third, 'numbers');
    expect((await enrollPhone(third, t3, d)).__typename).toBe('CodeSent');
  });

  it('sends at most 10 SMS per customer per hour, whatever the IP and the challenge', async () => {
    for (let i = 0; i < 10; i += 1) await startSignIn(clientFrom(app), 'chatty', 'CodeRequired');
    const sent = app.plivo.attempts;
    expectRateLimited(await login(clientFrom(app), 'chatty', 'limits'), HOUR);
    expect(app.plivo.attempts).toBe(sent);
    expect(app.plivo.messagesTo(PHONE_OF.chatty)).toHaveLength(10);
    app.clock.advanceSeconds(HOUR);
    await startSignIn(clientFrom(app), 'chatty', 'CodeRequired');
  });

  it('sends at most 30 SMS per client IP per hour, across customers', async () => {
    const ip = '198.51.100.130';
    const customers = ['ip1', 'ip2', 'ip3', 'ip4', 'ip5', 'ip6'];
    for (let round = 0; round < 5; round += 1) {
      for (const who of customers) await startSignIn(clientFrom(app, ip), who, 'CodeRequired');
    }
    const sent = app.plivo.attempts;
    expectRateLimited(await login(clientFrom(app, ip), 'ip1', 'limits'), HOUR);
    expect(app.plivo.attempts).toBe(sent);
    await startSignIn(clientFrom(app, '198.51.100.131'), 'ip1', 'CodeRequired'); // another IP is not held back
  });

  it('on a Plivo 500: SMS_DELIVERY_FAILED, recorded, and nothing used up (no cooldown, no send, no count)', async () => {
    const ip = freshIp();
    const c = clientFrom(app, ip);
    const token = await startSignIn(c, 'flaky');
    const number = phone(70);
    app.plivo.mode = 'fail500';
    const before = app.plivo.attempts;
    try {
      expect(await enrollPhone(c, token, number)).toMatchObject({ __typename: 'Problem', code: 'SMS_DELIVERY_FAILED' });
    } finally {
      app.plivo.mode = 'ok';
    }
    expect(app.plivo.attempts).toBe(before + 1);

    // At once (no cooldown to wait out), and still 5 sends on this challenge.
    expect((await enrollPhone(c, token, number)).__typename).toBe('CodeSent');
    for (let i = 0; i < 4; i += 1) {
      app.clock.advanceSeconds(COOLDOWN + 1);
      expect((await resend(c, token)).__typename).toBe('CodeSent');
    }
    app.clock.advanceSeconds(COOLDOWN + 1);
    expectRateLimited(await resend(c, token), 600);
    // And still 10 this hour for the customer: 5 more on a new challenge, then the cap.
    const again = clientFrom(app, ip);
    const t2 = await startSignIn(again, 'flaky');
    expect((await enrollPhone(again, t2, number)).__typename).toBe('CodeSent');
    for (let i = 0; i < 4; i += 1) {
      app.clock.advanceSeconds(COOLDOWN + 1);
      expect((await resend(again, t2)).__typename).toBe('CodeSent');
    }
    expect(app.plivo.messagesTo(number)).toHaveLength(10);
    expectRateLimited(await enrollPhone(clientFrom(app, ip), await startSignIn(clientFrom(app, ip), 'flaky'), number), HOUR);

    const boss = clientFrom(app);
    await login(boss, 'boss', 'limits');
    const flakyId = (await boss.gql('{ customers(search: "flaky") { edges { node { id username } } } }')).body.data.customers.edges.find(
      (e: any) => e.node.username === 'flaky',
    ).node.id;
    const events = await boss.gql(`query($id: ID) { twoFactorEvents(customerId: $id, types: [SMS_DELIVERY_FAILED]) {
      edges { node { type customerId ip detail } } } }`, { id: flakyId });
    const failed = events.body.data.twoFactorEvents.edges.map((e: any) => e.node);
    expect(failed).toEqual([{ type: 'SMS_DELIVERY_FAILED', customerId: flakyId, ip, detail: expect.any(String) }]);
    expect(failed[0].detail).not.toContain(number.slice(-7));
  });

  it('on a Plivo 500 during sign-in: login answers SMS_DELIVERY_FAILED, and the next login sends', async () => {
    app.plivo.mode = 'fail500';
    try {
      expect(await login(clientFrom(app), 'flakyv', 'limits')).toMatchObject({ __typename: 'Problem', code: 'SMS_DELIVERY_FAILED' });
    } finally {
      app.plivo.mode = 'ok';
    }
    await startSignIn(clientFrom(app), 'flakyv', 'CodeRequired');
    expect(app.plivo.messagesTo(PHONE_OF.flakyv)).toHaveLength(1);
  });

  it('when Plivo hangs: SMS_DELIVERY_FAILED after the 2 s timeout, not a hang, and the next send works at once', async () => {
    const c = clientFrom(app);
    const token = await startSignIn(c, 'hung');
    app.plivo.mode = 'hang';
    let elapsed: number;
    try {
      const t0 = performance.now();
      const a = await enrollPhone(c, token, phone(80));
      elapsed = performance.now() - t0;
      expect(a).toMatchObject({ __typename: 'Problem', code: 'SMS_DELIVERY_FAILED' });
    } finally {
      app.plivo.mode = 'ok';
    }
    expect(elapsed).toBeGreaterThanOrEqual(1_500);
    expect(elapsed).toBeLessThan(3_500);
    expect((await enrollPhone(c, token, phone(80))).__typename).toBe('CodeSent');
  });
});

describe('SMS limit per portal', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { RATE_SMS_PER_PORTAL_HOUR: '3' } });
    await setPolicy(app, true);
  });
  afterAll(() => app.close());

  it('caps the SMS of one portal per hour, whoever and wherever asks; other portals are not held back', async () => {
    const enrollOne = async (username: string, number: string): Promise<Answer> => {
      const c = clientFrom(app);
      const l = await login(c, username);
      expect(l.__typename).toBe('EnrollmentRequired');
      return (await c.gql(ENROLL, { input: { challengeToken: l.challenge.token, phoneNumber: number } })).body.data.enrollPhone;
    };
    expect((await login(clientFrom(app), 'carol')).__typename).toBe('CodeRequired'); // 1
    expect((await enrollOne('bob', '+14155550134')).__typename).toBe('CodeSent'); // 2
    expect((await enrollOne('dan', '+14155550177')).__typename).toBe('CodeSent'); // 3

    const sent = app.plivo.attempts;
    const erin = await enrollOne('erin', '+14155550188');
    expect(erin).toMatchObject({ __typename: 'Problem', code: 'RATE_LIMITED' });
    expect(erin.retryAfterSeconds).toBeLessThanOrEqual(HOUR);
    expect(await login(clientFrom(app), 'carol')).toMatchObject({ __typename: 'Problem', code: 'RATE_LIMITED' });
    expect(app.plivo.attempts).toBe(sent);

    expect((await login(clientFrom(app), 'olive', 'other')).__typename).toBe('CodeRequired');

    app.clock.advanceSeconds(HOUR);
    expect((await enrollOne('erin', '+14155550188')).__typename).toBe('CodeSent');
  });
});

/** One number's texts, whoever asks for them, in whichever portal (RATE_SMS_PER_NUMBER_HOUR / _DAY). */
describe('SMS limit per destination number', () => {
  const VICTIM = '+14155550900';
  const portal = (slug: string, prefix: string) => ({
    slug,
    name: `${slug} Ltd`,
    twoFactorEnabled: true,
    smsCountries: ['US'],
    profiles: [{ name: 'Master Admin', masterAdmin: true }],
    admins: [{ username: `${prefix}admin`, password: PASSWORD, displayName: 'Admin', profile: 'Master Admin' }],
    companies: [
      {
        name: `${slug} customers`,
        customers: [
          ...[1, 2, 3].map((n) => ({ username: `${prefix}${n}`, password: PASSWORD, displayName: `${prefix}${n}` })),
          // A customer whose enrolled phone is that number: its sign-in texts count against it too.
          { username: `${prefix}v`, password: PASSWORD, displayName: `${prefix}v`, enrolledPhone: VICTIM },
        ],
      },
    ],
  });
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ portalFile: { portals: [portal('north', 'n'), portal('south', 's')] } });
  });
  afterAll(() => app.close());

  /** A new sign-in of `username` (each from its own address) that asks for a code to `number`. */
  const enrollTo = async (slug: string, username: string, number = VICTIM): Promise<{ answer: Answer; c: GqlClient; token: string }> => {
    const c = clientFrom(app);
    const l = await login(c, username, slug);
    expect(l.__typename).toBe('EnrollmentRequired');
    const answer: Answer = (await c.gql(ENROLL, { input: { challengeToken: l.challenge.token, phoneNumber: number } })).body.data.enrollPhone;
    return { answer, c, token: l.challenge.token };
  };

  it('sends at most 5 texts an hour and 10 a day to one number, across customers and portals, on every kind of send', async () => {
    // A failed send uses up nothing of the number's budget.
    app.plivo.mode = 'fail500';
    try {
      expect((await enrollTo('north', 'n1')).answer).toMatchObject({ code: 'SMS_DELIVERY_FAILED' });
    } finally {
      app.plivo.mode = 'ok';
    }
    const first = await enrollTo('north', 'n1'); // enrollment: 1
    expect(first.answer.__typename).toBe('CodeSent');
    expect((await enrollTo('south', 's1')).answer.__typename).toBe('CodeSent'); // 2, another portal
    expect((await enrollTo('north', 'n2')).answer.__typename).toBe('CodeSent'); // 3
    expect((await enrollTo('south', 's2')).answer.__typename).toBe('CodeSent'); // 4
    expect((await login(clientFrom(app), 'sv', 'south')).__typename).toBe('CodeRequired'); // a sign-in code: 5

    const attempts = app.plivo.attempts;
    const sixth = await enrollTo('north', 'n3');
    expect(sixth.answer).toMatchObject({ __typename: 'Problem', code: 'RATE_LIMITED' });
    expect(sixth.answer.retryAfterSeconds).toBeGreaterThan(0);
    expect(sixth.answer.retryAfterSeconds).toBeLessThanOrEqual(HOUR);
    expect(await login(clientFrom(app), 'nv', 'north')).toMatchObject({ code: 'RATE_LIMITED' }); // sign-in
    app.clock.advanceSeconds(COOLDOWN + 1);
    const resent = await first.c.gql(RESEND, { input: { challengeToken: first.token } });
    expect(resent.body.data.resendCode).toMatchObject({ code: 'RATE_LIMITED' }); // resend
    expect(app.plivo.attempts).toBe(attempts);
    expect(app.plivo.messagesTo(VICTIM)).toHaveLength(5);
    // Other numbers are not held back, for the same customer either.
    expect((await enrollTo('north', 'n3', '+14155550901')).answer.__typename).toBe('CodeSent');

    // The next hour: 5 more, and then the day's 10 are spent.
    app.clock.advanceSeconds(HOUR);
    for (const [slug, who] of [['north', 'n1'], ['north', 'n2'], ['north', 'n3'], ['south', 's1'], ['south', 's2']]) {
      expect((await enrollTo(slug, who)).answer.__typename).toBe('CodeSent');
    }
    app.clock.advanceSeconds(HOUR);
    const eleventh = await enrollTo('south', 's3');
    expect(eleventh.answer).toMatchObject({ __typename: 'Problem', code: 'RATE_LIMITED' });
    expect(eleventh.answer.retryAfterSeconds).toBeGreaterThan(HOUR);
    expect(eleventh.answer.retryAfterSeconds).toBeLessThanOrEqual(24 * HOUR);
    expect(app.plivo.messagesTo(VICTIM)).toHaveLength(10);

    app.clock.advanceSeconds(24 * HOUR);
    expect((await enrollTo('south', 's3')).answer.__typename).toBe('CodeSent');
  });
});
