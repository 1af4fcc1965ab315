/**
 * The operational counters of docs/OPERATIONS.md (Metrics), as the services see them: one small port,
 * injected like the other services, so that nothing but the composition root knows prom-client.
 *
 * No label may name a customer: no phone number, username, code, token, id or IP. The label values are
 * closed sets (step and outcome names, limit names, ISO regions); `safeLabel` is the last line of
 * defence and turns anything else into "other".
 */

export type SignInStepName = 'login' | 'enrollPhone' | 'confirmCode' | 'verifyOtp' | 'resendCode' | 'useRecoveryCode' | 'verifyPasskey' | 'postponeEnrollment';
export type SmsSendOutcome = 'sent' | 'failed';
export type AccountLockKind = 'timed' | 'until_reset';
/** One attempt at an email notice: sent, failed (it will be retried), given_up (the last attempt failed). */
export type EmailNoticeOutcome = 'sent' | 'failed' | 'given_up';
/** A GraphQL operation's type, or `invalid` when the document did not parse or validate. */
export type OperationType = 'query' | 'mutation' | 'subscription' | 'invalid';

export interface SmsSendRecord {
  /** The SmsSender's name: plivo, console. */
  readonly provider: string;
  readonly outcome: SmsSendOutcome;
  /** Where the text went, as the destination's ISO region or country calling code: never the number. */
  readonly country: string;
  /** How long the provider took to take (or refuse) the message. */
  readonly seconds: number;
}

export interface Scrape {
  readonly contentType: string;
  readonly text: string;
}

export interface Metrics {
  /** A sign-in step answered: its outcome's kind (code_sent, authenticated, …) or its error code. */
  signInStep(step: SignInStepName, result: string): void;
  smsSend(record: SmsSendRecord): void;
  /** A request refused by one of the limits (rate-limits/limit-names.ts). */
  rateLimitRefused(limit: string): void;
  /** An account's sign-ins were locked after wrong codes. */
  accountLocked(kind: AccountLockKind): void;
  graphqlRequest(operation: OperationType, seconds: number): void;
  /** An email notice attempted, by its event type (notify/notices.ts). */
  emailNotice(kind: string, outcome: EmailNoticeOutcome): void;
  /** A transaction or statement that met a write conflict (db/conflict-retry.ts): run again, or given up after the last try. */
  dbConflict(reason: 'deadlock' | 'lock_wait_timeout', outcome: 'retried' | 'gave_up'): void;
  /** The Prometheus text exposition, of every worker of this server. */
  scrape(): Promise<Scrape>;
}

/** METRICS_TOKEN unset: nothing is counted, nothing is collected, and /metrics is off. */
export const noMetrics: Metrics = {
  signInStep: () => undefined,
  smsSend: () => undefined,
  rateLimitRefused: () => undefined,
  accountLocked: () => undefined,
  graphqlRequest: () => undefined,
  emailNotice: () => undefined,
  dbConflict: () => undefined,
  scrape: () => Promise.reject(new Error('metrics are off (METRICS_TOKEN is unset)')),
};

const NAME_LABEL = /^[A-Za-z][A-Za-z0-9_]{0,47}$/;
/** ISO 3166 alpha-2, or a country calling code of one to three digits (+1, +44, +881). */
const COUNTRY_LABEL = /^(?:[A-Z]{2}|\+[1-9]\d{0,2})$/;

/** A label value from a closed set of names: anything that does not look like one is "other". */
export function safeLabel(value: string): string {
  return NAME_LABEL.test(value) ? value : 'other';
}

/** A destination country: a region or a calling code, else "unknown" (never digits of a number). */
export function safeCountry(value: string): string {
  return COUNTRY_LABEL.test(value) ? value : 'unknown';
}
