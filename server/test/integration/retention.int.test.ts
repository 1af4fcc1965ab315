import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { loadConfig, type Config } from '../../src/config';
import { dialectOfSource } from '../../src/db/data-source';
import { openAppDatabase } from '../../src/entities';
import { start, type Running } from '../../src/index';
import { FixedClock } from '../../src/lib/clock';
import { seedPortalFile } from '../../src/portals/portal-file/seed.service';
import { RateLimiter } from '../../src/rate-limits/rate-limiter';
import { CLOCK_SKEW_MARGIN_MS, pruneOnce, RETAINED_TABLES, SMS_KEEP_DAYS } from '../../src/retention';
import { SmsLog } from '../../src/sms/sms-log';
import type { SmsMessage, SmsSender } from '../../src/sms/sms-sender';
import { LOGIN, PASSWORD, TEST_PORTALS, VERIFY, VIEWER } from '../support/fixtures';
import { GqlClient } from '../support/gql-client';
import { createTestDatabase } from '../support/mysql';

/**
 * Retention (docs/PERFORMANCE.md, Retention): one prune pass removes exactly the rows that are expired
 * and nothing a sign-in, a limit or the admin's customer list still reads; it works in bounded batches;
 * several pruners at once share the work without errors; the server's timer runs it and stops with it.
 */

const T0 = new Date('2026-03-01T12:00:00Z').getTime();
const DAY = 24 * 3600 * 1000;
const MINUTE = 60_000;
const OLIVE_PHONE = '+14155550100';
const SECRET = 'retention-test-secret-key-0123456789abcdef';

/** Keeps every text, so a test can type the code a customer was sent. */
class KeptSms implements SmsSender {
  readonly name = 'kept';
  readonly sent: SmsMessage[] = [];
  async send(message: SmsMessage) {
    this.sent.push(message);
    return { providerMessageId: `kept-${this.sent.length}` };
  }
  lastCodeTo(to: string): string {
    const m = [...this.sent].reverse().find((s) => s.to === to);
    const code = m && /\b(\d{6})\b/.exec(m.text)?.[1];
    if (!code) throw new Error(`no code sent to ${to}`);
    return code;
  }
}

async function newDatabase(dialect: 'mysql' | 'sqlite'): Promise<{ url: string; drop: () => Promise<void> }> {
  if (dialect === 'mysql') return createTestDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'retention-'));
  return { url: `sqlite:${join(dir, 'r.sqlite')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

function configFor(url: string, dir: string): Config {
  return loadConfig({ DATABASE_URL: url, SECRET_KEY: SECRET, PORT: '0', DATA_DIR: dir, LOG_LEVEL: 'silent', TRUST_PROXY: '1' });
}

async function count(ds: DataSource, table: string, where = '1 = 1', params: unknown[] = []): Promise<number> {
  const rows: Array<{ n: number | string }> = await ds.query(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`, params);
  return Number(rows[0].n);
}

/** The keys of the rows this test seeded (they start with one of `prefixes`), sorted. */
async function ids(ds: DataSource, table: string, key: string, prefixes: string[]): Promise<string[]> {
  const where = prefixes.map(() => `${key} LIKE ?`).join(' OR ');
  const rows: Array<{ k: string }> = await ds.query(`SELECT ${key} AS k FROM ${table} WHERE ${where}`, prefixes.map((p) => `${p}%`));
  return rows.map((r) => String(r.k)).sort();
}

