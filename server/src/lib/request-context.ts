import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from 'pino';

/**
 * The request a piece of work is done for, carried through every await by AsyncLocalStorage, so that
 * services, which hold the process's logger, still write lines that name their request
 * (docs/OPERATIONS.md, Request ids).
 */
const current = new AsyncLocalStorage<{ readonly requestId: string }>();

export function runWithRequestId<T>(requestId: string, work: () => T): T {
  return current.run({ requestId }, work);
}

export function currentRequestId(): string | undefined {
  return current.getStore()?.requestId;
}

/** `log`, whose every line written during a request carries `reqId` (the response's X-Request-Id). */
export function withRequestIds(log: Logger): Logger {
  return log.child(
    {},
    {
      formatters: {
        log: (line) => {
          const reqId = currentRequestId();
          return reqId === undefined ? line : { reqId, ...line };
        },
      },
    },
  );
}
