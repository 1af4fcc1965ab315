import type { Config } from '../config';
import type { EventFeedService } from '../audit/event-feed.service';
import type { EventService } from '../audit/event.service';
import type { ApiKeyService } from '../api-keys/api-key.service';
import type { SessionService } from '../auth/session.service';
import type { ViewerPresenter } from '../auth/viewer.presenter';
import type { Clock } from '../lib/clock';
import type { Metrics } from '../metrics/metrics';
import type { AdminService } from '../portals/admin.service';
import type { DirectoryService } from '../portals/directory.service';
import type { PublicPortalService } from '../portals/public-portal.service';
import type { RateLimiter } from '../rate-limits/rate-limiter';
import type { SignInService } from '../sign-in/sign-in.service';
import type { DeliveryReportService } from '../sms/delivery-report.service';
import type { SmsSender } from '../sms/sms-sender';
import type { MailSender } from '../notify/mail-sender';
import type { PolicyService } from '../two-factor/policy.service';
import type { ResetService } from '../two-factor/reset.service';
import type { FactorService } from '../two-factor/factors.service';
import type { PasskeyService } from '../two-factor/passkeys.service';

/**
 * Everything a request may use (the GraphQL context carries it; the HTTP layer reads config, the
 * caller's session and key from it). Built once at start by buildServices in src/services.ts.
 */
export interface Services {
  readonly config: Config;
  readonly clock: Clock;
  readonly sms: SmsSender;
  /** Where email notices go (SMTP or the console); null when they are off (production without SMTP_URL). */
  readonly mail: MailSender | null;
  readonly sessions: SessionService;
  readonly signIn: SignInService;
  readonly viewers: ViewerPresenter;
  /** On the primary: the viewer after a sign-in step, the customer a reset just changed. */
  readonly directory: DirectoryService;
  /**
   * Admin and API-key listings that may lag behind the primary by the replicas' delay: on a replica when
   * DATABASE_REPLICA_URLS is set, on the primary otherwise (docs/OPERATIONS.md, Read replicas). Who the
   * caller is (session, API key) is never read here.
   */
  readonly reads: { readonly directory: DirectoryService; readonly eventFeed: EventFeedService };
  readonly admins: AdminService;
  readonly publicPortals: PublicPortalService;
  readonly policy: PolicyService;
  readonly reset: ResetService;
  /** The authenticator app and the recovery codes (the account page's changes), and the reads and reset of every factor beside the phone. */
  readonly factors: FactorService;
  /** The account page's passkeys (WebAuthn registration, removal). */
  readonly passkeys: PasskeyService;
  readonly events: EventService;
  readonly limiter: RateLimiter;
  readonly apiKeys: ApiKeyService;
  readonly deliveryReports: DeliveryReportService;
  /** The operational counters; a no-op without METRICS_TOKEN. */
  readonly metrics: Metrics;
}

