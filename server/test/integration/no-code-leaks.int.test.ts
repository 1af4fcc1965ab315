import { codeFor, confirmCode, enrollPhone, otherCode, resendCode, verifyOtp } from '../support/code-attack-kit';
import { CAROL_PHONE } from '../support/fixtures';
import { allResponseBodies } from '../support/gql-client';
import { clientFrom, login, setPolicy, startTestApp, type TestApp } from '../support/harness';

/**
 * A code never appears in a response, an error or a log line, and a whole phone number never in a
 * log line (docs/SECURITY.md: ASVS 2.7.5; real bugs returned codes in "debug" fields
 * or logged the SMS provider's error, which carries the request body).
 *
 * Self-contained: one flow touching every path that handles a code or a number (enrollment, a wrong
 * code, resends, relogin, a sign-in, an expired code, a dead challenge, Plivo answering 500 or 400
 * or never), then every response body this file received, every line the server logged and every
 * console call are searched. The codes come from the SMS sender itself, so codes that never reached
 * Plivo (its failures) are searched for too.
 */
describe('no code or phone number leaks', () => {
  let app: TestApp;
  const texts: string[] = [];
  const consoleLines: string[] = [];
  beforeAll(async () => {
    app = await startTestApp();
    const sms = app.running.services.sms;
    const send = sms.send.bind(sms);
    jest.spyOn(sms, 'send').mockImplementation((m) => {
      texts.push(m.text);
      return send(m);
    });
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      jest.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        consoleLines.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
      });
    }
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await app.close();
  });

  const BOB_PHONE = '+14155550134';
  const BOB_TYPED = '(415) 555-0134';
  const DAN_PHONE = '+14155550135';

  it('runs a full flow, with Plivo failing in every way', async () => {
    await setPolicy(app, true);

    // Enrollment with a wrong code, a resend, the old code, then the new one.
    const bob = clientFrom(app);
    const first = await login(bob, 'bob');
    const sent = await enrollPhone(bob, first.challenge.token, BOB_TYPED);
    expect(sent.__typename).toBe('CodeSent');
    const enrollCode = codeFor(app, BOB_PHONE);
    expect(await confirmCode(bob, sent.challenge.token, otherCode(enrollCode))).toMatchObject({ code: 'INVALID_CODE' });
    app.clock.advanceSeconds(30);
    expect(await resendCode(bob, sent.challenge.token)).toMatchObject({ __typename: 'CodeSent' });
    expect(await confirmCode(bob, sent.challenge.token, enrollCode)).toMatchObject({ code: 'INVALID_CODE' });
    expect(await confirmCode(bob, sent.challenge.token, codeFor(app, BOB_PHONE))).toMatchObject({ __typename: 'ReloginRequired' });

    // Relogin: wrong codes, a resend, the right code.
    const again = await login(bob, 'bob');
    const loginCode = codeFor(app, BOB_PHONE);
    expect(await verifyOtp(bob, again.challenge.token, otherCode(loginCode))).toMatchObject({ code: 'INVALID_CODE' });
    expect(await verifyOtp(bob, again.challenge.token, '12345')).toMatchObject({ code: 'INVALID_CODE' });
    app.clock.advanceSeconds(30);
    expect(await resendCode(bob, again.challenge.token)).toMatchObject({ __typename: 'CodeSent' });
    expect(await verifyOtp(bob, again.challenge.token, codeFor(app, BOB_PHONE))).toMatchObject({ __typename: 'Authenticated' });
    expect((await bob.gql('{ viewer { username customer { twoFactor { maskedPhone } } } }')).body.data.viewer.username).toBe('bob');

    // An expired code, then a dead challenge (the right code is refused after five wrong ones).
    const carol = clientFrom(app);
    const expiring = await login(carol, 'carol');
    app.clock.advanceSeconds(300);
    expect(await verifyOtp(carol, expiring.challenge.token, codeFor(app, CAROL_PHONE))).toMatchObject({ code: 'CODE_EXPIRED' });
    const dying = await login(carol, 'carol');
    const carolCode = codeFor(app, CAROL_PHONE);
    for (let i = 0; i < 5; i += 1) await verifyOtp(carol, dying.challenge.token, otherCode(carolCode));
    expect(await verifyOtp(carol, dying.challenge.token, carolCode)).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });

    // A number refused before Plivo is called.
    const dan = clientFrom(app);
    const danStart = await login(dan, 'dan');
    expect(await enrollPhone(dan, danStart.challenge.token, '+1 900 555 0100')).toMatchObject({ code: 'INVALID_PHONE_NUMBER' });

    // Plivo failing: a 500, a 400, and no answer at all (PLIVO_TIMEOUT_SECONDS=2 in the harness).
    for (const mode of ['fail500', 'fail400', 'hang'] as const) {
      app.plivo.mode = mode;
      expect(await login(clientFrom(app), 'carol')).toMatchObject({ code: 'SMS_DELIVERY_FAILED' });
      expect(await enrollPhone(dan, danStart.challenge.token, DAN_PHONE)).toMatchObject({ code: 'SMS_DELIVERY_FAILED' });
    }
    app.plivo.mode = 'ok';

    // An admin reads the audit trail: its details are searched too.
    const admin = clientFrom(app);
    await login(admin, 'alice');
    const events = await admin.gql('{ twoFactorEvents(first: 100) { edges { node { type detail ip customerUsername } } } }');
    expect(events.body.data.twoFactorEvents.edges.length).toBeGreaterThan(10);
  }, 30_000);

  /** Every code the server made: those that reached Plivo, and those whose sending failed. */
  const allCodes = () => {
    const codes = texts.map((t) => /#(\d{6})$/.exec(t)?.[1]);
    expect(codes).not.toContain(undefined);
    return [...new Set(codes as string[])];
  };
  /**
   * A code that was sent, as a token of its own: bounded by anything but a letter or a digit. A run
   * of six digits inside a timestamp, a hex request id or a UUID is not a code, and matching it made
   * this search fail now and then on unchanged code.
   */
  const standalone = (code: string) => new RegExp(`(?<![0-9A-Za-z])${code}(?![0-9A-Za-z])`);

  it('the leak search finds a code standing alone, not the same digits inside an id', () => {
    const code = '123456';
    for (const leak of [`code 123456`, `"text":"Your code #123456"`, `code=123456&x`, `[123456]`, `123456`]) {
      expect(standalone(code).test(leak)).toBe(true);
    }
    for (const id of [`"reqId":"9fa123456c0e"`, `req-a123456f`, `3f0b8a4e-6c1d-4e7a-9b2f-5d8c123456ab`, `"time":17123456789`]) {
      expect(standalone(code).test(id)).toBe(false);
    }
  });

  it('made codes, including some Plivo never accepted', () => {
    const codes = allCodes();
    const accepted = app.plivo.messages.map((m) => /#(\d{6})$/.exec(m.text)?.[1]);
    expect(codes.length).toBeGreaterThanOrEqual(accepted.length + 5);
    for (const code of accepted) expect(codes).toContain(code);
  });

  it('no code appears in any HTTP response body', () => {
    expect(allResponseBodies.length).toBeGreaterThan(30);
    for (const code of allCodes()) {
      expect(allResponseBodies.filter((b) => standalone(code).test(b))).toEqual([]);
    }
  });

  it('no code appears in any log line or console output', () => {
    expect(app.logs.some((l) => l.includes('sms delivery failed'))).toBe(true); // the failures were logged
    for (const code of allCodes()) {
      expect(app.logs.filter((l) => standalone(code).test(l))).toEqual([]);
      expect(consoleLines.filter((l) => standalone(code).test(l))).toEqual([]);
    }
  });

  it('no whole phone number appears in any log line or console output', () => {
    const numbers = [BOB_PHONE, DAN_PHONE, CAROL_PHONE, '+19005550100'];
    const forms = numbers.flatMap((n) => [n, n.slice(1), n.slice(2)]).concat([BOB_TYPED, '900 555 0100']);
    const lines = [...app.logs, ...consoleLines];
    for (const form of forms) expect(lines.filter((l) => l.includes(form))).toEqual([]);
  });
});
