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
