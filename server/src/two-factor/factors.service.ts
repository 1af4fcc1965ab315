import QRCode from 'qrcode';
import type { EntityManager } from 'typeorm';
import type { Config } from '../config';
import type { Clock } from '../lib/clock';
import type { SecretBox } from '../lib/secret-box';
import type { Hasher } from '../lib/tokens';
import type { AccountRow } from '../portals/account.entity';
import type { PortalRow } from '../portals/portal.entity';
import { TwoFactorEventType } from '../audit/event.entity';
import type { EventService } from '../audit/event.service';
import { isEnrolled } from './enrollment.store';
import { newRecoveryCode, normalRecoveryCode, RECOVERY_CODES_PER_SET, recoveryCodeHash, recoveryCodeHashes } from './recovery-code';
import type { RecoveryCodeStore } from './recovery-code.store';
import { type CustomerFactors, FactorReader } from './factor-reads';
import { factorAllowed, SecondFactor } from './second-factor';
import { matchingStep, newTotpSecret, otpauthUri } from './totp-code';
import type { TotpFactorRow } from './totp-factor.entity';
import type { TotpStore } from './totp.store';
import type { PasskeyStore } from './passkey.store';

export interface AppSetup {
  readonly secret: string;
  readonly otpauthUri: string;
  readonly qrCodeSvg: string;
}

export type { CustomerFactors };


/** The event detail of a set made from the account page (the one the customer is emailed about, notify/notices.ts). */
export const RENEWED_SET = 'new set';
/** Why an account-page change was refused (the resolver dresses it as a Problem). */
export type FactorRefusal = 'not_available' | 'invalid_code' | 'too_many_attempts' | 'setup_invalid' | 'not_found';
export type FactorResult<T> = { ok: true; value: T } | { ok: false; reason: FactorRefusal; attemptsRemaining?: number };

/** The signed-in customer, as the session resolved it. */
export interface FactorOwner {
  readonly account: AccountRow;
  readonly portal: PortalRow;
  /** The generation the session passed a code under (null: signed in while the policy was off). */
  readonly sessionGeneration: number | null;
  /** The session's row id (a keyed hash of its token): a passkey setup is bound to the session that opened it. */
  readonly sessionHash: string;
}

/**
 * The account page may change factors only for a customer who finished the SMS enrollment under the
 * policy as it stands, in a session that passed a code under it (docs/SECURITY.md, Second factors).
 */
export function mayChangeFactors(o: FactorOwner): boolean {
  return o.portal.twoFactorEnabled && isEnrolled(o.account, o.portal) && o.sessionGeneration === o.portal.twoFactorGeneration;
}

/**
 * The second factors beside the phone: the authenticator app (its setup from the account page) and the
 * recovery codes (the passkeys' ceremonies are passkeys.service.ts's; their rows are read and forgotten here with the rest) (a set at each phone enrollment, a new set on request). The sign-in's checks of both
 * are in sign-in/ (factor-match.ts); the tables are their stores'.
 */
export class FactorService {
  constructor(
    private readonly db: EntityManager,
    readonly totp: TotpStore,
    readonly recovery: RecoveryCodeStore,
    readonly passkeys: PasskeyStore,
    private readonly box: SecretBox,
    private readonly hasher: Hasher,
    private readonly events: EventService,
    private readonly clock: Clock,
    private readonly config: Pick<Config, 'otpMaxAttempts'>,
  ) {
    this.reader = new FactorReader(totp, recovery, passkeys);
  }

  private readonly reader: FactorReader;

  /** Per customer of `portal`: the factors that count now, and the recovery codes left. Two reads for any page. */
  factorsOf(accounts: ReadonlyArray<AccountRow>, portal: PortalRow): Promise<Map<string, CustomerFactors>> {
    return this.reader.factorsOf(accounts, portal);
  }

  /**
   * A fresh set of recovery codes for the account, in the caller's transaction: the old set stops. The
   * codes are returned once, to be shown once; only their keyed hashes are kept.
   */
  async issueRecoveryCodes(
    m: EntityManager,
    account: { id: string; portalId: string },
    generation: number,
    ip: string,
    why: 'enrollment' | 'renewal',
  ): Promise<string[]> {
    const codes = Array.from({ length: RECOVERY_CODES_PER_SET }, newRecoveryCode);
    const hashes = codes.map((c) => recoveryCodeHash(this.hasher, account.id, normalRecoveryCode(c) as string));
    await this.recovery.replaceSet(m, account, { hashes, keyId: this.hasher.keyId, generation, now: this.clock.now() });
    await this.events.record(
      { portalId: account.portalId, type: TwoFactorEventType.RECOVERY_CODES_ISSUED, customerId: account.id, ip, detail: `${codes.length} codes, ${why === 'renewal' ? RENEWED_SET : 'at enrollment'}` },
      m,
    );
    return codes;
  }

