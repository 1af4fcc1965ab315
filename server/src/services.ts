import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { Config } from './config';
import { SessionService } from './auth/session.service';
import { ViewerPresenter } from './auth/viewer.presenter';
import { SessionCookie } from './http/session-cookie';
import type { Clock } from './lib/clock';
import { RateLimiter } from './lib/rate-limiter';
import { Hasher } from './lib/tokens';
import { DirectoryService } from './portals/directory.service';
import { PublicPortalService } from './portals/public-portal.service';
import type { SmsSender } from './sms/sms-sender';
import { ChallengeStore } from './sign-in/challenge.store';
import { CodeChecker } from './sign-in/code-checker';
import { CodeSender } from './sign-in/code-sender';
import { PasswordStep } from './sign-in/password-step';
import { SignInService } from './sign-in/sign-in.service';
import { EventFeedService } from './two-factor/event-feed.service';
import { EventService } from './two-factor/event.service';
import { PolicyService } from './two-factor/policy.service';
import { ResetService } from './two-factor/reset.service';
import { ApiKeyService } from './api-keys/api-key.service';
import { DeliveryReportService } from './sms/delivery-report.service';

/** Everything a request may use, wired once at start; tests build it with their own clock and sender. */
export interface Services {
  readonly config: Config;
  readonly ds: DataSource;
  readonly clock: Clock;
  readonly sms: SmsSender;
  readonly cookie: SessionCookie;
  readonly sessions: SessionService;
  readonly signIn: SignInService;
  readonly viewers: ViewerPresenter;
  readonly directory: DirectoryService;
  readonly publicPortals: PublicPortalService;
  readonly policy: PolicyService;
  readonly reset: ResetService;
  readonly events: EventService;
  readonly eventFeed: EventFeedService;
  readonly limiter: RateLimiter;
  readonly apiKeys: ApiKeyService;
  readonly deliveryReports: DeliveryReportService;
}

export function buildServices(deps: {
  config: Config;
  secretKey: string;
  ds: DataSource;
  clock: Clock;
  sms: SmsSender;
  log: Logger;
}): Services {
  const { config, ds, clock, sms, log } = deps;
  const hasher = new Hasher(deps.secretKey);
  const limiter = new RateLimiter(ds, clock);
  const events = new EventService(ds, clock);
  const sessions = new SessionService(ds, hasher, clock, config);
  const store = new ChallengeStore(ds);
  const sender = new CodeSender(ds, store, limiter, sms, events, hasher, clock, config, log);
  const checker = new CodeChecker(ds, store, limiter, events, hasher, clock, config);
  const password = new PasswordStep(ds, limiter, config);
  const signIn = new SignInService(ds, password, store, sender, checker, sessions, events, hasher, clock, config);
  const directory = new DirectoryService(ds);
  return {
    config,
    ds,
    clock,
    sms,
    cookie: new SessionCookie(config.secureCookies, config.sessionAbsoluteSeconds),
    sessions,
    signIn,
    viewers: new ViewerPresenter(ds, directory),
    directory,
    publicPortals: new PublicPortalService(ds, limiter, config),
    policy: new PolicyService(ds, events, clock),
    reset: new ResetService(ds, store, checker, events, clock),
    events,
    eventFeed: new EventFeedService(ds),
    limiter,
    apiKeys: new ApiKeyService(ds, hasher, events, clock),
    deliveryReports: new DeliveryReportService(ds, limiter, events, clock),
  };
}
