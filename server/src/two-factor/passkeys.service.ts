import type { EntityManager } from 'typeorm';
import { addSeconds, type Clock } from '../lib/clock';
import { newId } from '../lib/tokens';
import { TwoFactorEventType } from '../audit/event.entity';
import type { EventService } from '../audit/event.service';
import { type CustomerFactors, type FactorOwner, type FactorResult, type FactorService, mayChangeFactors } from './factors.service';
import { PasskeyRow, PasskeySetupRow } from './passkey.entity';
import { MAX_PASSKEYS_PER_ACCOUNT, type PasskeyStore } from './passkey.store';
import { factorAllowed, SecondFactor } from './second-factor';
import type { RelyingParty } from './webauthn';

/** How long an account page's registration stays open: the browser's own timeout (two minutes) and slack. */
export const PASSKEY_SETUP_SECONDS = 300;

/**
 * The account page's passkeys (docs/SECURITY.md, Second factors): add one (the WebAuthn registration,
 * its challenge kept here for the session that asked, used once, for PASSKEY_SETUP_SECONDS) or remove
 * one. Open to the same customers as the authenticator app (mayChangeFactors). The sign-in's check of
 * an assertion is in sign-in/ (factor-match.ts).
 */
export class PasskeyService {
  constructor(
    private readonly db: EntityManager,
    private readonly store: PasskeyStore,
    private readonly rp: RelyingParty,
    private readonly factors: FactorService,
    private readonly events: EventService,
    private readonly clock: Clock,
  ) {}

  /** The registration options for the browser (startRegistration's optionsJSON). Not counted until addPasskey. */
  async start(o: FactorOwner, ip: string): Promise<FactorResult<{ optionsJson: string }>> {
    if (!this.mayAdd(o)) return { ok: false, reason: 'not_available' };
    const existing = await this.store.ofAccount(o.account.id, o.portal.twoFactorGeneration);
    if (existing.length >= MAX_PASSKEYS_PER_ACCOUNT) return { ok: false, reason: 'not_available' };
    const { optionsJson, challenge } = await this.rp.registrationOptions(
      { portalName: o.portal.name, accountId: o.account.id, username: o.account.username, displayName: o.account.displayName },
      existing,
    );
    const now = this.clock.now();
    await this.db.transaction((m) =>
      this.store.openSetup(
        m,
        Object.assign(new PasskeySetupRow(), {
          accountId: o.account.id,
          portalId: o.portal.id,
          sessionHash: o.sessionHash,
          challenge,
          generation: o.portal.twoFactorGeneration,
          expiresAt: addSeconds(now, PASSKEY_SETUP_SECONDS),
          createdAt: now,
        }),
      ),
    );
    await this.events.record({ portalId: o.portal.id, type: TwoFactorEventType.PASSKEY_SETUP_STARTED, customerId: o.account.id, ip });
    return { ok: true, value: { optionsJson } };
  }

  /**
   * The browser's answer to start: the setup is taken first (one use, this session, not expired, this
   * generation), then the library checks the response against its challenge, the RP ID and the origin.
   * A refused response has used the setup up: the customer starts again.
   */
  async add(o: FactorOwner, responseJson: string, ip: string): Promise<FactorResult<CustomerFactors>> {
    if (!this.mayAdd(o)) return { ok: false, reason: 'not_available' };
    const generation = o.portal.twoFactorGeneration;
    const outcome = await this.db.transaction(async (m): Promise<'no_setup' | 'refused' | 'ok'> => {
      const setup = await this.store.takeSetup(m, o.account.id, [o.sessionHash], this.clock.now());
      if (!setup || setup.generation !== generation) return 'no_setup';
      const made = await this.rp.verifyRegistration(responseJson, setup.challenge);
      if (!made) return 'refused';
      const existing = await this.store.ofAccount(o.account.id, generation, m);
      if (existing.length >= MAX_PASSKEYS_PER_ACCOUNT || existing.some((k) => k.credentialId === made.credentialId)) return 'refused';
      // A stale row with this credential id (an earlier generation) would collide with the unique index.
      await m.query('DELETE FROM passkeys WHERE account_id = ? AND credential_id = ?', [o.account.id, made.credentialId]);
      await this.store.add(
        m,
        Object.assign(new PasskeyRow(), {
          id: newId(),
          accountId: o.account.id,
          portalId: o.portal.id,
          ...made,
          generation,
          createdAt: this.clock.now(),
          lastUsedAt: null,
        }),
      );
      await this.events.record({ portalId: o.portal.id, type: TwoFactorEventType.PASSKEY_ADDED, customerId: o.account.id, ip }, m);
      return 'ok';
    });
    // The refusal's transaction committed: the taken setup stays gone.
    if (outcome === 'no_setup') return { ok: false, reason: 'setup_invalid' };
    if (outcome === 'refused') return { ok: false, reason: 'invalid_code' };
    return { ok: true, value: await this.factorsOfOwner(o) };
  }

  /** One of the customer's own passkeys; another account's id (or none) is not_found, alike. */
  async remove(o: FactorOwner, id: string, ip: string): Promise<FactorResult<CustomerFactors>> {
    if (!mayChangeFactors(o)) return { ok: false, reason: 'not_available' };
    const removed = await this.db.transaction(async (m) => {
      if (!(await this.store.remove(m, o.account.id, id))) return false;
      await this.events.record({ portalId: o.portal.id, type: TwoFactorEventType.PASSKEY_REMOVED, customerId: o.account.id, ip }, m);
      return true;
    });
    if (!removed) return { ok: false, reason: 'not_found' };
    return { ok: true, value: await this.factorsOfOwner(o) };
  }

  private mayAdd(o: FactorOwner): boolean {
    return mayChangeFactors(o) && factorAllowed(o.portal, SecondFactor.PASSKEY);
  }

  private async factorsOfOwner(o: FactorOwner): Promise<CustomerFactors> {
    return (await this.factors.factorsOf([o.account], o.portal)).get(o.account.id) as CustomerFactors;
  }
}