  /** Every hash `typed` may be kept under, or null when it cannot be a recovery code. */
  recoveryHashesOf(accountId: string, typed: string): string[] | null {
    const normal = normalRecoveryCode(typed);
    return normal === null ? null : recoveryCodeHashes(this.hasher, accountId, normal);
  }

  /** The app's secret, or null when it cannot be opened (a key neither current nor previous). Re-sealed under the current key when stale. */
  async secretOf(row: TotpFactorRow): Promise<string | null> {
    const secret = this.box.open({ box: row.secretBox, keyId: row.keyId });
    if (secret !== null && this.box.isStale(row.keyId)) await this.totp.reseal(row.accountId, row.secretBox, this.box.seal(secret));
    return secret;
  }

  private mayChange(o: FactorOwner): boolean {
    return mayChangeFactors(o);
  }

  /** A new app setup: a secret, its otpauth URI and the QR code of it. Not counted until confirmed. */
  async startApp(o: FactorOwner, ip: string): Promise<FactorResult<AppSetup>> {
    if (!this.mayChange(o) || !factorAllowed(o.portal, SecondFactor.TOTP)) return { ok: false, reason: 'not_available' };
    const secret = newTotpSecret();
    const begun = await this.db.transaction((m) =>
      this.totp.begin(m, { accountId: o.account.id, portalId: o.portal.id, sealed: this.box.seal(secret), generation: o.portal.twoFactorGeneration, now: this.clock.now() }),
    );
    if (!begun) return { ok: false, reason: 'not_available' };
    await this.events.record({ portalId: o.portal.id, type: TwoFactorEventType.TOTP_SETUP_STARTED, customerId: o.account.id, ip });
    const uri = otpauthUri(secret, o.portal.name, o.account.username);
    const qrCodeSvg = await QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
    return { ok: true, value: { secret, otpauthUri: uri, qrCodeSvg } };
  }

  /**
   * The first code from the app: the attempt is taken before comparing (OTP_MAX_ATTEMPTS per setup),
   * and the app counts from the one request whose code was right.
   */
  async confirmApp(o: FactorOwner, code: string, ip: string): Promise<FactorResult<CustomerFactors>> {
    if (!this.mayChange(o)) return { ok: false, reason: 'not_available' };
    const row = await this.totp.find(o.account.id);
    if (!row || row.confirmedAt !== null || row.generation !== o.portal.twoFactorGeneration) return { ok: false, reason: 'not_available' };
    const secret = this.box.open({ box: row.secretBox, keyId: row.keyId });
    if (secret === null) return { ok: false, reason: 'not_available' };
    const max = this.config.otpMaxAttempts;
    const outcome = await this.db.transaction(async (m): Promise<'spent' | 'wrong' | 'ok'> => {
      if (!(await this.totp.takeConfirmAttempt(m, o.account.id, max))) return 'spent';
      const step = matchingStep(secret, code, this.clock.now());
      if (step === null || !(await this.totp.confirm(m, o.account.id, row.secretBox, step, this.clock.now()))) return 'wrong';
      await this.events.record({ portalId: o.portal.id, type: TwoFactorEventType.TOTP_ADDED, customerId: o.account.id, ip }, m);
      return 'ok';
    });
    if (outcome === 'spent') return { ok: false, reason: 'too_many_attempts' };
    if (outcome === 'wrong') {
      const fresh = await this.totp.find(o.account.id);
      return { ok: false, reason: 'invalid_code', attemptsRemaining: Math.max(0, max - (fresh?.confirmAttempts ?? max)) };
    }
    return { ok: true, value: (await this.factorsOf([o.account], o.portal)).get(o.account.id) as CustomerFactors };
  }

  async removeApp(o: FactorOwner, ip: string): Promise<FactorResult<CustomerFactors>> {
    if (!this.mayChange(o)) return { ok: false, reason: 'not_available' };
    await this.db.transaction(async (m) => {
      if (await this.totp.forget(m, o.account.id)) {
        await this.events.record({ portalId: o.portal.id, type: TwoFactorEventType.TOTP_REMOVED, customerId: o.account.id, ip }, m);
      }
    });
    return { ok: true, value: (await this.factorsOf([o.account], o.portal)).get(o.account.id) as CustomerFactors };
  }

  /** A new set from the account page; the old set stops in the same transaction. */
  async newRecoveryCodes(o: FactorOwner, ip: string): Promise<FactorResult<string[]>> {
    if (!this.mayChange(o)) return { ok: false, reason: 'not_available' };
    const codes = await this.db.transaction((m) => this.issueRecoveryCodes(m, o.account, o.portal.twoFactorGeneration, ip, 'renewal'));
    return { ok: true, value: codes };
  }

  /** An admin's reset: the app, the passkeys and the recovery codes go with the phone, in the reset's transaction. */
  async forgetAll(m: EntityManager, accountId: string): Promise<void> {
    await this.totp.forget(m, accountId);
    await this.passkeys.forget(m, accountId);
    await this.recovery.forget(m, accountId);
  }
}
