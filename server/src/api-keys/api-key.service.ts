import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Clock } from '../lib/clock';
import { type Hasher, newId } from '../lib/tokens';
import { AccountRow } from '../portals/account.entity';
import { TwoFactorEventType } from '../two-factor/event.entity';
import type { EventService } from '../two-factor/event.service';
import { ApiKeyRow } from './api-key.entity';

/** "p2fa_" + 8 characters shown in lists + 32 secret characters: the prefix makes a leaked key easy to spot. */
const KEY_PREFIX = 'p2fa_';
const PREFIX_CHARS = 8;
const SECRET_BYTES = 24;
const TOUCH_INTERVAL_MS = 60_000;

export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  createdBy: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export class ApiKeyService {
  constructor(
    private readonly ds: DataSource,
    private readonly hasher: Hasher,
    private readonly events: EventService,
    private readonly clock: Clock,
  ) {}

  private hashOf(secret: string): string {
    return this.hasher.hash('api-key', secret);
  }

  /** Makes a key; the secret is returned this once and never stored. */
  async create(admin: AccountRow, name: string, ip: string): Promise<{ key: ApiKeyView; secret: string }> {
    const visible = randomBytes(PREFIX_CHARS).toString('base64url').replace(/[-_]/g, 'x').slice(0, PREFIX_CHARS).toLowerCase();
    const prefix = `${KEY_PREFIX}${visible}`;
    const secret = `${prefix}_${randomBytes(SECRET_BYTES).toString('base64url')}`;
    const row = Object.assign(new ApiKeyRow(), {
      id: newId(),
      portalId: admin.portalId,
      name,
      prefix,
      secretHash: this.hashOf(secret),
      createdBy: admin.id,
      createdAt: this.clock.now(),
      lastUsedAt: null,
      revokedAt: null,
    });
    await this.ds.transaction(async (m) => {
      await m.insert(ApiKeyRow, row);
      await this.events.record(
        { portalId: admin.portalId, type: TwoFactorEventType.API_KEY_CREATED, adminId: admin.id, ip, detail: `${name} (${prefix})` },
        m,
      );
    });
    return { key: { ...row, createdBy: admin.username }, secret };
  }

  async list(portalId: string): Promise<ApiKeyView[]> {
    const rows = await this.ds.manager.find(ApiKeyRow, { where: { portalId }, order: { createdAt: 'DESC' } });
    const creators = rows.length
      ? await this.ds.manager
          .createQueryBuilder(AccountRow, 'a')
          .select(['a.id', 'a.username'])
          .where('a.portal_id = :p AND a.id IN (:...ids)', { p: portalId, ids: [...new Set(rows.map((r) => r.createdBy))] })
          .getMany()
      : [];
    const names = new Map(creators.map((a) => [a.id, a.username]));
    return rows.map((r) => ({ ...r, createdBy: names.get(r.createdBy) ?? null }));
  }

  /** Revokes a key of the admin's portal; null when there is no such key there. Takes effect on the next request. */
  async revoke(admin: AccountRow, id: string, ip: string): Promise<ApiKeyView | null> {
    const row = await this.ds.manager.findOneBy(ApiKeyRow, { id, portalId: admin.portalId });
    if (!row) return null;
    if (!row.revokedAt) {
      row.revokedAt = this.clock.now();
      await this.ds.transaction(async (m) => {
        await m.update(ApiKeyRow, { id: row.id, portalId: admin.portalId }, { revokedAt: row.revokedAt });
        await this.events.record(
          { portalId: admin.portalId, type: TwoFactorEventType.API_KEY_REVOKED, adminId: admin.id, ip, detail: `${row.name} (${row.prefix})` },
          m,
        );
      });
    }
    return { ...row, createdBy: admin.username };
  }

  /** The live key behind a bearer secret, or null. */
  async authenticate(secret: string): Promise<ApiKeyRow | null> {
    if (!secret.startsWith(KEY_PREFIX) || secret.length > 128) return null;
    const row = await this.ds.manager.findOneBy(ApiKeyRow, { secretHash: this.hashOf(secret) });
    if (!row || row.revokedAt) return null;
    const now = this.clock.now();
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
      await this.ds.manager.update(ApiKeyRow, { id: row.id }, { lastUsedAt: now });
    }
    return row;
  }
}
