import type { DirectoryService } from '../portals/directory.service';
import type { AccountRow } from '../portals/account.entity';
import type { PortalRow } from '../portals/portal.entity';
import { ProfileRow } from '../portals/profile.entity';
import type { EntityManager } from 'typeorm';
import { AccountKind, type Viewer } from './viewer.types';

/** Builds the `Viewer` for a signed-in account: its portal, and its profile (admins) or customer record. */
export class ViewerPresenter {
  constructor(
    private readonly db: EntityManager,
    private readonly directory: DirectoryService,
  ) {}

  async present(account: AccountRow, portal: PortalRow): Promise<Viewer> {
    const admin = account.kind === 'admin';
    const profile = admin && account.profileId
      ? await this.db.findOneBy(ProfileRow, { id: account.profileId, portalId: portal.id })
      : null;
    const customer = admin ? null : (await this.directory.toCustomers([account], portal))[0];
    return {
      id: account.id,
      kind: admin ? AccountKind.ADMIN : AccountKind.CUSTOMER,
      username: account.username,
      displayName: account.displayName,
      portal: { slug: portal.slug, name: portal.name },
      profile: profile ? { name: profile.name, masterAdmin: profile.masterAdmin } : null,
      customer: customer ?? null,
    };
  }
}