/** Inserts rows in chunks, one multi-row INSERT per chunk. */
async function insertMany(ds: DataSource, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    const chunk = rows.slice(i, i + 200);
    const marks = chunk.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ');
    await ds.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${marks}`, chunk.flat());
  }
}

const challengeRow = (id: string, accountId: string, expiresAt: number, consumedAt: number | null = null) => [
  id, `hash-${id}`, 'p', accountId, 'VERIFY_CODE', 1, expiresAt, 0, 0, consumedAt, expiresAt - 10 * MINUTE,
];
const CHALLENGE_COLUMNS = ['id', 'token_hash', 'portal_id', 'account_id', 'step', 'policy_generation', 'expires_at', 'attempts', 'sends', 'consumed_at', 'created_at'];
const SESSION_COLUMNS = ['token_hash', 'portal_id', 'account_id', 'account_kind', 'two_factor_generation', 'created_at', 'last_seen_at'];
const sessionRow = (hash: string, lastSeenAt: number) => [hash, 'p', 'a', 'customer', null, lastSeenAt - MINUTE, lastSeenAt];
const EVENT_COLUMNS = ['portal_id', 'type', 'customer_id', 'admin_id', 'ip', 'detail', 'created_at'];
const eventRow = (detail: string, createdAt: number) => ['p', 'CODE_SENT', null, null, null, detail, createdAt];
const SMS_COLUMNS = ['id', 'portal_id', 'account_id', 'provider', 'provider_message_id', 'status', 'error_code', 'created_at', 'updated_at'];
const smsRow = (id: string, accountId: string, createdAt: number) => [id, 'p', accountId, 'plivo', null, `s-${id}`, null, createdAt, createdAt];

describe.each(['mysql', 'sqlite'] as const)('retention on %s', (dialect) => {
  const clock = new FixedClock(new Date(T0));
  const sms = new KeptSms();
  const dataDir = mkdtempSync(join(tmpdir(), 'retention-data-'));
  let running: Running;
  let ds: DataSource;
  let config: Config;
  let drop: () => Promise<void> = async () => undefined;
  let url: string;

  beforeAll(async () => {
    const db = await newDatabase(dialect);
    url = db.url;
    drop = db.drop;
    config = configFor(url, dataDir);
    running = await start(config, { migrate: true, clock, sms, retention: false, log: pino({ level: 'silent' }) });
    ds = running.ds;
    const seeded = await seedPortalFile(ds, TEST_PORTALS, clock);
    if (!seeded.ok) throw new Error(JSON.stringify(seeded.problems));
  });
  afterAll(async () => {
    await running?.stop();
    await drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const client = (ip: string) => new GqlClient(running.url, { 'x-forwarded-for': ip });
  const oliveLogin = async (c: GqlClient) => {
    const l = (await c.gql(LOGIN, { input: { portal: 'other', username: 'olive', password: PASSWORD } })).body.data.login;
    if (l.__typename !== 'CodeRequired') throw new Error(`expected CodeRequired, got ${JSON.stringify(l)}`);
    return { token: l.challenge.token as string, code: sms.lastCodeTo(OLIVE_PHONE) };
  };

  it('removes exactly the expired rows of each table, and what is live still works', async () => {
    // Live rows made the real way: a signed-in session, an open challenge, a window that blocks, a lock.
    const signedIn = client('198.51.100.1');
    const first = await oliveLogin(signedIn);
    const verified = (await signedIn.gql(VERIFY, { input: { challengeToken: first.token, code: first.code } })).body.data.verifyOtp;
    expect(verified.__typename).toBe('Authenticated');
    const open = await oliveLogin(client('198.51.100.2'));
    const limiter = new RateLimiter(ds.manager, dialectOfSource(ds), clock);
    const window = { points: 1, windowSeconds: 3600 };
    await limiter.consume('test:live-window', window);
    expect((await limiter.consume('test:live-window', window)).allowed).toBe(false);
    await limiter.block('test:live-lock', 900);

    const margin = CLOCK_SKEW_MARGIN_MS;
    const idle = config.sessionIdleSeconds * 1000;
    // Expired (to go) and just-expired-within-the-clock-margin or live (to stay), per table.
    await insertMany(ds, 'login_challenges', CHALLENGE_COLUMNS, [
      challengeRow('gone-1', 'x', T0 - DAY),
      challengeRow('gone-2', 'x', T0 - margin),
      challengeRow('gone-consumed', 'x', T0 - 2 * margin, T0 - 3 * margin),
      challengeRow('keep-margin', 'x', T0 - margin + 1),
      challengeRow('keep-open', 'x', T0 + 5 * MINUTE),
    ]);
    await insertMany(ds, 'rate_counters', ['counter_key', 'hits', 'reset_at'], [
      ['gone:1', 3, T0 - DAY],
      ['gone:2', 1_000_000_000, T0 - margin], // a lock that ended
      ['keep:margin', 3, T0 - margin + 1],
      ['keep:future', 3, T0 + 1],
    ]);
    await insertMany(ds, 'sessions', SESSION_COLUMNS, [
      sessionRow('gone-idle', T0 - idle - margin),
      sessionRow('gone-old', T0 - 3 * DAY),
      sessionRow('keep-margin', T0 - idle - margin + 1),
      sessionRow('keep-recent', T0 - MINUTE),
    ]);
    const keepDays = SMS_KEEP_DAYS * DAY;
    await insertMany(ds, 'sms_messages', SMS_COLUMNS, [
      // Account A: three old messages; only the newest stays (it is A's "last SMS").
      smsRow('a1', 'acct-a', T0 - 30 * DAY),
      smsRow('a2', 'acct-a', T0 - 20 * DAY),
      smsRow('a3', 'acct-a', T0 - 10 * DAY),
      // Account B: an old message superseded by a recent one goes.
      smsRow('b1', 'acct-b', T0 - keepDays - 1),
      smsRow('b2', 'acct-b', T0 - DAY),
      // Account C: superseded, but younger than the week kept.
      smsRow('c1', 'acct-c', T0 - keepDays + MINUTE),
      smsRow('c2', 'acct-c', T0 - MINUTE),
      // Account D: two old messages at the same millisecond; the one latestByAccount shows stays.
      smsRow('d1', 'acct-d', T0 - 10 * DAY),
      smsRow('d2', 'acct-d', T0 - 10 * DAY),
    ]);
    await insertMany(ds, 'two_factor_events', EVENT_COLUMNS, [
      eventRow('ev-gone-1', T0 - 500 * DAY),
      eventRow('ev-gone-2', T0 - 400 * DAY - 1),
      eventRow('ev-keep-1', T0 - 400 * DAY + 1000),
      eventRow('ev-keep-2', T0 - DAY),
    ]);
    const liveSessions = await count(ds, 'sessions', "token_hash NOT LIKE 'gone-%' AND token_hash NOT LIKE 'keep-%'");
    const liveChallenges = await count(ds, 'login_challenges', "id NOT LIKE 'gone-%' AND id NOT LIKE 'keep-%'");
    const realSms = await count(ds, 'sms_messages', "account_id NOT LIKE 'acct-%'");
    const eventsBefore = await count(ds, 'two_factor_events');

    // EVENT_RETENTION_DAYS=0: every event stays; the other tables are pruned all the same.
    const forever = await pruneOnce(ds, clock, { eventRetentionDays: 0, sessionIdleSeconds: config.sessionIdleSeconds, pauseMs: 0 });
    expect(forever.two_factor_events.removed).toBe(0);
    expect(await count(ds, 'two_factor_events')).toBe(eventsBefore);
    expect(forever.login_challenges.removed).toBe(3);
    expect(forever.rate_counters.removed).toBe(2);
    expect(forever.sessions.removed).toBe(2);
    expect(forever.sms_messages.removed).toBe(4);

    expect(await ids(ds, 'login_challenges', 'id', ['gone-', 'keep-'])).toEqual(['keep-margin', 'keep-open']);
    expect(await count(ds, 'login_challenges', "id NOT LIKE 'gone-%' AND id NOT LIKE 'keep-%'")).toBe(liveChallenges);
    expect(await ids(ds, 'rate_counters', 'counter_key', ['gone:', 'keep:', 'test:'])).toEqual(['keep:future', 'keep:margin', 'test:live-lock', 'test:live-window']);
    expect(await ids(ds, 'sessions', 'token_hash', ['gone-', 'keep-'])).toEqual(['keep-margin', 'keep-recent']);
    expect(await count(ds, 'sessions', "token_hash NOT LIKE 'gone-%' AND token_hash NOT LIKE 'keep-%'")).toBe(liveSessions);
    const smsLeft: Array<{ id: string }> = await ds.query("SELECT id FROM sms_messages WHERE account_id LIKE 'acct-%' ORDER BY id");
    expect(smsLeft.map((r) => r.id)).toEqual(['a3', 'b2', 'c1', 'c2', 'd2']);
    expect(await count(ds, 'sms_messages', "account_id NOT LIKE 'acct-%'")).toBe(realSms);
    const latest = await new SmsLog(ds.manager, clock).latestByAccount(['acct-a', 'acct-d']);
    expect([latest.get('acct-a')?.id, latest.get('acct-d')?.id]).toEqual(['a3', 'd2']);

    // EVENT_RETENTION_DAYS=400: only events older than 400 days go.
    const kept400 = await pruneOnce(ds, clock, { eventRetentionDays: 400, sessionIdleSeconds: config.sessionIdleSeconds, pauseMs: 0 });
    expect(kept400.two_factor_events.removed).toBe(2);
    const details: Array<{ detail: string }> = await ds.query("SELECT detail FROM two_factor_events WHERE detail LIKE 'ev-%' ORDER BY detail");
    expect(details.map((r) => r.detail)).toEqual(['ev-keep-1', 'ev-keep-2']);
    expect(await count(ds, 'two_factor_events')).toBe(eventsBefore - 2);
    for (const t of RETAINED_TABLES.filter((x) => x !== 'two_factor_events')) expect(kept400[t].removed).toBe(0);

    // What is live still works: the open challenge verifies, the window still blocks, the lock holds,
    // and the signed-in session still signs its browser in.
    const done = (await client('198.51.100.2').gql(VERIFY, { input: { challengeToken: open.token, code: open.code } })).body.data.verifyOtp;
    expect(done.__typename).toBe('Authenticated');
    expect((await limiter.consume('test:live-window', window)).allowed).toBe(false);
    expect((await limiter.peek('test:live-lock', { points: 1, windowSeconds: 1 })).allowed).toBe(false);
    const viewer = (await signedIn.gql(VIEWER)).body.data.viewer;
    expect(viewer?.username).toBe('olive');
  });

  it('works in bounded batches: 1234 expired rows at 500 a statement take 3 statements, the pass loops until done', async () => {
    await insertMany(
      ds,
      'rate_counters',
      ['counter_key', 'hits', 'reset_at'],
      Array.from({ length: 1234 }, (_, i) => [`bulk:${i}`, 1, T0 - DAY - i]),
    );
    await insertMany(
      ds,
      'two_factor_events',
      EVENT_COLUMNS,
      Array.from({ length: 1234 }, (_, i) => eventRow(`bulk-${i}`, T0 - 401 * DAY - i)),
    );
    const options = { eventRetentionDays: 400, sessionIdleSeconds: config.sessionIdleSeconds, pauseMs: 0 };
    // A cap on batches leaves the rest for the next pass.
    const capped = await pruneOnce(ds, clock, { ...options, batchSize: 100, maxBatchesPerTable: 2 });
    expect(capped.rate_counters).toEqual({ removed: 200, batches: 2 });
    expect(capped.two_factor_events).toEqual({ removed: 200, batches: 2 });
    const r = await pruneOnce(ds, clock, { ...options, batchSize: 500 });
    expect(r.rate_counters).toEqual({ removed: 1034, batches: 3 });
    expect(r.two_factor_events).toEqual({ removed: 1034, batches: 3 });
    expect(await count(ds, 'rate_counters', "counter_key LIKE 'bulk:%'")).toBe(0);
    expect(await count(ds, 'two_factor_events', "detail LIKE 'bulk-%'")).toBe(0);
  });

  it('walks old SMS records in batches, resuming where the last pass stopped', async () => {
    // 30 accounts with 3 old messages each: 60 superseded, 30 kept as each account's last.
    await insertMany(
      ds,
      'sms_messages',
      SMS_COLUMNS,
      Array.from({ length: 90 }, (_, i) => smsRow(`walk-${String(i).padStart(3, '0')}`, `walk-acct-${i % 30}`, T0 - 30 * DAY + i * MINUTE)),
    );
    const walk = { after: null };
    const options = { eventRetentionDays: 0, sessionIdleSeconds: config.sessionIdleSeconds, pauseMs: 0, batchSize: 20, smsWalk: walk };
    const one = await pruneOnce(ds, clock, { ...options, maxBatchesPerTable: 1 });
    expect(walk.after).not.toBeNull();
    // The first 20 by age are the first message of 20 accounts, all superseded.
    expect(one.sms_messages.removed).toBe(20);
    const rest = await pruneOnce(ds, clock, options);
    expect(walk.after).toBeNull();
    expect(one.sms_messages.removed + rest.sms_messages.removed).toBe(60);
    expect(await count(ds, 'sms_messages', "account_id LIKE 'walk-acct-%'")).toBe(30);
  });

  it('two pruners at once, on two connection pools, while requests hit the counters: no error, everything expired gone', async () => {
    const other = await openAppDatabase(url, { migrate: false });
    try {
      const N = 3000;
      await insertMany(ds, 'login_challenges', CHALLENGE_COLUMNS, Array.from({ length: N }, (_, i) => challengeRow(`race-${i}`, 'r', T0 - DAY - i)));
      await insertMany(ds, 'sessions', SESSION_COLUMNS, Array.from({ length: N }, (_, i) => sessionRow(`race-${i}`, T0 - 2 * DAY - i)));
      await insertMany(ds, 'rate_counters', ['counter_key', 'hits', 'reset_at'], Array.from({ length: N }, (_, i) => [`race:${i}`, 5, T0 - DAY - i]));
      const liveCounters = await count(ds, 'rate_counters', 'reset_at > ?', [T0]);
      const options = { eventRetentionDays: 400, sessionIdleSeconds: config.sessionIdleSeconds, pauseMs: 0, batchSize: 100 };
      const limiter = new RateLimiter(ds.manager, dialectOfSource(ds), clock);
      // Requests revive some of the expired counters while the pruners run: each must get a fresh window.
      const hit = Array.from({ length: 100 }, (_, i) => `race:${i * 29}`);
      const [a, b, hits] = await Promise.all([
        pruneOnce(ds, clock, options),
        pruneOnce(other, clock, options),
        Promise.all(hit.map((k) => limiter.consume(k, { points: 3, windowSeconds: 600 }))),
      ]);
      expect(hits.every((h) => h.allowed && h.hits === 1)).toBe(true);
      expect(a.login_challenges.removed + b.login_challenges.removed).toBe(N);
      expect(a.sessions.removed + b.sessions.removed).toBe(N);
      const countersRemoved = a.rate_counters.removed + b.rate_counters.removed;
      expect(countersRemoved).toBeGreaterThanOrEqual(N - hit.length);
      expect(countersRemoved).toBeLessThanOrEqual(N);
      expect(await count(ds, 'login_challenges', "id LIKE 'race-%'")).toBe(0);
      expect(await count(ds, 'sessions', "token_hash LIKE 'race-%'")).toBe(0);
      // Of the counters, only the revived ones are left, each with its new window.
      expect(await count(ds, 'rate_counters', "counter_key LIKE 'race:%'")).toBe(hit.length);
      expect(await count(ds, 'rate_counters', "counter_key LIKE 'race:%' AND reset_at = ? AND hits = 1", [T0 + 600_000])).toBe(hit.length);
      expect(await count(ds, 'rate_counters', 'reset_at > ?', [T0])).toBe(liveCounters + hit.length);
    } finally {
      await other.destroy();
    }
  });

  it("the server's timer prunes every interval, logs counts only, and stops with the server", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(chunk.toString());
        cb();
      },
    });
    const second = await start(config, {
      clock,
      sms,
      log: pino({ level: 'info' }, sink),
      retention: { intervalMs: 50, firstDelayMs: 0 },
    });
    let stopped = false;
    try {
      await ds.query('INSERT INTO rate_counters (counter_key, hits, reset_at) VALUES (?, ?, ?)', ['timer:secret-key-text', 1, T0 - DAY]);
      const deadline = Date.now() + 10_000;
      while ((await count(ds, 'rate_counters', "counter_key = 'timer:secret-key-text'")) > 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 25));
      }
      expect(await count(ds, 'rate_counters', "counter_key = 'timer:secret-key-text'")).toBe(0);
      await second.stop();
      stopped = true;
      const passes = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'retention pass');
      expect(passes.length).toBeGreaterThanOrEqual(1);
      expect(passes.some((p) => p.removed.rate_counters >= 1)).toBe(true);
      expect(lines.join('')).not.toContain('secret-key-text');
      // Stopped: nothing prunes any more.
      await ds.query('INSERT INTO rate_counters (counter_key, hits, reset_at) VALUES (?, ?, ?)', ['timer:after-stop', 1, T0 - DAY]);
      await new Promise((r) => setTimeout(r, 200));
      expect(await count(ds, 'rate_counters', "counter_key = 'timer:after-stop'")).toBe(1);
    } finally {
      if (!stopped) await second.stop();
    }
  });
});
