import { TwoFactorEventType } from '../../src/audit/event.entity';
import { FixedClock } from '../../src/lib/clock';
import { NOTICE_KEEP_DAYS, pruneOnce } from '../../src/retention';
import { accountId } from '../support/code-attack-kit';
import { CAROL_PHONE, RESET } from '../support/fixtures';
import type { GqlClient } from '../support/gql-client';
import { clientFrom, login, setPolicy, startTestApp, type TestApp } from '../support/harness';
import { sampleSum } from '../../src/bench/prometheus-text';
import { codeFor, confirmCode, enroll, loginToCodeStep, startEnrollment, verifyOtp, wrongCode } from '../support/sign-in-kit';
import { SMTP_PASSWORD, SMTP_USER, startSilentServer, startSmtp, type ReceivedMail, type TestSmtp } from '../support/smtp';

/**
 * Email notices (docs/OPERATIONS.md, Email notices; docs/SECURITY.md, Email notices): the customer is
 * told when a phone is enrolled or changed, when an admin reset their two-factor and when their
 * sign-ins were locked; what, when, from which address and what to do, never a code nor a whole phone
 * number. Real parts throughout: nodemailer over SMTP to a real `smtp-server` on 127.0.0.1, the real
 * plivo SDK against the fake Plivo, MariaDB. The mail server is also made to hang and to be down: the
 * sign-in steps answer in their usual time, and the notice arrives once the server is back.
 */

const METRICS_TOKEN = 'email-notice-metrics-token-0123456789abc';
const BOB_PHONE = '+14155550134';
const BOB_NEW_PHONE = '+14155550188';
const DAN_PHONE = '+14155550177';
const BOB_IP = '198.51.100.23';
const ADMIN_IP = '198.51.100.99';
const DAN_IP = '198.51.100.61';
const FROM = 'Acme Portal <no-reply@acme.test>';

