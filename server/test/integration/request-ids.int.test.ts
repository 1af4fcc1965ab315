import { CAROL_PHONE, PASSWORD, VERIFY } from '../support/fixtures';
import { clientFrom, setPolicy, startTestApp, type TestApp } from '../support/harness';
import { codeFor, login } from '../support/sign-in-kit';

/**
 * Every log line written while a request is served names it (docs/OPERATIONS.md, Request ids): the id
 * the response echoes in X-Request-Id, on the lines of pino-http and of the services alike, and a
 * sign-in can be followed from its login to its verifyOtp by the challenge's id. None of those lines
 * holds the code, the challenge token, the session token, the password or the phone number.
 */
describe('request ids on every log line of a sign-in', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
    await setPolicy(app, true);
  });

  afterAll(() => app?.close());

  it('login → verifyOtp: each line carries its request id, the two requests share the challenge id, and no secret appears', async () => {
    const c = clientFrom(app);
    const before = app.logs.length;
    const loginRes = await c.gql(
      `mutation L($input: LoginInput!) { login(input: $input) { __typename ... on CodeRequired { challenge { token } } } }`,
      { input: { portal: 'acme', username: 'carol', password: PASSWORD } },
    );
    expect(loginRes.body.data.login.__typename).toBe('CodeRequired');
    const token: string = loginRes.body.data.login.challenge.token;
    const code = codeFor(app, CAROL_PHONE);
    const verifyRes = await c.gql(VERIFY, { input: { challengeToken: token, code } });
    expect(verifyRes.body.data.verifyOtp.__typename).toBe('Authenticated');
    const sessionCookie = c.cookieHeader;
    expect(sessionCookie).not.toBe('');

    const ids = [loginRes.headers.get('x-request-id'), verifyRes.headers.get('x-request-id')];
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[0]).not.toBe(ids[1]);

    const text = app.logs.slice(before);
    const lines = text.map((l) => JSON.parse(l));
    // Every line of these two requests names one of them; nothing else ran meanwhile.
    for (const line of lines) expect(ids).toContain(line.reqId);
    const of = (id: string | null) => lines.filter((l) => l.reqId === id);
    for (const id of ids) {
      const own = of(id);
      // pino-http's line and the service's own line, both with the id.
      expect(own.map((l) => l.msg)).toEqual(expect.arrayContaining(['request completed', 'sign-in step']));
      expect(own.find((l) => l.msg === 'request completed').req.id).toBe(id);
    }
    const [loginStep] = of(ids[0]).filter((l) => l.msg === 'sign-in step');
    const [verifyStep] = of(ids[1]).filter((l) => l.msg === 'sign-in step');
    expect(loginStep).toMatchObject({ step: 'login', outcome: 'code_required', challengeId: expect.any(String), accountId: expect.any(String) });
    expect(verifyStep).toMatchObject({ step: 'verifyOtp', outcome: 'authenticated', challengeId: loginStep.challengeId, accountId: loginStep.accountId });

    const secrets = {
      code,
      challengeToken: token,
      sessionToken: sessionCookie.split('=')[1],
      password: PASSWORD,
      phone: CAROL_PHONE.slice(1),
      phoneTail: CAROL_PHONE.slice(-7),
    };
    for (const [what, secret] of Object.entries(secrets)) {
      // A code is six digits: matched only as a token of its own, so a hex id cannot match by chance.
      const pattern = what === 'code' ? new RegExp(`(^|[^0-9a-f])${secret}([^0-9a-f]|$)`) : new RegExp(secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      expect(text.filter((l) => pattern.test(l)).map((l) => `${what}: ${l}`)).toEqual([]);
    }
  });

  it('a wrong code and a bad token log their step too, with the request id and no secret', async () => {
    const c = clientFrom(app);
    const l = await login(c, 'carol');
    expect(l.__typename).toBe('CodeRequired');
    const before = app.logs.length;
    const res = await c.gql(VERIFY, { input: { challengeToken: 'not-a-token', code: '000000' } });
    expect(res.body.data.verifyOtp).toMatchObject({ code: 'CHALLENGE_INVALID' });
    const lines = app.logs.slice(before).map((x) => JSON.parse(x));
    const step = lines.find((x) => x.msg === 'sign-in step');
    expect(step).toMatchObject({ reqId: res.headers.get('x-request-id'), step: 'verifyOtp', outcome: 'CHALLENGE_INVALID' });
    expect(JSON.stringify(lines)).not.toContain('not-a-token');
  });
});
