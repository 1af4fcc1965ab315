/**
 * The rate_counters keys of an account's wrong codes. One definition, because the code checker counts
 * them through the rate limiter and the step context reads them in its one join (step-context.query.ts).
 */
export const CODE_LOCK_PREFIX = 'code:lock:';
export const CODE_FAIL_PREFIX = 'code:fail:';
/**
 * Wrong codes in a row per account, across windows. A rate_counters row whose window never ends in
 * practice: it reuses the limiter's atomic upsert (one distinct count per concurrent request, on MySQL
 * and SQLite alike), needs no new column on accounts, and is deleted by a right code or an admin's reset.
 */
export const CODE_RUN_PREFIX = 'code:run:';

export const codeLockKey = (accountId: string) => `${CODE_LOCK_PREFIX}${accountId}`;
export const codeFailKey = (accountId: string) => `${CODE_FAIL_PREFIX}${accountId}`;
export const codeRunKey = (accountId: string) => `${CODE_RUN_PREFIX}${accountId}`;
