import { ConfigError, loadConfig } from './config';

const KEY = 'k'.repeat(32);

describe('loadConfig', () => {
  it('gives the embedded default with no settings', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      production: false,
      port: 4000,
      databaseUrl: 'sqlite:./data/portal.sqlite',
      publicUrl: 'http://localhost:4000',
      secureCookies: false,
      trustProxyHops: 0,
      otpTtlSeconds: 300,
      challengeTtlSeconds: 600,
      otpMaxAttempts: 5,
      otpResendCooldownSeconds: 30,
      sessionIdleSeconds: 1800,
      sessionAbsoluteSeconds: 43200,
      introspection: true,
    });
    expect(c.sms.provider).toBe('console');
    expect(c.sms.plivoTimeoutSeconds).toBe(10);
    expect(c.limits).toMatchObject({ passwordPerAccount: 10, passwordPerIp: 100, smsPerPortalHour: 1000 });
    expect(c.limits).toMatchObject({
      smsPerNumberHour: 5,
      smsPerNumberDay: 10,
      smsPerIpHour: 30,
      smsPerIpHourTotal: 500,
      codeFailuresConsecutiveMax: 50,
    });
  });

  it('caps consecutive wrong codes at 100 at most (NIST SP 800-63B)', () => {
    expect(loadConfig({ RATE_CODE_FAILURES_CONSECUTIVE_MAX: '100' }).limits.codeFailuresConsecutiveMax).toBe(100);
    expect(() => loadConfig({ RATE_CODE_FAILURES_CONSECUTIVE_MAX: '101' })).toThrow(/RATE_CODE_FAILURES_CONSECUTIVE_MAX/);
    expect(() => loadConfig({ RATE_CODE_FAILURES_CONSECUTIVE_MAX: '0' })).toThrow(/RATE_CODE_FAILURES_CONSECUTIVE_MAX/);
  });

  it('keeps events 400 days by default; EVENT_RETENTION_DAYS=0 keeps them forever; only whole days 0..36500', () => {
    expect(loadConfig({}).eventRetentionDays).toBe(400);
    expect(loadConfig({ EVENT_RETENTION_DAYS: '0' }).eventRetentionDays).toBe(0);
    expect(loadConfig({ EVENT_RETENTION_DAYS: '30' }).eventRetentionDays).toBe(30);
    expect(loadConfig({ EVENT_RETENTION_DAYS: '36500' }).eventRetentionDays).toBe(36500);
    for (const bad of ['-1', '1.5', 'forever', '36501']) {
      expect(() => loadConfig({ EVENT_RETENTION_DAYS: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ EVENT_RETENTION_DAYS: bad })).toThrow(/EVENT_RETENTION_DAYS/);
    }
  });

  it('gives accepted requests 15 s to finish after SIGTERM by default; SHUTDOWN_GRACE_SECONDS is whole seconds 1..300', () => {
    expect(loadConfig({}).shutdownGraceSeconds).toBe(15);
    expect(loadConfig({ SHUTDOWN_GRACE_SECONDS: '1' }).shutdownGraceSeconds).toBe(1);
    expect(loadConfig({ SHUTDOWN_GRACE_SECONDS: '300' }).shutdownGraceSeconds).toBe(300);
    for (const bad of ['0', '-5', '2.5', 'soon', '301']) {
      expect(() => loadConfig({ SHUTDOWN_GRACE_SECONDS: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ SHUTDOWN_GRACE_SECONDS: bad })).toThrow(/SHUTDOWN_GRACE_SECONDS/);
    }
  });

  it('reads DATABASE_REPLICA_URLS as a comma-separated list of mysql:// URLs, only beside a mysql:// DATABASE_URL', () => {
    expect(loadConfig({}).databaseReplicaUrls).toEqual([]);
    const primary = 'mysql://app@db1:3306/portal';
    expect(
      loadConfig({ DATABASE_URL: primary, DATABASE_REPLICA_URLS: ' mysql://r@db2/portal, mysql://r@db3/portal ,' }).databaseReplicaUrls,
    ).toEqual(['mysql://r@db2/portal', 'mysql://r@db3/portal']);
    expect(() => loadConfig({ DATABASE_REPLICA_URLS: 'mysql://r@db2/portal' })).toThrow(/DATABASE_REPLICA_URLS: replicas need a mysql/);
    expect(() => loadConfig({ DATABASE_URL: primary, DATABASE_REPLICA_URLS: 'postgres://r@db2/portal' })).toThrow(ConfigError);
  });

  it('refuses production without SECRET_KEY, or with the console SMS sender', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', SMS_PROVIDER: 'plivo' })).toThrow(/SECRET_KEY/);
    expect(() => loadConfig({ NODE_ENV: 'production', SECRET_KEY: KEY })).toThrow(/SMS_PROVIDER/);
  });

  it('takes SECRET_KEY_PREVIOUS only beside a different SECRET_KEY, validated like it', () => {
    const previous = 'p'.repeat(32);
    expect(loadConfig({}).secretKeyPrevious).toBeNull();
    expect(loadConfig({ SECRET_KEY: KEY, SECRET_KEY_PREVIOUS: previous }).secretKeyPrevious).toBe(previous);
    for (const env of [
      { SECRET_KEY: KEY, SECRET_KEY_PREVIOUS: 'short' },
      { SECRET_KEY_PREVIOUS: previous },
      { SECRET_KEY: KEY, SECRET_KEY_PREVIOUS: KEY },
    ]) {
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(/SECRET_KEY_PREVIOUS/);
    }
  });

  it('turns introspection, suggestions and stack traces off in production, explicitly', () => {
    const c = loadConfig({
      NODE_ENV: 'production',
      SECRET_KEY: KEY,
      SMS_PROVIDER: 'plivo',
      PLIVO_AUTH_ID: 'id',
      PLIVO_AUTH_TOKEN: 'token',
      PLIVO_SENDER: '+15555550000',
    });
    expect([c.introspection, c.fieldSuggestions, c.includeStackTraces]).toEqual([false, false, false]);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ OTP_TTL_SECONDS: '3600' }, 'OTP_TTL_SECONDS'],
    [{ OTP_MAX_ATTEMPTS: '0' }, 'OTP_MAX_ATTEMPTS'],
    [{ SECRET_KEY: 'short' }, 'SECRET_KEY'],
    [{ DATABASE_URL: 'postgres://x' }, 'DATABASE_URL'],
    [{ SMS_PROVIDER: 'twilio' }, 'SMS_PROVIDER'],
    [{ SMS_PROVIDER: 'plivo' }, 'PLIVO_AUTH_ID'],
    [{ PUBLIC_URL: 'not a url' }, 'PUBLIC_URL'],
  ])('names the variable in the error for %j', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(name));
  });

  it('makes cookies Secure when PUBLIC_URL is https, and keeps TRUST_PROXY hops', () => {
    const c = loadConfig({ PUBLIC_URL: 'https://portal.example/', TRUST_PROXY: '1' });
    expect(c.publicUrl).toBe('https://portal.example');
    expect(c.secureCookies).toBe(true);
    expect(c.trustProxyHops).toBe(1);
  });

  it('leaves WEB_CONCURRENCY to the command when unset, and takes 1 to 256 workers', () => {
    expect(loadConfig({}).webConcurrency).toBeNull();
    expect(loadConfig({ WEB_CONCURRENCY: '1' }).webConcurrency).toBe(1);
    expect(loadConfig({ WEB_CONCURRENCY: '8' }).webConcurrency).toBe(8);
    for (const bad of ['0', '-2', '1.5', 'max', '257']) expect(() => loadConfig({ WEB_CONCURRENCY: bad })).toThrow(/WEB_CONCURRENCY/);
    // In-memory SQLite is one database per process: several workers would not share their limits.
    expect(() => loadConfig({ WEB_CONCURRENCY: '2', DATABASE_URL: 'sqlite::memory:' })).toThrow(/WEB_CONCURRENCY/);
    expect(loadConfig({ WEB_CONCURRENCY: '1', DATABASE_URL: 'sqlite::memory:' }).webConcurrency).toBe(1);
  });

  it('turns /metrics off without METRICS_TOKEN, and refuses a short or spaced token', () => {
    expect(loadConfig({}).metricsToken).toBeNull();
    const token = 'm'.repeat(32);
    expect(loadConfig({ METRICS_TOKEN: token }).metricsToken).toBe(token);
    for (const bad of ['m'.repeat(31), `${'m'.repeat(32)} x`, `${'m'.repeat(32)}\u00e9`]) {
      expect(() => loadConfig({ METRICS_TOKEN: bad })).toThrow(/METRICS_TOKEN/);
    }
  });

  it('reads SMTP_URL, MAIL_FROM and MAIL_TIMEOUT_SECONDS, and refuses what would break a send or a header', () => {
    expect(loadConfig({}).mail).toEqual({ smtpUrl: null, from: 'Portal <no-reply@localhost>', timeoutSeconds: 10 });
    const url = 'smtps://user:pa%40ss@mail.example.com:465';
    expect(loadConfig({ SMTP_URL: url, MAIL_FROM: 'Acme <no-reply@acme.test>', MAIL_TIMEOUT_SECONDS: '5' }).mail).toEqual({
      smtpUrl: url,
      from: 'Acme <no-reply@acme.test>',
      timeoutSeconds: 5,
    });
    expect(loadConfig({ SMTP_URL: 'smtp://127.0.0.1:2525', MAIL_FROM: 'no-reply@acme.test' }).mail.from).toBe('no-reply@acme.test');
    expect(() => loadConfig({ SMTP_URL: 'smtp://127.0.0.1:2525' })).toThrow(/MAIL_FROM: required when SMTP_URL is set/);
    for (const bad of ['http://mail.example.com', 'mail.example.com:25', 'smtp://exa mple.com']) {
      expect(() => loadConfig({ SMTP_URL: bad, MAIL_FROM: 'a@b.test' })).toThrow(/SMTP_URL/);
    }
    for (const bad of ['not an address', 'Acme <no-reply@acme.test>\r\nBcc: x@y.test', 'a@b.test\nX: y']) {
      expect(() => loadConfig({ MAIL_FROM: bad })).toThrow(/MAIL_FROM/);
    }
    for (const bad of ['0', '61', '1.5']) expect(() => loadConfig({ MAIL_TIMEOUT_SECONDS: bad })).toThrow(/MAIL_TIMEOUT_SECONDS/);
  });

  it('is frozen', () => {
    const c = loadConfig({});
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.limits)).toBe(true);
  });
});
