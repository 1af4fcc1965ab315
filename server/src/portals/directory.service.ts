import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { containsPattern, decodeCursor, LIKE_ESCAPE, type Page, toPage } from '../lib/paging';
import { maskPhoneNumber } from '../lib/phone-number';
import type { SmsLog } from '../sms/sms-log';
import { enrolledSql, isEnrolled, notEnrolledSql } from '../two-factor/enrollment.store';
import { AccountRow } from './account.entity';
import { CompanyRow } from './company.entity';
import { PortalRow } from './portal.entity';
import { type Company, type Customer, TwoFactorStatus } from './customer.types';

export interface CustomerFilter {
  first: number;
  after?: string | null;
  search?: string | null;
  twoFactorStatus?: TwoFactorStatus | null;
  companyId?: string | null;
}

/** The admin (and API key) reads of a portal's companies and customers. Every query filters on portal_id. */
export class DirectoryService {
  constructor(
    private readonly db: EntityManager,
    private readonly smsLog: SmsLog,
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
    const counts = await this.customerCounts(rows.map((r) => r.id));
    return toPage(rows, first, (r) => [r.name, r.id], (r) => ({ id: r.id, name: r.name, customerCount: counts.get(r.id) ?? 0 }));
  }

  async company(portalId: string, id: string): Promise<Company | null> {
    const row = await this.db.findOneBy(CompanyRow, { id, portalId });
    if (!row) return null;
    const counts = await this.customerCounts([row.id]);
    return { id: row.id, name: row.name, customerCount: counts.get(row.id) ?? 0 };
  }

  async customers(portalId: string, f: CustomerFilter): Promise<Page<Customer>> {
    const portal = await this.db.findOneByOrFail(PortalRow, { id: portalId });
    const qb = this.db
      .createQueryBuilder(AccountRow, 'a')
      .where('a.portal_id = :portalId AND a.kind = :kind', { portalId, kind: 'customer' })
      .orderBy('a.username_key', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .take(f.first + 1);
    if (f.companyId) qb.andWhere('a.company_id = :companyId', { companyId: f.companyId });
    if (f.search) {
      qb.andWhere(
        `(LOWER(a.username) LIKE :s ${LIKE_ESCAPE} OR LOWER(a.display_name) LIKE :s ${LIKE_ESCAPE} OR LOWER(a.email) LIKE :s ${LIKE_ESCAPE})`,
        { s: containsPattern(f.search) },
      );
    }
    this.filterStatus(qb, f.twoFactorStatus, portal.twoFactorGeneration);
    const cursor = decodeCursor(f.after, 2);
    if (cursor) qb.andWhere('(a.username_key > :u OR (a.username_key = :u AND a.id > :id))', { u: cursor[0], id: cursor[1] });
    const rows = await qb.getMany();
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
    const [companies, counts, lastSms] = await Promise.all([
      companyIds.length
        ? this.db.createQueryBuilder(CompanyRow, 'c').where('c.id IN (:...ids) AND c.portal_id = :p', { ids: companyIds, p: portal.id }).getMany()
        : Promise.resolve([]),
      this.customerCounts(companyIds),
      this.smsLog.latestByAccount(accountIds),
    ]);
    const companyById = new Map(companies.map((c) => [c.id, c]));
    return rows.map((r) => {
      const company = r.companyId ? companyById.get(r.companyId) : undefined;
      const enrolled = isEnrolled(r, portal);
      const sms = lastSms.get(r.id);
      return {
        id: r.id,
        username: r.username,
        displayName: r.displayName,
        email: r.email,
        company: { id: company?.id ?? '', name: company?.name ?? '', customerCount: counts.get(company?.id ?? '') ?? 0 },
        twoFactor: {
          status: enrolled ? TwoFactorStatus.ENROLLED : TwoFactorStatus.NOT_ENROLLED,
          maskedPhone: enrolled && r.phoneE164 ? maskPhoneNumber(r.phoneE164) : null,
          enrolledAt: enrolled ? r.phoneEnrolledAt : null,
          lastSmsStatus: sms?.status ?? null,
          lastSmsAt: sms?.updatedAt ?? null,
        },
      };
    });
  }

  private filterStatus(qb: SelectQueryBuilder<AccountRow>, status: TwoFactorStatus | null | undefined, gen: number): void {
    if (status === TwoFactorStatus.ENROLLED) qb.andWhere(...enrolledSql('a', gen));
    else if (status === TwoFactorStatus.NOT_ENROLLED) qb.andWhere(...notEnrolledSql('a', gen));
  }

  private async customerCounts(companyIds: string[]): Promise<Map<string, number>> {
    if (companyIds.length === 0) return new Map();
    const rows: Array<{ company_id: string; n: string | number }> = await this.db
      .createQueryBuilder(AccountRow, 'a')
      .select('a.company_id', 'company_id')
      .addSelect('COUNT(*)', 'n')
      .where('a.company_id IN (:...ids)', { ids: companyIds })
      .groupBy('a.company_id')
      .getRawMany();
    return new Map(rows.map((r) => [r.company_id, Number(r.n)]));
  }
}
