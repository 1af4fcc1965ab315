import { z } from 'zod';

/**
 * Every setting of the README's "Settings", parsed once. Nothing else in the server reads process.env:
 * callers get one frozen object whose numbers carry their unit in their name.
 */

const SECONDS_PER_MINUTE = 60;
const SECONDS_PER_HOUR = 3600;
const SECRET_KEY_MIN_BYTES = 32;
const METRICS_TOKEN_MIN_CHARS = 32;

const intSetting = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

const flagSetting = z
  .enum(['0', '1', 'true', 'false'])
  .optional()
  .transform((v) => v === '1' || v === 'true');

const EnvSchema = z.object({
  NODE_ENV: z.string().optional(),
  PORT: intSetting(4000, 0, 65535),
  DATABASE_URL: z
    .string()
    .default('sqlite:./data/portal.sqlite')
    .refine((v) => /^(mysql:\/\/|sqlite:)/.test(v), 'must start with mysql:// or sqlite:'),
  // docs/OPERATIONS.md, Read replicas: comma-separated mysql:// URLs of read-only replicas of DATABASE_URL.
  DATABASE_REPLICA_URLS: z.string().optional(),
  SECRET_KEY: z.string().min(SECRET_KEY_MIN_BYTES, `must be at least ${SECRET_KEY_MIN_BYTES} bytes`).optional(),
  // docs/OPERATIONS.md, Rotating SECRET_KEY: the key being replaced, still accepted for lookups.
  SECRET_KEY_PREVIOUS: z.string().min(SECRET_KEY_MIN_BYTES, `must be at least ${SECRET_KEY_MIN_BYTES} bytes`).optional(),
  PUBLIC_URL: z.url().optional(),
  TRUST_PROXY: intSetting(0, 0, 10).optional(),
  CORS_ORIGINS: z.string().optional(),
  SMS_PROVIDER: z.enum(['plivo', 'console']).default('console'),
  PLIVO_AUTH_ID: z.string().optional(),
  PLIVO_AUTH_TOKEN: z.string().optional(),
  PLIVO_SENDER: z.string().optional(),
  PLIVO_API_URL: z.url().default('https://api.plivo.com'),
  PLIVO_TIMEOUT_SECONDS: intSetting(10, 1, 60),
  OTP_TTL_SECONDS: intSetting(300, 30, 10 * SECONDS_PER_MINUTE),
  CHALLENGE_TTL_SECONDS: intSetting(600, 60, SECONDS_PER_HOUR),
  OTP_MAX_ATTEMPTS: intSetting(5, 1, 10),
  OTP_RESEND_COOLDOWN_SECONDS: intSetting(30, 0, 10 * SECONDS_PER_MINUTE),
  SESSION_IDLE_SECONDS: intSetting(30 * SECONDS_PER_MINUTE, 60, 24 * SECONDS_PER_HOUR),
  SESSION_ABSOLUTE_SECONDS: intSetting(12 * SECONDS_PER_HOUR, 60, 30 * 24 * SECONDS_PER_HOUR),
  RATE_PASSWORD_PER_ACCOUNT: intSetting(10, 1, 1000),
  RATE_PASSWORD_PER_IP: intSetting(100, 1, 100_000),
  RATE_PASSWORD_WINDOW_SECONDS: intSetting(15 * SECONDS_PER_MINUTE, 1, 24 * SECONDS_PER_HOUR),
  RATE_CODE_FAILURES_PER_ACCOUNT: intSetting(10, 1, 100),
  RATE_CODE_FAILURES_WINDOW_SECONDS: intSetting(SECONDS_PER_HOUR, 1, 24 * SECONDS_PER_HOUR),
  RATE_CODE_LOCK_SECONDS: intSetting(15 * SECONDS_PER_MINUTE, 1, 24 * SECONDS_PER_HOUR),
  // NIST SP 800-63B §5.2.2 allows at most 100 consecutive failed attempts on one account.
  RATE_CODE_FAILURES_CONSECUTIVE_MAX: intSetting(50, 1, 100),
  RATE_SMS_PER_CHALLENGE: intSetting(5, 1, 20),
  RATE_SMS_PER_CUSTOMER_HOUR: intSetting(10, 1, 1000),
  RATE_SMS_NUMBERS_PER_CUSTOMER_HOUR: intSetting(3, 1, 100),
  RATE_SMS_PER_NUMBER_HOUR: intSetting(5, 1, 1000),
  RATE_SMS_PER_NUMBER_DAY: intSetting(10, 1, 10_000),
  RATE_SMS_PER_IP_HOUR: intSetting(30, 1, 100_000),
  RATE_SMS_PER_IP_HOUR_TOTAL: intSetting(500, 1, 10_000_000),
  RATE_SMS_PER_PORTAL_HOUR: intSetting(1000, 1, 10_000_000),
  API_KEY_REQUESTS_PER_MINUTE: intSetting(120, 1, 100_000),
  RATE_PORTAL_LOOKUP_PER_IP: intSetting(100, 1, 100_000),
  BODY_LIMIT_BYTES: intSetting(100_000, 1_000, 10_000_000),
  // 0 keeps events forever; otherwise whole days, up to a century.
  EVENT_RETENTION_DAYS: intSetting(400, 0, 36_500),
  // docs/OPERATIONS.md, Draining: how long a stopping process lets accepted requests finish.
  SHUTDOWN_GRACE_SECONDS: intSetting(15, 1, 300),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().default('./data'),
  // Unset: the command decides (`npm run serve` one worker per CPU, `npm start` one); docs/OPERATIONS.md, Workers.
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(256).optional(),
  // docs/OPERATIONS.md, Email notices. Unset: printed to the console outside production, none in production.
  SMTP_URL: z
    .string()
    .refine((v) => /^smtps?:\/\/[^\s]+$/i.test(v) && URL.canParse(v), 'must be an smtp:// or smtps:// URL')
    .optional(),
  // An address, or a name and <address>; no line breaks (it becomes a header).
  MAIL_FROM: z
    .string()
    .max(320)
    .regex(/^(?:[^\r\n<>@]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/, 'must be an address, or a name and <address>')
    .optional(),
  MAIL_TIMEOUT_SECONDS: intSetting(10, 1, 60),
  // Unset: /metrics answers 404. Printable, no spaces, long enough not to be guessed (docs/OPERATIONS.md, Metrics).
  METRICS_TOKEN: z.string().min(METRICS_TOKEN_MIN_CHARS, `must be at least ${METRICS_TOKEN_MIN_CHARS} characters`).regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces').optional(),
});

export type SmsProviderName = 'plivo' | 'console';

export interface Config {
  readonly production: boolean;
  readonly port: number;
  readonly databaseUrl: string;
  /** Replicas for the admin and API listings that may lag; empty: every read on the primary. */
  readonly databaseReplicaUrls: readonly string[];
  /** undefined only outside production: the caller generates one and keeps it under dataDir. */
  readonly secretKey: string | undefined;
  /** The key being rotated out (docs/OPERATIONS.md, Rotating SECRET_KEY): accepted, never written. */
  readonly secretKeyPrevious: string | null;
  readonly publicUrl: string;
  readonly secureCookies: boolean;
  readonly trustProxyHops: number;
  readonly corsOrigins: readonly string[];
  readonly introspection: boolean;
  readonly fieldSuggestions: boolean;
  readonly includeStackTraces: boolean;
  readonly sms: {
    readonly provider: SmsProviderName;
    readonly plivoAuthId: string;
    readonly plivoAuthToken: string;
    readonly plivoSender: string;
    readonly plivoApiUrl: string;
    readonly plivoTimeoutSeconds: number;
  };
  readonly otpTtlSeconds: number;
  readonly challengeTtlSeconds: number;
  readonly otpMaxAttempts: number;
  readonly otpResendCooldownSeconds: number;
  readonly sessionIdleSeconds: number;
  readonly sessionAbsoluteSeconds: number;
  readonly limits: {
    readonly passwordPerAccount: number;
    readonly passwordPerIp: number;
    readonly passwordWindowSeconds: number;
    readonly codeFailuresPerAccount: number;
    readonly codeFailuresWindowSeconds: number;
    readonly codeLockSeconds: number;
    /** Wrong codes in a row, across windows, after which the account waits for an admin's reset. */
    readonly codeFailuresConsecutiveMax: number;
    readonly smsPerChallenge: number;
    readonly smsPerCustomerHour: number;
    readonly smsNumbersPerCustomerHour: number;
    readonly smsPerNumberHour: number;
    readonly smsPerNumberDay: number;
    /** Texts per IP key whose code was never used: a used code gives its hit back. */
    readonly smsPerIpHour: number;
    /** All texts per IP key, used or not. */
    readonly smsPerIpHourTotal: number;
    readonly smsPerPortalHour: number;
    readonly apiKeyRequestsPerMinute: number;
    /** Public portal(slug) lookups per client address per 15 minutes. */
    readonly portalLookupPerIp: number;
  };
  readonly bodyLimitBytes: number;
  /** How long two_factor_events are kept (docs/PERFORMANCE.md, Retention); 0 keeps them forever. */
  readonly eventRetentionDays: number;
  /** After SIGTERM, how long accepted requests may take before their connections are cut (docs/OPERATIONS.md, Draining). */
  readonly shutdownGraceSeconds: number;
  readonly logLevel: string;
  readonly dataDir: string;
  /** Worker processes on the one port; null: the command's default (docs/OPERATIONS.md, Workers). */
  readonly webConcurrency: number | null;
  /** The bearer token of GET /metrics; null: /metrics is off (404). */
  readonly metricsToken: string | null;
  /** Email notices (docs/OPERATIONS.md, Email notices). */
  readonly mail: {
    /** null: the console outside production, no notices in production. Holds a password: never logged. */
    readonly smtpUrl: string | null;
    readonly from: string;
    readonly timeoutSeconds: number;
  };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  // Empty strings mean "unset" (docker-compose writes FOO= for blanks).
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid settings:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production && !e.SECRET_KEY) throw new ConfigError('SECRET_KEY: required when NODE_ENV=production');
  if (e.SECRET_KEY_PREVIOUS && (!e.SECRET_KEY || e.SECRET_KEY_PREVIOUS === e.SECRET_KEY)) {
    throw new ConfigError('SECRET_KEY_PREVIOUS: needs SECRET_KEY set to a different, new key');
  }
  if (production && e.SMS_PROVIDER === 'console') {
    throw new ConfigError('SMS_PROVIDER: console is refused when NODE_ENV=production (codes would reach the log)');
  }
  if (e.SMS_PROVIDER === 'plivo') {
    for (const name of ['PLIVO_AUTH_ID', 'PLIVO_AUTH_TOKEN', 'PLIVO_SENDER'] as const) {
      if (!e[name]) throw new ConfigError(`${name}: required when SMS_PROVIDER=plivo`);
    }
  }
  if (e.SMTP_URL && !e.MAIL_FROM) throw new ConfigError('MAIL_FROM: required when SMTP_URL is set');
  if ((e.WEB_CONCURRENCY ?? 1) > 1 && e.DATABASE_URL === 'sqlite::memory:') {
    throw new ConfigError('WEB_CONCURRENCY: must be 1 with DATABASE_URL=sqlite::memory: (each worker would have a database of its own)');
  }
  const replicaUrls = (e.DATABASE_REPLICA_URLS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (replicaUrls.length && !e.DATABASE_URL.startsWith('mysql://')) {
    throw new ConfigError('DATABASE_REPLICA_URLS: replicas need a mysql:// DATABASE_URL (the embedded SQLite has none)');
  }
  for (const url of replicaUrls) {
    if (!url.startsWith('mysql://')) throw new ConfigError('DATABASE_REPLICA_URLS: each entry must start with mysql://');
  }
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  const config: Config = {
    production,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    databaseReplicaUrls: replicaUrls,
    secretKey: e.SECRET_KEY,
    secretKeyPrevious: e.SECRET_KEY_PREVIOUS ?? null,
    publicUrl,
    secureCookies: publicUrl.startsWith('https:'),
    trustProxyHops: e.TRUST_PROXY ?? 0,
    corsOrigins: (e.CORS_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    // Set explicitly from one flag, not left to libraries guessing from NODE_ENV.
    introspection: !production,
    fieldSuggestions: !production,
    includeStackTraces: !production,
    sms: {
      provider: e.SMS_PROVIDER,
      plivoAuthId: e.PLIVO_AUTH_ID ?? '',
      plivoAuthToken: e.PLIVO_AUTH_TOKEN ?? '',
      plivoSender: e.PLIVO_SENDER ?? '',
      plivoApiUrl: e.PLIVO_API_URL.replace(/\/+$/, ''),
      plivoTimeoutSeconds: e.PLIVO_TIMEOUT_SECONDS,
    },
    otpTtlSeconds: e.OTP_TTL_SECONDS,
    challengeTtlSeconds: e.CHALLENGE_TTL_SECONDS,
    otpMaxAttempts: e.OTP_MAX_ATTEMPTS,
    otpResendCooldownSeconds: e.OTP_RESEND_COOLDOWN_SECONDS,
    sessionIdleSeconds: e.SESSION_IDLE_SECONDS,
    sessionAbsoluteSeconds: e.SESSION_ABSOLUTE_SECONDS,
    limits: {
      passwordPerAccount: e.RATE_PASSWORD_PER_ACCOUNT,
      passwordPerIp: e.RATE_PASSWORD_PER_IP,
      passwordWindowSeconds: e.RATE_PASSWORD_WINDOW_SECONDS,
      codeFailuresPerAccount: e.RATE_CODE_FAILURES_PER_ACCOUNT,
      codeFailuresWindowSeconds: e.RATE_CODE_FAILURES_WINDOW_SECONDS,
      codeLockSeconds: e.RATE_CODE_LOCK_SECONDS,
      codeFailuresConsecutiveMax: e.RATE_CODE_FAILURES_CONSECUTIVE_MAX,
      smsPerChallenge: e.RATE_SMS_PER_CHALLENGE,
      smsPerCustomerHour: e.RATE_SMS_PER_CUSTOMER_HOUR,
      smsNumbersPerCustomerHour: e.RATE_SMS_NUMBERS_PER_CUSTOMER_HOUR,
      smsPerNumberHour: e.RATE_SMS_PER_NUMBER_HOUR,
      smsPerNumberDay: e.RATE_SMS_PER_NUMBER_DAY,
      smsPerIpHour: e.RATE_SMS_PER_IP_HOUR,
      smsPerIpHourTotal: e.RATE_SMS_PER_IP_HOUR_TOTAL,
      smsPerPortalHour: e.RATE_SMS_PER_PORTAL_HOUR,
      apiKeyRequestsPerMinute: e.API_KEY_REQUESTS_PER_MINUTE,
      portalLookupPerIp: e.RATE_PORTAL_LOOKUP_PER_IP,
    },
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    eventRetentionDays: e.EVENT_RETENTION_DAYS,
    shutdownGraceSeconds: e.SHUTDOWN_GRACE_SECONDS,
    logLevel: e.LOG_LEVEL,
    dataDir: e.DATA_DIR,
    webConcurrency: e.WEB_CONCURRENCY ?? null,
    metricsToken: e.METRICS_TOKEN ?? null,
    mail: {
      smtpUrl: e.SMTP_URL ?? null,
      from: e.MAIL_FROM ?? 'Portal <no-reply@localhost>',
      timeoutSeconds: e.MAIL_TIMEOUT_SECONDS,
    },
  };
  return deepFreeze(config);
}

function deepFreeze<T extends object>(o: T): T {
  for (const v of Object.values(o)) if (v && typeof v === 'object') deepFreeze(v as object);
  return Object.freeze(o);
}
