import { availableParallelism } from 'node:os';
import { hashConcurrency, hashPassword, shareHashCoresWith } from './passwords';

describe('password hashes per process', () => {
  afterAll(() => shareHashCoresWith(1));

  it('runs one hash per core alone, and a worker its share of the cores (at least one)', async () => {
    const cores = availableParallelism();
    expect(hashConcurrency()).toBe(cores);
    shareHashCoresWith(2);
    expect(hashConcurrency()).toBe(Math.max(1, Math.floor(cores / 2)));
    shareHashCoresWith(cores * 4);
    expect(hashConcurrency()).toBe(1);
    // The gate still passes work through.
    expect(await hashPassword('a long enough password')).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    shareHashCoresWith(1);
    expect(hashConcurrency()).toBe(cores);
  });
});
