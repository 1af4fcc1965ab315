import { randomBytes } from 'node:crypto';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import type { Clock } from '../lib/clock';
import { type Hasher, newId } from '../lib/tokens';
import { AccountRow } from '../portals/account.entity';
import { ProfileRow } from '../portals/profile.entity';
import { TwoFactorEventType } from '../audit/event.entity';
import type { EventService } from '../audit/event.service';
import { ApiKeyRow } from './api-key.entity';
import { ApiKeyStatus } from './api-key.types';

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
  status: ApiKeyStatus;
}

/**
 * A key speaks for the admin who made it, so it works only while that admin is still an admin of the
 * key's portal whose profile has Master Admin (the right it took to make it). Joined into the same
 * SELECT that finds the key: checked on every request, however the admin was removed or demoted
 * (by an operator in the database, or a profile losing the option), with no extra round trip.
 * `creatorProfile` is null exactly when the creator is not (or no longer) such an admin.
 */
function joinCreator<T extends object>(qb: SelectQueryBuilder<T>, join: 'innerJoin' | 'leftJoin'): SelectQueryBuilder<T> {
  return qb[join](AccountRow, 'creator', 'creator.id = k.created_by AND creator.portal_id = k.portal_id')[join](
    ProfileRow,
    'creatorProfile',
    `creatorProfile.id = creator.profile_id AND creatorProfile.portal_id = k.portal_id AND creatorProfile.master_admin = 1 AND creator.kind = :creatorKind`,
    { creatorKind: 'admin' },
  );
}

function statusOf(revokedAt: Date | null, creatorIsMasterAdmin: boolean): ApiKeyStatus {
  if (revokedAt) return ApiKeyStatus.REVOKED;
  return creatorIsMasterAdmin ? ApiKeyStatus.ACTIVE : ApiKeyStatus.STOPPED;
}

export class ApiKeyService {
  constructor(
    private readonly db: EntityManager,
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
      keyId: this.hasher.keyId,
    });
    await this.db.transaction(async (m) => {
      await m.insert(ApiKeyRow, row);
      await this.events.record(
        { portalId: admin.portalId, type: TwoFactorEventType.API_KEY_CREATED, adminId: admin.id, ip, detail: `${name} (${prefix})` },
        m,
      );
    });
    return { key: { ...row, createdBy: admin.username, status: ApiKeyStatus.ACTIVE }, secret };
  }

  async list(portalId: string): Promise<ApiKeyView[]> {
    const { entities, raw } = await joinCreator(this.db.createQueryBuilder(ApiKeyRow, 'k'), 'leftJoin')
      .addSelect('creator.username', 'creator_username')
      .addSelect('creatorProfile.id', 'creator_profile_id')
      .where('k.portal_id = :portalId', { portalId })
      .orderBy('k.created_at', 'DESC')
      .addOrderBy('k.id', 'ASC')
      .getRawAndEntities<{ k_id: string; creator_username: string | null; creator_profile_id: string | null }>();
    const creators = new Map(raw.map((r) => [r.k_id, r]));
    return entities.map((r) => {
      const c = creators.get(r.id);
      return { ...r, createdBy: c?.creator_username ?? null, status: statusOf(r.revokedAt, !!c?.creator_profile_id) };
    });
  }

  /** Revokes a key of the admin's portal; null when there is no such key there. Takes effect on the next request. */
  async revoke(admin: AccountRow, id: string, ip: string): Promise<ApiKeyView | null> {
    const row = await this.db.findOneBy(ApiKeyRow, { id, portalId: admin.portalId });
    if (!row) return null;
    if (!row.revokedAt) {
      row.revokedAt = this.clock.now();
      await this.db.transaction(async (m) => {
        await m.update(ApiKeyRow, { id: row.id, portalId: admin.portalId }, { revokedAt: row.revokedAt });
        await this.events.record(
          { portalId: admin.portalId, type: TwoFactorEventType.API_KEY_REVOKED, adminId: admin.id, ip, detail: `${row.name} (${row.prefix})` },
          m,
        );
      });
    }
    return { ...row, createdBy: admin.username, status: ApiKeyStatus.REVOKED };
  }

  /** The live key behind a bearer secret, or null: unknown, revoked, or its creator no longer a Master Admin. */
  async authenticate(secret: string): Promise<ApiKeyRow | null> {
    if (!secret.startsWith(KEY_PREFIX) || secret.length > 128) return null;
    // Current key first, then SECRET_KEY_PREVIOUS, in one statement (docs/OPERATIONS.md, Rotating SECRET_KEY).
    const hashes = this.hasher.hashes('api-key', secret);
    const qb = joinCreator(this.db.createQueryBuilder(ApiKeyRow, 'k'), 'innerJoin');
    const row = await (hashes.length === 1
      ? qb.where('k.secret_hash = :hash', { hash: hashes[0] })
      : qb.where('k.secret_hash IN (:...hashes)', { hashes })
    ).getOne();
    if (!row || row.revokedAt) return null;
    if (row.secretHash !== hashes[0]) {
      // Moved to the current key in place, conditional on the old hash: of two racing requests one
      // moves it, the other changes nothing, and both are served.
      await this.db.update(ApiKeyRow, { id: row.id, secretHash: row.secretHash }, { secretHash: hashes[0], keyId: this.hasher.keyId });
    }
    const now = this.clock.now();
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
      await this.db.update(ApiKeyRow, { id: row.id }, { lastUsedAt: now });
    }
    return row;
  }
}