const smtpUrl = (port: number) => `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${port}`;
const scrape = async (app: TestApp) =>
  (await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
const count = (text: string, labels: Record<string, string>) => {
  const v = sampleSum(text, 'portal_email_notices_total', labels);
  return Number.isNaN(v) ? 0 : v;
};

/** The digits of a message: a whole phone number would show as its national digits in a row. */
function expectNoWholePhone(mail: ReceivedMail, phone: string): void {
  const national = phone.slice(2); // +1 and ten digits
  for (const part of [mail.subject, mail.text, mail.raw]) {
    expect(part.replace(/\D/g, '')).not.toContain(national.slice(0, 7));
    expect(part).not.toContain(phone);
  }
}

function expectNoCode(mail: ReceivedMail, code: string): void {
  expect(mail.text).not.toMatch(new RegExp(`(?<!\\d)${code}(?!\\d)`));
  expect(mail.subject).not.toContain(code);
}

/** When: the event's moment in UTC, to the second (the test's clock does not move here). */
function expectWhen(mail: ReceivedMail, at: Date): void {
  const line = mail.text.split('\n').find((l) => l.startsWith('When: '));
  expect(line).toBeDefined();
  expect(line).toContain(at.toISOString().slice(11, 19));
  expect(line).toContain(String(at.getUTCFullYear()));
  expect(line).toContain('UTC');
}

async function adminClient(app: TestApp): Promise<GqlClient> {
  const admin = clientFrom(app, ADMIN_IP);
  expect((await login(admin, 'alice')).__typename).toBe('Authenticated');
  return admin;
}

describe('email notices reach the customer', () => {
  let smtp: TestSmtp;
  let app: TestApp;

  beforeAll(async () => {
    smtp = await startSmtp();
    app = await startTestApp({
      env: { SMTP_URL: smtpUrl(smtp.port), MAIL_FROM: FROM, MAIL_TIMEOUT_SECONDS: '2', METRICS_TOKEN, RATE_CODE_FAILURES_PER_ACCOUNT: '3' },
      notices: { pollMs: 100, retryBaseMs: 200 },
    });
    await setPolicy(app, true);
  });
  afterAll(async () => {
    await app?.close();
    await smtp?.close();
  });

  it('phone enrolled: what, when, from where, what to do; the phone masked, no code', async () => {
    const c = clientFrom(app, BOB_IP);
    const { token, code } = await startEnrollment(app, c, 'bob', BOB_PHONE);
    const t0 = performance.now();
    expect((await confirmCode(c, token, code)).__typename).toBe('ReloginRequired');
    process.stdout.write(`email-notices: confirmCode with a working mail server: ${(performance.now() - t0).toFixed(0)} ms\n`);
    const mail = await smtp.waitFor('bob@globex.test', /phone was added/);
    expect(mail.from).toBe('no-reply@acme.test');
    expect(mail.subject).toBe('A phone was added to your Acme Freight sign-in');
    expect(mail.text).toContain('Hello Bob,');
    expect(mail.text).toContain('A phone was confirmed for two-step sign-in to Acme Freight');
    // Masked as everywhere else (lib/phone-number.ts): only the last four digits.
    expect(mail.text).toContain('+1 •••-•••-0134');
    expect(mail.text).toContain(`From IP address: ${BOB_IP}`);
    expect(mail.text).toContain('If this was not you');
    expectWhen(mail, app.clock.now());
    expectNoWholePhone(mail, BOB_PHONE);
    expectNoCode(mail, code);
  });

  it('admin reset: says an administrator did it, from the admin’s address', async () => {
    const admin = await adminClient(app);
    const r = await admin.gql(RESET, { id: await accountId(app, 'bob') });
    expect(r.body.errors).toBeUndefined();
    const mail = await smtp.waitFor('bob@globex.test', /was reset/);
    expect(mail.subject).toBe('Your Acme Freight two-step sign-in was reset');
    expect(mail.text).toContain('An administrator of Acme Freight reset your two-step sign-in');
    expect(mail.text).toContain(`From IP address: ${ADMIN_IP}`);
    expect(mail.text).toContain('If you did not ask for this');
    expectWhen(mail, app.clock.now());
    expectNoWholePhone(mail, BOB_PHONE);
  });

  it('phone changed: the re-enrollment after the reset is told as a change, with the new phone masked', async () => {
    app.clock.advanceSeconds(5); // a later moment than the first enrollment
    const c = clientFrom(app, BOB_IP);
    const { token, code } = await startEnrollment(app, c, 'bob', BOB_NEW_PHONE);
    expect((await confirmCode(c, token, code)).__typename).toBe('ReloginRequired');
    const mail = await smtp.waitFor('bob@globex.test', /was changed/);
    expect(mail.subject).toBe('Your sign-in phone for Acme Freight was changed');
    expect(mail.text).toContain('+1 •••-•••-0188');
    expect(mail.text).not.toContain('0134');
    expect(mail.text).toContain(`From IP address: ${BOB_IP}`);
    expectWhen(mail, app.clock.now());
    expectNoWholePhone(mail, BOB_NEW_PHONE);
    expectNoCode(mail, code);
    // One "added", one "reset", one "changed": nothing sent twice.
    expect(smtp.received.filter((m) => m.to.includes('bob@globex.test')).map((m) => m.subject)).toEqual([
      'A phone was added to your Acme Freight sign-in',
      'Your Acme Freight two-step sign-in was reset',
      'Your sign-in phone for Acme Freight was changed',
    ]);
  });

  it('sign-ins locked after wrong codes: the lock, from the guesser’s address, what to do', async () => {
    await enroll(app, clientFrom(app, DAN_IP), 'dan', DAN_PHONE);
    await smtp.waitFor('dan@globex.test', /phone was added/);
    const c = clientFrom(app, DAN_IP);
    const { token, code } = await loginToCodeStep(app, c, 'dan', DAN_PHONE);
    // RATE_CODE_FAILURES_PER_ACCOUNT is 3 here.
    for (let i = 0; i < 3; i += 1) expect((await verifyOtp(c, token, wrongCode(code))).__typename).toBe('Problem');
    expect(await login(c, 'dan')).toMatchObject({ code: 'RATE_LIMITED' });
    const mail = await smtp.waitFor('dan@globex.test', /were locked/);
    expect(mail.subject).toBe('Sign-ins to your Acme Freight account were locked');
    expect(mail.text).toContain('Too many wrong sign-in codes were entered for your account');
    expect(mail.text).toContain('(sign-in locked for 15 min)');
    expect(mail.text).toContain(`From IP address: ${DAN_IP}`);
    expect(mail.text).toContain('change your password');
    expectWhen(mail, app.clock.now());
    expectNoCode(mail, code);
    expectNoWholePhone(mail, DAN_PHONE);
  });

  it('a customer without an email address: nothing is queued or sent, and the reset works', async () => {
    const carolId = await accountId(app, 'carol');
    const before = smtp.received.length;
    const admin = await adminClient(app);
    const r = await admin.gql(RESET, { id: carolId });
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.resetTwoFactor.twoFactor.status).toBe('NOT_ENROLLED');
    // The RESET event is there; no notice row was written for it.
    const events = await app.running.ds.query("SELECT COUNT(*) AS n FROM two_factor_events WHERE customer_id = ? AND type = 'RESET'", [carolId]);
    expect(Number(events[0].n)).toBe(1);
    const rows = await app.running.ds.query('SELECT COUNT(*) AS n FROM email_notices WHERE customer_id = ?', [carolId]);
    expect(Number(rows[0].n)).toBe(0);
    // Carol enrolls again: still nothing to send, and her sign-in goes on as usual.
    const c = clientFrom(app);
    const { token, code } = await startEnrollment(app, c, 'carol', CAROL_PHONE);
    expect((await confirmCode(c, token, code)).__typename).toBe('ReloginRequired');
    await new Promise((r) => setTimeout(r, 500)); // five polls of the worker
    expect(smtp.received.length).toBe(before);
  });

  it('counts what it sent, and every notice row ended sent', async () => {
    const text = await scrape(app);
    expect(count(text, { kind: 'ENROLLMENT_CONFIRMED', outcome: 'sent' })).toBe(3); // bob twice, dan once
    expect(count(text, { kind: 'RESET', outcome: 'sent' })).toBe(1);
    expect(count(text, { kind: 'ACCOUNT_LOCKED', outcome: 'sent' })).toBe(1);
    expect(count(text, { outcome: 'failed' })).toBe(0);
    const rows = await app.running.ds.query('SELECT status, attempts FROM email_notices');
    expect(rows).toHaveLength(5);
    for (const r of rows) expect({ status: r.status, attempts: Number(r.attempts) }).toEqual({ status: 'sent', attempts: 1 });
  });

  it('queues nothing for an event whose transaction rolled back', async () => {
    const bobId = await accountId(app, 'bob');
    const portal = await app.running.ds.query("SELECT portal_id FROM accounts WHERE id = ?", [bobId]);
    const rowsBefore = await app.running.ds.query('SELECT COUNT(*) AS n FROM email_notices');
    await expect(
      app.running.ds.transaction(async (m) => {
        await app.running.services.events.record({ portalId: portal[0].portal_id, type: TwoFactorEventType.RESET, customerId: bobId, ip: ADMIN_IP }, m);
        throw new Error('the work after the event failed');
      }),
    ).rejects.toThrow('the work after the event failed');
    const rowsAfter = await app.running.ds.query('SELECT COUNT(*) AS n FROM email_notices');
    expect(Number(rowsAfter[0].n)).toBe(Number(rowsBefore[0].n));
  });

  it('two server processes on one database share the outbox and send each notice once', async () => {
    const other = await app.startAnother(); // its own notice worker, on the same tables
    expect(other.url).not.toBe(app.url);
    const resetsBefore = smtp.received.filter((m) => /was reset/.test(m.subject)).length;
    const admin = await adminClient(app);
    const ids = [await accountId(app, 'bob'), await accountId(app, 'dan')];
    const n = 12;
    for (let i = 0; i < n; i += 1) expect((await admin.gql(RESET, { id: ids[i % 2] })).body.errors).toBeUndefined();
    await waitUntil(async () => (await pendingCount(app)) === 0, 20_000);
    const resets = smtp.received.filter((m) => /was reset/.test(m.subject));
    expect(resets.length - resetsBefore).toBe(n);
    const attempts = await app.running.ds.query("SELECT attempts FROM email_notices WHERE event_type = 'RESET'");
    for (const r of attempts) expect(Number(r.attempts)).toBe(1);
  });

  it('retention removes finished notices after a week and keeps pending ones', async () => {
    const ds = app.running.ds;
    const bobId = await accountId(app, 'bob');
    // A notice still pending (its worker is made to wait by a schedule far ahead).
    await ds.query(
      `INSERT INTO email_notices (id, portal_id, customer_id, event_type, ip, detail, occurred_at, to_address, status, attempts, next_attempt_at, created_at)
       SELECT 'pending-notice-000000000000000000000', portal_id, id, 'RESET', NULL, NULL, 0, email, 'pending', 3, ?, 0 FROM accounts WHERE id = ?`,
      [Date.now() + 3600_000, bobId],
    );
    const finished = Number((await ds.query("SELECT COUNT(*) AS n FROM email_notices WHERE status = 'sent'"))[0].n);
    expect(finished).toBeGreaterThan(0);
    const weekLater = new FixedClock(new Date(app.clock.now().getTime() + (NOTICE_KEEP_DAYS * 24 * 3600 + 120) * 1000));
    const r = await pruneOnce(ds, weekLater, { eventRetentionDays: 0, sessionIdleSeconds: app.config.sessionIdleSeconds, pauseMs: 0 });
    expect(r.email_notices.removed).toBe(finished);
    const left = await ds.query('SELECT id, status FROM email_notices');
    expect(left).toEqual([{ id: 'pending-notice-000000000000000000000', status: 'pending' }]);
  });
});

