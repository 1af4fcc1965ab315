import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { dialectOfSource } from '../../src/db/data-source';
import { openAppDatabase } from '../../src/entities';
import { FixedClock } from '../../src/lib/clock';
import { RateLimiter } from '../../src/rate-limits/rate-limiter';
import { createTestDatabase } from '../support/mysql';

/**
 * The shared counters behind every limit, on both databases: concurrent hits from two connection pools
 * (two server processes) each get a distinct count, so exactly `points` are allowed.
 */
describe.each(['mysql', 'sqlite'] as const)('rate limiter on %s', (dialect) => {
  let a: DataSource;
  let b: DataSource;
  let drop: () => Promise<void> = async () => undefined;
  const clock = new FixedClock(new Date('2026-01-01T00:00:00Z'));

  beforeAll(async () => {
    let url: string;
    if (dialect === 'mysql') {
      const db = await createTestDatabase();
      url = db.url;
      drop = db.drop;
    } else {
      url = `sqlite:${join(mkdtempSync(join(tmpdir(), 'rl-')), 'rl.sqlite')}`;
    }
    a = await openAppDatabase(url, { migrate: true });
    b = await openAppDatabase(url, { migrate: false });
  });
  afterAll(async () => {
    await a.destroy();
    await b.destroy();
    await drop();
  });

  it('allows exactly the limit under 40 concurrent hits over two pools', async () => {
    const la = new RateLimiter(a.manager, dialectOfSource(a), clock);
    const lb = new RateLimiter(b.manager, dialectOfSource(b), clock);
    const limit = { points: 10, windowSeconds: 60 };
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? la : lb).consume('burst', limit)),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
    const counts = results.map((r) => r.hits).sort((x, y) => x - y);
    expect(counts).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    const refused = results.find((r) => !r.allowed);
    expect(refused && !refused.allowed && refused.retryAfterSeconds).toBe(60);
  });

  it('consumeAll: all or nothing, exactly the limit under 40 concurrent sends over two pools sharing keys', async () => {
    const la = new RateLimiter(a.manager, dialectOfSource(a), clock);
    const lb = new RateLimiter(b.manager, dialectOfSource(b), clock);
    const hour = (points: number) => ({ points, windowSeconds: 3600 });
    // Every send shares the portal's budget (limit 7) and one of two IP budgets (limit 100); each has
    // its own customer's. The keys come in a different order per send: the limiter orders its locks.
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => {
        const wanted: Array<[string, ReturnType<typeof hour>]> = [
          [`all:cust:${i}`, hour(5)],
          [`all:ip:${i % 2}`, hour(100)],
          ['all:portal', hour(7)],
        ];
        return (i % 2 ? la : lb).consumeAll(i % 3 ? wanted : [...wanted].reverse());
      }),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(7);
    const rows = await a.query("SELECT counter_key, hits FROM rate_counters WHERE counter_key LIKE 'all:%'");
    const hits = new Map<string, number>(rows.map((r: { counter_key: string; hits: number | string }) => [r.counter_key, Number(r.hits)]));
    // A refused send counted against none of its budgets: only the 7 allowed left a customer row.
    expect(hits.get('all:portal')).toBe(7);
    expect((hits.get('all:ip:0') ?? 0) + (hits.get('all:ip:1') ?? 0)).toBe(7);
    expect([...hits.keys()].filter((k) => k.startsWith('all:cust:'))).toHaveLength(7);
    const refused = results.find((r) => !r.allowed);
    expect(refused && !refused.allowed && refused.retryAfterSeconds).toBe(3600);
  });

  it('consumeAllSpread: a shared budget kept in slots allows exactly its limit under 60 concurrent sends, and refuses only when every slot is full', async () => {
    const la = new RateLimiter(a.manager, dialectOfSource(a), clock);
    const lb = new RateLimiter(b.manager, dialectOfSource(b), clock);
    const hour = (points: number) => ({ points, windowSeconds: 3600 });
    // 19 over 8 slots: shares of 3, 3, 3, 2, 2, 2, 2, 2. A customer budget of 1 each, so one send
    // refused by it must not be taken for a full portal.
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        (i % 2 ? la : lb).consumeAllSpread([[`spread:cust:${i % 50}`, hour(1)]], ['spread:portal', hour(19)]),
      ),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(19);
    const rows: Array<{ counter_key: string; hits: number | string }> = await a.query(
      "SELECT counter_key, hits FROM rate_counters WHERE counter_key LIKE 'spread:portal#%' ORDER BY counter_key",
    );
    expect(rows.map((r) => r.counter_key)).toEqual(Array.from({ length: 8 }, (_, k) => `spread:portal#${k}`));
    expect(rows.map((r) => Number(r.hits))).toEqual([3, 3, 3, 2, 2, 2, 2, 2]);
    const allowedSlots = results.flatMap((r) => (r.allowed ? [r.slotKey] : []));
    expect(new Set(allowedSlots).size).toBe(8);
    // Full: every slot refuses, with the window of the slot that reopens first.
    const after = await la.consumeAllSpread([['spread:cust:new', hour(1)]], ['spread:portal', hour(19)]);
    expect(after).toMatchObject({ allowed: false, retryAfterSeconds: 3600 });
    // A limit below the slot count uses as many slots as it has points.
    const small = await Promise.all(Array.from({ length: 6 }, (_, i) => la.consumeAllSpread([[`spread:small:${i}`, hour(1)]], ['spread:tiny', hour(3)])));
    expect(small.filter((r) => r.allowed)).toHaveLength(3);
  });

  it('consumeAll answers with the first refused key in the order given, and its window', async () => {
    const l = new RateLimiter(a.manager, dialectOfSource(a), clock);
    await l.consume('first:b', { points: 1, windowSeconds: 10 });
    await l.consume('first:a', { points: 1, windowSeconds: 20 });
    const r = await l.consumeAll([
      ['first:c', { points: 5, windowSeconds: 60 }],
      ['first:b', { points: 1, windowSeconds: 10 }],
      ['first:a', { points: 1, windowSeconds: 20 }],
    ]);
    expect(r).toEqual({ allowed: false, hits: 2, retryAfterSeconds: 10 });
    expect((await l.peek('first:c', { points: 1, windowSeconds: 60 })).hits).toBe(0);
  });

  it('starts a new window once the old one is over, and refunds give a point back', async () => {
    const l = new RateLimiter(a.manager, dialectOfSource(a), clock);
    const limit = { points: 2, windowSeconds: 30 };
    expect((await l.consume('w', limit)).allowed).toBe(true);
    expect((await l.consume('w', limit)).allowed).toBe(true);
    expect((await l.consume('w', limit)).allowed).toBe(false);
    await l.refund('w');
    await l.refund('w');
    expect((await l.consume('w', limit)).allowed).toBe(true);
    clock.advanceSeconds(31);
    expect(await l.consume('w', limit)).toEqual({ allowed: true, hits: 1 });
  });

  it('a block holds for its time, then clears', async () => {
    const l = new RateLimiter(a.manager, dialectOfSource(a), clock);
    await l.block('lock', 900);
    const p = await l.peek('lock', { points: 1, windowSeconds: 1 });
    expect(p.allowed).toBe(false);
    expect(!p.allowed && p.retryAfterSeconds).toBe(900);
    clock.advanceSeconds(900);
    expect((await l.peek('lock', { points: 1, windowSeconds: 1 })).allowed).toBe(true);
  });
});
