import type { DataSource } from 'typeorm';
import { openDatabase, openReplicaReads } from './db/data-source';
import { AccountRow } from './portals/account.entity';
import { CompanyRow } from './portals/company.entity';
import { PortalRow } from './portals/portal.entity';
import { ProfileRow } from './portals/profile.entity';
import { SessionRow } from './auth/session.entity';
import { RateCounterRow } from './rate-limits/rate-counter.entity';
import { ChallengeRow } from './sign-in/challenge.entity';
import { TwoFactorEventRow } from './audit/event.entity';
import { SmsMessageRow } from './sms/sms-message.entity';
import { ApiKeyRow } from './api-keys/api-key.entity';
import { TotpFactorRow } from './two-factor/totp-factor.entity';
import { RecoveryCodeRow } from './two-factor/recovery-code.entity';
import { PasskeyRow, PasskeySetupRow } from './two-factor/passkey.entity';

/** Every table the application maps, in one list at the top: db/ itself names no entity. */
export const ENTITIES = [PortalRow, ProfileRow, CompanyRow, AccountRow, SessionRow, RateCounterRow, ChallengeRow, TwoFactorEventRow, SmsMessageRow, ApiKeyRow, TotpFactorRow, RecoveryCodeRow, PasskeyRow, PasskeySetupRow];

/** The application's database: db/ connects and migrates, this list says what it maps. */
export function openAppDatabase(databaseUrl: string, options: { migrate: boolean; serving?: boolean }): Promise<DataSource> {
  return openDatabase(databaseUrl, { ...options, entities: ENTITIES });
}

/** The connection for reads that may lag (docs/OPERATIONS.md, Read replicas). */
export function openAppReplicaReads(primaryUrl: string, replicaUrls: readonly string[]): Promise<DataSource> {
  return openReplicaReads(primaryUrl, replicaUrls, ENTITIES);
}
