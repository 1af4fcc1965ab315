import type { EntityManager } from 'typeorm';
import type { AccountRow } from './account.entity';
import { ProfileRow } from './profile.entity';

/** Admins and their profiles: what an admin may do beyond reading is a profile option. */
export class AdminService {
  constructor(private readonly db: EntityManager) {}

  /** The portal-wide powers (the 2FA policy, API keys) belong to admins whose profile has the Master Admin option. */
  async isMasterAdmin(account: Pick<AccountRow, 'kind' | 'profileId' | 'portalId'>): Promise<boolean> {
    if (account.kind !== 'admin' || !account.profileId) return false;
    const profile = await this.db.findOneBy(ProfileRow, { id: account.profileId, portalId: account.portalId });
    return profile?.masterAdmin === true;
  }
}
