import { CONFLICT_TRIES, conflictReason, withConflictRetry } from './conflict-retry';

const conflict = (errno: number, code: string) => Object.assign(new Error(code), { errno, code });
/** TypeORM's QueryFailedError keeps mysql2's error as driverError. */
const wrapped = (errno: number, code: string) => Object.assign(new Error('query failed'), { driverError: conflict(errno, code) });

describe('conflict retry', () => {
  it('knows 1213 and 1205, bare or wrapped, and nothing else', () => {
    expect(conflictReason(conflict(1213, 'ER_LOCK_DEADLOCK'))).toBe('deadlock');
    expect(conflictReason(wrapped(1213, 'ER_LOCK_DEADLOCK'))).toBe('deadlock');
    expect(conflictReason(wrapped(1205, 'ER_LOCK_WAIT_TIMEOUT'))).toBe('lock_wait_timeout');
    expect(conflictReason(wrapped(1062, 'ER_DUP_ENTRY'))).toBeNull();
    expect(conflictReason(new Error('boom'))).toBeNull();
    expect(conflictReason('Deadlock')).toBeNull();
  });

  it('runs the work again until it succeeds, telling each retry', async () => {
    const told: string[] = [];
    let runs = 0;
    const answer = await withConflictRetry(
      async () => {
        runs += 1;
        if (runs < 3) throw wrapped(1213, 'ER_LOCK_DEADLOCK');
        return 'done';
      },
      (reason, outcome) => told.push(`${reason}:${outcome}`),
    );
    expect(answer).toBe('done');
    expect(runs).toBe(3);
    expect(told).toEqual(['deadlock:retried', 'deadlock:retried']);
  });

  it('gives up after CONFLICT_TRIES runs with the last conflict', async () => {
    const told: string[] = [];
    let runs = 0;
    const err = wrapped(1205, 'ER_LOCK_WAIT_TIMEOUT');
    await expect(
      withConflictRetry(
        async () => {
          runs += 1;
          throw err;
        },
        (reason, outcome) => told.push(`${reason}:${outcome}`),
      ),
    ).rejects.toBe(err);
    expect(runs).toBe(CONFLICT_TRIES);
    expect(told.filter((t) => t.endsWith('gave_up'))).toEqual(['lock_wait_timeout:gave_up']);
  });

  it('never runs again after any other error', async () => {
    let runs = 0;
    await expect(
      withConflictRetry(async () => {
        runs += 1;
        throw wrapped(1062, 'ER_DUP_ENTRY');
      }),
    ).rejects.toThrow('query failed');
    expect(runs).toBe(1);
  });
});
