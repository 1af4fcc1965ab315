import { type EntityManager, In } from 'typeorm';
import { containsPattern, decodeCursor, LIKE_ESCAPE, type Page, toPage } from '../lib/paging';
import { maskPhoneNumber } from '../lib/phone-number';
import type { SmsLog } from '../sms/sms-log';
import type { Clock } from '../lib/clock';
import { customerStatus } from './customer-status';
import { type CustomerFilter, customerPageIds } from './customer-list';
import { AccountRow } from './account.entity';
import { CompanyRow } from './company.entity';
import { PortalRow } from './portal.entity';
import { type Company, type Customer, TwoFactorStatus } from './customer.types';

export type { CustomerFilter } from './customer-list';

/**
 * The factors each customer has beside the phone, read per page of customers (two-factor/factors.service.ts
 * `factorsOf`). A port, so the directory does not reach into the factor tables.
 */
export interface FactorReads {
  factorsOf(
    accounts: ReadonlyArray<AccountRow>,
    portal: PortalRow,
  ): Promise<Map<string, Pick<Customer['twoFactor'], 'factors' | 'recoveryCodesRemaining' | 'authenticatorAppAddedAt' | 'passkeys'>>>;
}

/** A company as the API shows it; its customer count is the stored one (portals/customer-counts.ts). */
function companyOf(row: CompanyRow): Company {
  return { id: row.id, name: row.name, customerCount: row.customerCount };
}

/** The admin (and API key) reads of a portal's companies and customers. Every query filters on portal_id. */
export class DirectoryService {
  constructor(
    private readonly db: EntityManager,
    private readonly smsLog: SmsLog,
    private readonly factorReads: FactorReads,
    private readonly clock: Clock,
  ) {}

  async companies(portalId: string, first: number, after?: string | null, search?: string | null): Promise<Page<Company>> {
    const qb = this.db
      .createQueryBuilder(CompanyRow, 'c')
      .where('c.portal_id = :portalId', { portalId })
      .orderBy('c.name', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .take(first + 1);
    if (search) qb.andWhere(`LOWER(c.name) LIKE :s ${LIKE_ESCAPE}`, { s: containsPattern(search) });
    const cursor = decodeCursor(after, 2);
    if (cursor) qb.andWhere('(c.name > :n OR (c.name = :n AND c.id > :id))', { n: cursor[0], id: cursor[1] });
    const rows = await qb.getMany();
    return toPage(rows, first, (r) => [r.name, r.id], companyOf);
  }

  async company(portalId: string, id: string): Promise<Company | null> {
    const row = await this.db.findOneBy(CompanyRow, { id, portalId });
    return row ? companyOf(row) : null;
  }

  async customers(portalId: string, f: CustomerFilter): Promise<Page<Customer>> {
    const portal = await this.db.findOneByOrFail(PortalRow, { id: portalId });
    const ids = await customerPageIds(this.db, portal, f, this.clock.now());
    const loaded = ids.length ? await this.db.findBy(AccountRow, { id: In(ids), portalId }) : [];
    const byKey = new Map(loaded.map((r) => [r.id, r]));
    const rows = ids.map((id) => byKey.get(id)).filter((r): r is AccountRow => !!r);
    const customers = await this.toCustomers(rows.slice(0, f.first), portal);
    const byId = new Map(customers.map((c) => [c.id, c]));
    return toPage(rows, f.first, (r) => [r.usernameKey, r.id], (r) => byId.get(r.id) as Customer);
  }

  async customer(portalId: string, id: string): Promise<Customer | null> {
    const row = await this.db.findOneBy(AccountRow, { id, portalId, kind: 'customer' });
    if (!row) return null;
    const portal = await this.db.findOneByOrFail(PortalRow, { id: portalId });
    return (await this.toCustomers([row], portal))[0];
  }

  async toCustomers(rows: AccountRow[], portal: PortalRow): Promise<Customer[]> {
    if (rows.length === 0) return [];
    const companyIds = [...new Set(rows.map((r) => r.companyId).filter((x): x is string => !!x))];
    const accountIds = rows.map((r) => r.id);
    const [companies, lastSms, factors] = await Promise.all([
      companyIds.length
        ? this.db.createQueryBuilder(CompanyRow, 'c').where('c.id IN (:...ids) AND c.portal_id = :p', { ids: companyIds, p: portal.id }).getMany()
        : Promise.resolve([]),
      this.smsLog.latestByAccount(accountIds),
      this.factorReads.factorsOf(rows, portal),
    ]);
    const companyById = new Map(companies.map((c) => [c.id, c]));
    const now = this.clock.now();
    return rows.map((r) => {
      const company = r.companyId ? companyById.get(r.companyId) : undefined;
      const { status, graceEndsAt } = customerStatus(r, portal, now);
      const enrolled = status === TwoFactorStatus.ENROLLED;
      const sms = lastSms.get(r.id);
      return {
        id: r.id,
        username: r.username,
        displayName: r.displayName,
        email: r.email,
        company: company ? companyOf(company) : { id: '', name: '', customerCount: 0 },
        twoFactor: {
          status,
          maskedPhone: enrolled && r.phoneE164 ? maskPhoneNumber(r.phoneE164) : null,
          enrolledAt: enrolled ? r.phoneEnrolledAt : null,
          graceEndsAt,
          lastSmsStatus: sms?.status ?? null,
          lastSmsAt: sms?.updatedAt ?? null,
          factors: factors.get(r.id)?.factors ?? [],
          recoveryCodesRemaining: factors.get(r.id)?.recoveryCodesRemaining ?? 0,
          authenticatorAppAddedAt: factors.get(r.id)?.authenticatorAppAddedAt ?? null,
          passkeys: factors.get(r.id)?.passkeys ?? [],
        },
      };
    });
  }
}