describe('a mail server that hangs, then is down, then comes back', () => {
  let silent: Awaited<ReturnType<typeof startSilentServer>>;
  let smtp: TestSmtp | null = null;
  let app: TestApp;
  const TIMEOUT_SECONDS = 3;

  beforeAll(async () => {
    silent = await startSilentServer();
    app = await startTestApp({
      env: { SMTP_URL: smtpUrl(silent.port), MAIL_FROM: FROM, MAIL_TIMEOUT_SECONDS: String(TIMEOUT_SECONDS), METRICS_TOKEN },
      notices: { pollMs: 100, retryBaseMs: 300 },
    });
    await setPolicy(app, true);
  });
  afterAll(async () => {
    await app?.close();
    await smtp?.close();
    await silent?.close().catch(() => undefined);
  });

  it('neither delays nor fails a sign-in step while the server hangs; the failure is logged without secrets and counted', async () => {
    const timings: number[] = [];
    for (const [user, phone] of [['bob', BOB_PHONE], ['dan', DAN_PHONE]] as const) {
      const c = clientFrom(app);
      const { token, code } = await startEnrollment(app, c, user, phone);
      const t0 = performance.now();
      expect((await confirmCode(c, token, code)).__typename).toBe('ReloginRequired');
      timings.push(performance.now() - t0);
    }
    // A reset queues a notice too.
    const admin = await adminClient(app);
    const t0 = performance.now();
    expect((await admin.gql(RESET, { id: await accountId(app, 'dan') })).body.errors).toBeUndefined();
    timings.push(performance.now() - t0);
    // Sending inline would have waited for the greeting timeout (3 s) at least.
    for (const ms of timings) expect(ms).toBeLessThan(1000);
    process.stdout.write(`email-notices: step times with a hanging mail server (ms): ${timings.map((t) => t.toFixed(0)).join(', ')}\n`);

    // A signed-in customer's sign-in also goes on: bob (enrolled above) signs in with his code.
    const c = clientFrom(app);
    const { token, code } = await loginToCodeStep(app, c, 'bob', BOB_PHONE);
    expect((await verifyOtp(c, token, code)).__typename).toBe('Authenticated');

    // The worker's attempt did reach the server and gave up after the timeout.
    await waitUntil(async () => count(await scrape(app), { outcome: 'failed' }) >= 1, (TIMEOUT_SECONDS + 5) * 1000);
    expect(silent.connections()).toBeGreaterThanOrEqual(1);
    const failures = app.logs.filter((l) => l.includes('email notice failed; will retry'));
    expect(failures.length).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(failures[0])).toMatchObject({ level: 40, kind: expect.any(String), attempt: 1, reason: expect.any(String) });
    const noticeLines = app.logs.filter((l) => l.includes('email notice'));
    for (const line of noticeLines) {
      expect(line).not.toContain(SMTP_PASSWORD);
      expect(line).not.toContain('@globex.test');
      expect(line).not.toContain('4155550');
    }
  }, 30_000);

  it('retries while the server is down, and delivers once it is back; each notice once', async () => {
    const port = silent.port;
    await silent.close(); // nothing listens: connections are refused
    const before = count(await scrape(app), { outcome: 'failed' });
    await waitUntil(async () => count(await scrape(app), { outcome: 'failed' }) > before, 15_000);
    const refused = () => app.logs.filter((l) => l.includes('email notice failed; will retry')).map((l) => JSON.parse(l).reason);
    await waitUntil(async () => refused().includes('ESOCKET'), 15_000).catch(() => {
      throw new Error(`reasons logged: ${refused().join(', ')}`);
    });
    expect(await pendingCount(app)).toBe(3);

    smtp = await startSmtp(port);
    const server = smtp;
    process.stdout.write(`email-notices: failure reasons logged: ${[...new Set(refused())].join(', ')}\n`);
    await server.waitFor('bob@globex.test', /phone was added/, 30_000);
    await server.waitFor('dan@globex.test', /phone was added/, 30_000);
    await server.waitFor('dan@globex.test', /was reset/, 30_000);
    await waitUntil(async () => (await pendingCount(app)) === 0, 10_000);
    expect(server.received.map((m) => `${m.to.join(',')}: ${m.subject}`).sort()).toEqual([
      'bob@globex.test: A phone was added to your Acme Freight sign-in',
      'dan@globex.test: A phone was added to your Acme Freight sign-in',
      'dan@globex.test: Your Acme Freight two-step sign-in was reset',
    ]);
    // The count follows the row's update by a moment (the same process, after the statement returns).
    await waitUntil(async () => count(await scrape(app), { outcome: 'sent' }) >= 3, 5_000);
    const text = await scrape(app);
    expect(count(text, { outcome: 'sent' })).toBe(3);
    expect(count(text, { outcome: 'given_up' })).toBe(0);
  }, 60_000);
});

async function pendingCount(app: TestApp): Promise<number> {
  const rows = await app.running.ds.query("SELECT COUNT(*) AS n FROM email_notices WHERE status = 'pending'");
  return Number(rows[0].n);
}

async function waitUntil(ok: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > until) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
