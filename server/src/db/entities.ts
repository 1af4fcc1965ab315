import { AccountRow } from '../portals/account.entity';
import { CompanyRow } from '../portals/company.entity';
import { PortalRow } from '../portals/portal.entity';
import { ProfileRow } from '../portals/profile.entity';
import { SessionRow } from '../auth/session.entity';
import { RateCounterRow } from '../lib/rate-counter.entity';
import { ChallengeRow } from '../sign-in/challenge.entity';
import { TwoFactorEventRow } from '../two-factor/event.entity';
import { SmsMessageRow } from '../sms/sms-message.entity';
import { ApiKeyRow } from '../api-keys/api-key.entity';

export const ENTITIES = [PortalRow, ProfileRow, CompanyRow, AccountRow, SessionRow, RateCounterRow, ChallengeRow, TwoFactorEventRow, SmsMessageRow, ApiKeyRow];
