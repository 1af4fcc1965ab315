import { CAROL_PHONE } from '../support/fixtures';
import { codeFor, confirmCode, enrollPhone, loginToCodeStep, resendCode, verifyOtp, wrongCode } from '../support/sign-in-kit';
import { clientFrom, login, setPolicy, startTestApp, type TestApp } from '../support/harness';
import { labelValues, sampleSum } from '../../src/bench/prometheus-text';

const TOKEN = 'metrics-test-token-0123456789abcdefghij';
const BOB_PHONE = '+447400123456'; // a GB mobile: the acme portal texts US, CA and GB

async function scrape(app: TestApp, authorization?: string): Promise<Response> {
  return fetch(`${app.url}/metrics`, { headers: authorization ? { authorization } : {} });
}

/**
 * GET /metrics (docs/OPERATIONS.md, Metrics): off without METRICS_TOKEN, behind its bearer token with
 * it; the counters move where the outcomes are decided, and no label carries a customer's username,
 * phone number, code, token or address.
 */
describe('GET /metrics', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { METRICS_TOKEN: TOKEN } });
  });
  afterAll(() => app?.close());

  it('answers only the bearer of METRICS_TOKEN', async () => {
    expect((await scrape(app)).status).toBe(401);
    expect((await scrape(app, `Bearer ${TOKEN}x`)).status).toBe(401);
    expect((await scrape(app, `Bearer ${TOKEN.slice(0, -1)}`)).status).toBe(401);
    expect((await scrape(app, TOKEN)).status).toBe(401);
    const r = await scrape(app, `Bearer ${TOKEN}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await r.text();
    // prom-client's process metrics, and the MySQL pool's gauges (each process has a pool of 10).
    expect(sampleSum(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sampleSum(text, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(sampleSum(text, 'portal_db_pool_connections_max')).toBe(10);
    expect(sampleSum(text, 'portal_db_pool_requests_waiting')).toBe(0);
    expect(sampleSum(text, 'portal_db_pool_connections_in_use')).toBeGreaterThanOrEqual(0);
  });

  it('counts sign-in steps, texts, refusals and GraphQL durations, and names no customer', async () => {
    await setPolicy(app, true);
    const seen: string[] = []; // every secret of the flow, searched for in the scrape at the end

    // bob enrolls a GB number: login → enrollPhone (a text) → a wrong code → the right one.
    const bobIp = '198.51.100.77';
    const bob = clientFrom(app, bobIp);
    const first = await login(bob, 'bob');
    const sent = await enrollPhone(bob, first.challenge.token, BOB_PHONE);
    const enrollCode = codeFor(app, BOB_PHONE);
    expect(await confirmCode(bob, sent.challenge.token, wrongCode(enrollCode))).toMatchObject({ code: 'INVALID_CODE' });
    expect(await confirmCode(bob, sent.challenge.token, enrollCode)).toMatchObject({ __typename: 'ReloginRequired' });
    seen.push(first.challenge.token, sent.challenge.token, enrollCode);

    // carol (US): login (a text), a resend too soon, a wrong code, the right code.
    const carolIp = '198.51.100.78';
    const carol = clientFrom(app, carolIp);
    const { token, code } = await loginToCodeStep(app, carol, 'carol', CAROL_PHONE);
    expect(await resendCode(carol, token)).toMatchObject({ code: 'RATE_LIMITED' });
    expect(await verifyOtp(carol, token, wrongCode(code))).toMatchObject({ code: 'INVALID_CODE' });
    expect(await verifyOtp(carol, token, code)).toMatchObject({ __typename: 'Authenticated' });
    seen.push(token, code, carol.cookieHeader.split('=')[1]);

    // Plivo refuses a text: a failed send, to the US.
    app.plivo.mode = 'fail500';
    try {
      expect(await login(clientFrom(app), 'carol')).toMatchObject({ code: 'SMS_DELIVERY_FAILED' });
    } finally {
      app.plivo.mode = 'ok';
    }
    // A wrong password.
    expect(await login(clientFrom(app), 'carol', 'acme', 'not her password')).toMatchObject({ code: 'INVALID_CREDENTIALS' });

    const text = await (await scrape(app, `Bearer ${TOKEN}`)).text();
    const steps = (step: string, result: string) => sampleSum(text, 'portal_sign_in_steps_total', { step, result });
    expect(steps('login', 'authenticated')).toBe(1); // alice, the admin who turned the policy on
    expect(steps('login', 'enrollment_required')).toBe(1);
    expect(steps('enrollPhone', 'code_sent')).toBe(1);
    expect(steps('confirmCode', 'INVALID_CODE')).toBe(1);
    expect(steps('confirmCode', 'relogin_required')).toBe(1);
    expect(steps('login', 'code_required')).toBe(1);
    expect(steps('resendCode', 'RATE_LIMITED')).toBe(1);
    expect(steps('verifyOtp', 'INVALID_CODE')).toBe(1);
    expect(steps('verifyOtp', 'authenticated')).toBe(1);
    expect(steps('login', 'SMS_DELIVERY_FAILED')).toBe(1);
    expect(steps('login', 'INVALID_CREDENTIALS')).toBe(1);

    const sms = (outcome: string, country: string) => sampleSum(text, 'portal_sms_sends_total', { provider: 'plivo', outcome, country });
    expect(sms('sent', 'GB')).toBe(1);
    expect(sms('sent', 'US')).toBe(1);
    expect(sms('failed', 'US')).toBe(1);
    expect(labelValues(text, 'portal_sms_sends_total', 'country')).toEqual(['GB', 'US']);
    // Plivo's latency: one observation per call, the failed one included.
    expect(sampleSum(text, 'portal_sms_provider_duration_seconds_count', { provider: 'plivo' })).toBe(3);
    expect(sampleSum(text, 'portal_sms_provider_duration_seconds_count', { provider: 'plivo', outcome: 'failed' })).toBe(1);

    expect(sampleSum(text, 'portal_rate_limit_refusals_total', { limit: 'sms_resend_cooldown' })).toBe(1);
    expect(labelValues(text, 'portal_rate_limit_refusals_total', 'limit')).toEqual(['sms_resend_cooldown']);
    // setTwoFactorPolicy and 11 sign-in steps are mutations; a scrape is not GraphQL.
    expect(sampleSum(text, 'portal_graphql_request_duration_seconds_count', { operation: 'mutation' })).toBe(12);

    // Nothing of the customers: usernames, numbers (whole or national), codes, tokens, addresses.
    for (const name of ['bob', 'carol', 'Carol', 'alice']) expect(text).not.toContain(name);
    for (const phone of [BOB_PHONE, CAROL_PHONE]) {
      expect(text).not.toContain(phone.slice(1));
      expect(text).not.toContain(phone.slice(-9));
    }
    for (const ip of [bobIp, carolIp, '203.0.113.']) expect(text).not.toContain(ip);
    for (const secret of seen) {
      expect(secret.length).toBeGreaterThanOrEqual(6);
      // A code only as a token of its own: a six-digit run inside a longer number is not one.
      expect(text).not.toMatch(new RegExp(`(?<![0-9.])${secret.replace(/[^A-Za-z0-9]/g, '\\$&')}(?![0-9.])`));
    }
  });

  it('counts the account lock after too many wrong codes, and its refusals by name', async () => {
    const before = await (await scrape(app, `Bearer ${TOKEN}`)).text();
    const c = clientFrom(app);
    // RATE_CODE_FAILURES_PER_ACCOUNT (10) wrong codes over two challenges lock carol's sign-ins.
    for (let round = 0; round < 2; round += 1) {
      const { token, code } = await loginToCodeStep(app, c, 'carol', CAROL_PHONE);
      for (let i = 0; i < 5; i += 1) await verifyOtp(c, token, wrongCode(code));
    }
    expect(await login(c, 'carol')).toMatchObject({ code: 'RATE_LIMITED' });
    const after = await (await scrape(app, `Bearer ${TOKEN}`)).text();
    const locks = (t: string) => sampleSum(t, 'portal_account_locks_total', { kind: 'timed' });
    expect(locks(after) - (Number.isNaN(locks(before)) ? 0 : locks(before))).toBe(1);
    expect(sampleSum(after, 'portal_rate_limit_refusals_total', { limit: 'account_lock' })).toBe(1);
  });
});

describe('GET /metrics without METRICS_TOKEN', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app?.close());

  it('is off: 404 with or without a token', async () => {
    expect((await scrape(app)).status).toBe(404);
    expect((await scrape(app, `Bearer ${TOKEN}`)).status).toBe(404);
  });
});
