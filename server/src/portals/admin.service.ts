import type { EntityManager } from 'typeorm';
import type { AccountRow } from './account.entity';
import { ProfileRow } from './profile.entity';

/** Admins and their profiles: what an admin may do beyond reading is a profile option. */
export class AdminService {
  constructor(private readonly db: EntityManager) {}

  /** The portal-wide powers (the 2FA policy, API keys) belong to admins whose profile has the Master Admin option. */
  async isMasterAdmin(account: Pick<AccountRow, 'kind' | 'profileId' | 'portalId'>): Promise<boolean> {
    if (account.kind !== 'admin' || !account.profileId) return false;
    return masterAdminOf(account, await this.db.findOneBy(ProfileRow, { id: account.profileId, portalId: account.portalId }));
  }
}

/** The rule itself, for a profile already read (the session read joins it): an admin, and a profile of its own portal with the option. */
export function masterAdminOf(
  account: Pick<AccountRow, 'kind' | 'profileId' | 'portalId'>,
  profile: Pick<ProfileRow, 'id' | 'portalId' | 'masterAdmin'> | null,
): boolean {
  return (
    account.kind === 'admin' &&
    profile !== null &&
    profile.id === account.profileId &&
    profile.portalId === account.portalId &&
    profile.masterAdmin === true
  );
}
