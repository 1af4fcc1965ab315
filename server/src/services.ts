import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from 'pino';
import type { Config } from './config';
import type { Services } from './graphql/services';
import { dialectOfSource } from './db/data-source';
import { SessionService } from './auth/session.service';
import { SessionStore } from './auth/session.store';
import { ViewerPresenter } from './auth/viewer.presenter';
import type { Clock } from './lib/clock';
import { RateLimiter } from './rate-limits/rate-limiter';
import { Hasher } from './lib/tokens';
import { AdminService } from './portals/admin.service';
import { DirectoryService } from './portals/directory.service';
import { PublicPortalService } from './portals/public-portal.service';
import type { SmsSender } from './sms/sms-sender';
import { ChallengeStore } from './sign-in/challenge.store';
import { CodeChecker } from './sign-in/code-checker';
import { CodeSender } from './sign-in/code-sender';
import { PasswordStep } from './sign-in/password-step';
import { SignInService } from './sign-in/sign-in.service';
import { EventFeedService } from './audit/event-feed.service';
import { TwoFactorEventType } from './audit/event.entity';
import { EventService } from './audit/event.service';
import { PolicyService } from './two-factor/policy.service';
import { EnrollmentStore } from './two-factor/enrollment.store';
import { ResetService } from './two-factor/reset.service';
import { FactorService } from './two-factor/factors.service';
import { TotpStore } from './two-factor/totp.store';
import { RecoveryCodeStore } from './two-factor/recovery-code.store';
import { PasskeyStore } from './two-factor/passkey.store';
import { PasskeyService } from './two-factor/passkeys.service';
import { RelyingParty } from './two-factor/webauthn';
import { SecretBox } from './lib/secret-box';
import { ApiKeyService } from './api-keys/api-key.service';
import { DeliveryReportService } from './sms/delivery-report.service';
import { SmsLog } from './sms/sms-log';
import { noMetrics } from './metrics/metrics';
import { createPromMetrics } from './metrics/prom-metrics';
import { poolCountsOf } from './db/pool-stats';
import type { MailSender } from './notify/mail-sender';
import { NoticeOutbox } from './notify/notice-outbox';
import { noticeFollower } from './notify/notice-follower';
import { replicaManager } from './db/replica-reads';
import { retryConflicts } from './db/conflict-retry';

export type { Services };

/** Everything a request may use, wired once at start; tests build it with their own clock and sender. */
export function buildServices(deps: {
  config: Config;
  secretKey: string;
  ds: DataSource;
  /** DATABASE_REPLICA_URLS' connection (db/data-source.ts, openReplicaReads), or none. */
  replicaDs?: DataSource | null;
  clock: Clock;
  sms: SmsSender;
  /** null: no email notices are queued (production without SMTP_URL). */
  mail: MailSender | null;
  log: Logger;
}): Services {
  const { config, ds, clock, sms, mail, log } = deps;
  // Services get the EntityManager (and open transactions on it) and the stores of the tables they
  // write; none of them holds the DataSource.
  const db = ds.manager;
  const hasher = new Hasher(deps.secretKey, config.secretKeyPrevious);
  // Counted only when someone may read them: without METRICS_TOKEN, /metrics is off and nothing is collected.
  const metrics = config.metricsToken ? createPromMetrics(poolCountsOf(ds)) : noMetrics;
  // Write conflicts (a deadlock, or a Galera certification failure) are run again, not answered; the
  // metrics count them (openDatabase installed the retry; this names who is told).
  if (dialectOfSource(ds) === 'mysql') retryConflicts(ds, (reason, outcome) => metrics.dbConflict(reason, outcome));
  const limiter = new RateLimiter(db, dialectOfSource(ds), clock, metrics);
  // The events of notify/notices.ts queue their email in their own transaction; the worker sends it.
  const events = new EventService(db, clock, mail ? noticeFollower(new NoticeOutbox(db)) : null);
  const sessions = new SessionService(db, new SessionStore(db), hasher, clock, config);
  const enrollments = new EnrollmentStore();
  const smsLog = new SmsLog(db, clock);
  const store = new ChallengeStore(db);
  const sender = new CodeSender(store, smsLog, limiter, sms, events, hasher, clock, config, log, metrics);
  const checker = new CodeChecker(db, store, limiter, events, hasher, clock, config, metrics);
  const password = new PasswordStep(db, limiter, config);
  // The authenticator apps' secrets are sealed under a key derived from SECRET_KEY (lib/secret-box.ts).
  const totpBox = new SecretBox('totp-secret', deps.secretKey, config.secretKeyPrevious);
  const factors = new FactorService(db, new TotpStore(db), new RecoveryCodeStore(db), new PasskeyStore(db), totpBox, hasher, events, clock, config);
  // Passkeys: RP ID and origin from PUBLIC_URL (two-factor/webauthn.ts).
  const relyingParty = new RelyingParty(config);
  const signIn = new SignInService(db, password, enrollments, store, sender, checker, factors, relyingParty, sessions, events, hasher, clock, config, log, metrics);
  const directory = new DirectoryService(db, smsLog, factors, clock);
  // Listings may read a replica; the factors shown beside each customer come from the primary (one read per page).
  const lagging = deps.replicaDs ? replicaManager(deps.replicaDs) : null;
  const reads = lagging
    ? { directory: new DirectoryService(lagging, new SmsLog(lagging, clock), factors, clock), eventFeed: new EventFeedService(lagging) }
    : { directory, eventFeed: new EventFeedService(db) };
  const openSignIns = {
    endAllForAccount: async (m: EntityManager, accountId: string, now: Date) => {
      await store.endAllForAccount(m, accountId, now);
      await checker.forgetWrongCodes(m, accountId);
    },
  };
  return {
    config,
    clock,
    metrics,
    sms,
    mail,
    sessions,
    signIn,
    viewers: new ViewerPresenter(db, directory, clock),
    directory,
    reads,
    admins: new AdminService(db),
    publicPortals: new PublicPortalService(db, limiter, config),
    policy: new PolicyService(db, sessions, events, clock),
    reset: new ResetService(db, enrollments, factors, sessions, openSignIns, events, clock),
    factors,
    passkeys: new PasskeyService(db, factors.passkeys, relyingParty, factors, events, clock),
    events,
    limiter,
    apiKeys: new ApiKeyService(db, hasher, events, clock),
    deliveryReports: new DeliveryReportService(smsLog, limiter, {
      record: (f) => events.record({ portalId: f.portalId, type: TwoFactorEventType.SMS_DELIVERY_FAILED, customerId: f.accountId, detail: f.detail }),
    }),
  };
}
