import type { EntityManager } from 'typeorm';
import { badCursor, decodeCursor, type Page, toPage } from '../lib/paging';
import { AccountRow } from '../portals/account.entity';
import { TwoFactorEventRow, type TwoFactorEventType } from './event.entity';
import type { TwoFactorEvent } from './event.types';

export interface EventFilter {
  first: number;
  after?: string | null;
  customerId?: string | null;
  types?: TwoFactorEventType[] | null;
  since?: Date | null;
  until?: Date | null;
  newestFirst?: boolean | null;
}

/**
 * Reads the audit trail. Oldest first by default, ordered by the auto-increment id, so a consumer that
 * keeps the last cursor and asks again sees every later event exactly once.
 */
export class EventFeedService {
  constructor(private readonly db: EntityManager) {}

  async list(portalId: string, f: EventFilter): Promise<Page<TwoFactorEvent>> {
    const desc = f.newestFirst === true;
    const qb = this.db
      .createQueryBuilder(TwoFactorEventRow, 'e')
      .where('e.portal_id = :portalId', { portalId })
      .orderBy('e.id', desc ? 'DESC' : 'ASC')
      .take(f.first + 1);
    if (f.customerId) qb.andWhere('e.customer_id = :c', { c: f.customerId });
    if (f.types?.length) qb.andWhere('e.type IN (:...types)', { types: f.types });
    if (f.since) qb.andWhere('e.created_at >= :since', { since: f.since.getTime() });
    if (f.until) qb.andWhere('e.created_at < :until', { until: f.until.getTime() });
    const cursor = decodeCursor(f.after, 1);
    if (cursor) {
      if (!/^[0-9]{1,20}$/.test(cursor[0])) throw badCursor();
      qb.andWhere(desc ? 'e.id < :after' : 'e.id > :after', { after: cursor[0] });
    }
    const rows = await qb.getMany();
    const names = await this.usernames(rows.slice(0, f.first), portalId);
    return toPage(rows, f.first, (r) => [String(r.id)], (r) => ({
      id: String(r.id),
      type: r.type,
      occurredAt: r.createdAt,
      customerId: r.customerId,
      customerUsername: r.customerId ? names.get(r.customerId) ?? null : null,
      adminId: r.adminId,
      adminUsername: r.adminId ? names.get(r.adminId) ?? null : null,
      ip: r.ip,
      detail: r.detail,
    }));
  }

  private async usernames(rows: TwoFactorEventRow[], portalId: string): Promise<Map<string, string>> {
    const ids = [...new Set(rows.flatMap((r) => [r.customerId, r.adminId]).filter((x): x is string => !!x))];
    if (!ids.length) return new Map();
    const accounts = await this.db
      .createQueryBuilder(AccountRow, 'a')
      .select(['a.id', 'a.username'])
      .where('a.id IN (:...ids) AND a.portal_id = :portalId', { ids, portalId })
      .getMany();
    return new Map(accounts.map((a) => [a.id, a.username]));
  }
}
