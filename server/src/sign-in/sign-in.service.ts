import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import type { SessionService } from '../auth/session.service';
import type { Config } from '../config';
import { addSeconds, type Clock } from '../lib/clock';
import { checkPhoneNumber, maskPhoneNumber } from '../lib/phone-number';
import { type Hasher, newId, newToken } from '../lib/tokens';
import { AccountRow } from '../portals/account.entity';
import { type EnrollmentStore, isEnrolled } from '../two-factor/enrollment.store';
import { PortalRow, smsCountryList } from '../portals/portal.entity';
import { graceDaysLeft, graceRunning } from '../portals/enrollment-grace';
import { ChallengeRow } from './challenge.entity';
import { ChallengeStep } from './challenge-step';
import { type ChallengeAction, challengeIsLive, isEnrollmentStep, stepAccepts } from './challenge.rules';
import type { ChallengeStore } from './challenge.store';
import { type CodeChecker, type CodeMatch, lockAnswer } from './code-checker';
import { passkeyMatch, recoveryMatch, totpMatch } from './factor-match';
import type { FactorService } from '../two-factor/factors.service';
import { totpActive } from '../two-factor/totp.store';
import { passkeysActive } from '../two-factor/passkey.store';
import type { RelyingParty } from '../two-factor/webauthn';
import { factorAllowed, SecondFactor } from '../two-factor/second-factor';
import type { CodeSender, SendOutcome } from './code-sender';
import type { PasswordStep } from './password-step';
import { readStepContext, type StepContext } from './step-context.query';
import { ErrorCode } from './sign-in-errors';
import {
  type ChallengeView,
  type ConfirmCodeOutcome,
  type EnrollPhoneOutcome,
  type LoginOutcome,
  type PostponeEnrollmentOutcome,
  problem,
  type ResendCodeOutcome,
  type SignInOutcome,
  type StepProblem,
  type UseRecoveryCodeOutcome,
  type VerifyOtpOutcome,
} from './sign-in.outcome';
import { TwoFactorEventType } from '../audit/event.entity';
import type { EventService } from '../audit/event.service';
import type { Metrics, SignInStepName } from '../metrics/metrics';

/** Which request of a sign-in a log line is about: the challenge's row id, never its token. */
type ChallengeRef = Pick<ChallengeRow, 'id' | 'accountId'> | { id: null; accountId: string } | null;

export const RELOGIN_MESSAGE = 'Your phone is confirmed. Sign in again with your username and password.';

/**
 * The five sign-in steps, one method each: `login` (the password, then a session or the SMS steps)
 * and the four SMS steps of a customer's sign-in while the policy is on.
 */
export class SignInService {
  constructor(
    private readonly db: EntityManager,
    private readonly password: PasswordStep,
    private readonly enrollments: EnrollmentStore,
    private readonly store: ChallengeStore,
    private readonly sender: CodeSender,
    private readonly checker: CodeChecker,
    private readonly factors: FactorService,
    private readonly rp: RelyingParty,
    private readonly sessions: SessionService,
    private readonly events: EventService,
    private readonly hasher: Hasher,
    private readonly clock: Clock,
    private readonly config: Pick<Config, 'challengeTtlSeconds' | 'otpMaxAttempts'>,
    private readonly log: Logger,
    private readonly metrics: Metrics,
  ) {}

  // Each step's outcome is counted as it leaves, by step and result (docs/OPERATIONS.md, Metrics).
  login(input: { portal: string; username: string; password: string }, ip: string): Promise<LoginOutcome> {
    return this.counted('login', this.loginStep(input, ip));
  }

  enrollPhone(token: string, phoneNumber: string, ip: string): Promise<EnrollPhoneOutcome> {
    return this.counted('enrollPhone', this.enrollPhoneStep(token, phoneNumber, ip));
  }

  resendCode(token: string, ip: string): Promise<ResendCodeOutcome> {
    return this.counted('resendCode', this.resendCodeStep(token, ip));
  }

  confirmCode(token: string, code: string, ip: string): Promise<ConfirmCodeOutcome> {
    return this.counted('confirmCode', this.confirmCodeStep(token, code, ip));
  }

  verifyOtp(token: string, code: string, ip: string): Promise<VerifyOtpOutcome> {
    return this.counted('verifyOtp', this.verifyOtpStep(token, code, ip));
  }

  verifyPasskey(token: string, response: string, ip: string): Promise<VerifyOtpOutcome> {
    return this.counted('verifyPasskey', this.verifyPasskeyStep(token, response, ip));
  }

  useRecoveryCode(token: string, code: string, ip: string): Promise<UseRecoveryCodeOutcome> {
    return this.counted('useRecoveryCode', this.useRecoveryCodeStep(token, code, ip));
  }

  postponeEnrollment(token: string, ip: string): Promise<PostponeEnrollmentOutcome> {
    return this.counted('postponeEnrollment', this.postponeEnrollmentStep(token, ip));
  }

  /** The result label: the outcome's kind, a Problem's error code, or `error` for a step that threw (an outage). */
  private async counted<T extends { kind: string }>(step: SignInStepName, work: Promise<T>): Promise<T> {
    let outcome: T;
    try {
      outcome = await work;
    } catch (err) {
      this.metrics.signInStep(step, 'error');
      throw err;
    }
    this.metrics.signInStep(step, outcome.kind === 'problem' ? (outcome as unknown as StepProblem).code : outcome.kind);
    return outcome;
  }

  private async loginStep(input: { portal: string; username: string; password: string }, ip: string): Promise<LoginOutcome> {
    const checked = await this.password.check(input, ip);
    if (!checked.ok) {
      return this.noted(
        'login',
        null,
        checked.reason === 'rate_limited'
          ? problem(ErrorCode.RATE_LIMITED, { retryAfterSeconds: checked.retryAfterSeconds })
          : problem(ErrorCode.INVALID_CREDENTIALS),
      );
    }
    const { account, portal } = checked;
    if (account.kind === 'admin' || !portal.twoFactorEnabled) {
      const sessionToken = await this.sessions.create(this.db, account, null);
      return this.noted('login', { id: null, accountId: account.id }, { kind: 'authenticated', account, portal, sessionToken });
    }
    return this.start(account, portal, ip);
  }

  /** Opens a challenge for a customer whose password was right: enrollment, or a code to the enrolled phone. */
  private async start(account: AccountRow, portal: PortalRow, ip: string): Promise<LoginOutcome> {
    // The account lock from too many wrong codes is checked only now, once the password was right,
    // so RATE_LIMITED here tells a stranger nothing.
    const lock = await this.checker.accountLock(account.id);
    if (lock) return this.noted('login', { id: null, accountId: account.id }, problem(ErrorCode.RATE_LIMITED, lockAnswer(lock)));
    const enrolled = isEnrolled(account, portal);
    // An enrolled customer with a passkey is asked for it in place of a code; one with an app, for the
    // app's code. No text is sent either way. Each factor's rows are read only where the portal offers
    // it, so an SMS-only portal pays nothing for them.
    const keys =
      enrolled && factorAllowed(portal, SecondFactor.PASSKEY)
        ? passkeysActive(await this.factors.passkeys.ofAccount(account.id, portal.twoFactorGeneration), portal)
        : [];
    const passkey = keys.length ? await this.rp.authenticationOptions(keys) : null;
    const viaApp = !passkey && enrolled && factorAllowed(portal, SecondFactor.TOTP) && totpActive(await this.factors.totp.find(account.id), portal);
    const now = this.clock.now();
    const token = newToken();
    const challenge = Object.assign(new ChallengeRow(), {
      id: newId(),
      tokenHash: this.tokenHash(token),
      portalId: portal.id,
      accountId: account.id,
      step: passkey ? ChallengeStep.VERIFY_PASSKEY : viaApp ? ChallengeStep.VERIFY_TOTP : enrolled ? ChallengeStep.VERIFY_CODE : ChallengeStep.ENROLL_PHONE,
      passkeyChallenge: passkey?.challenge ?? null,
      policyGeneration: portal.twoFactorGeneration,
      codeHash: null,
      phoneE164: null,
      codeExpiresAt: null,
      codeIpKey: null,
      expiresAt: addSeconds(now, this.config.challengeTtlSeconds),
      attempts: 0,
      lastSentAt: null,
      // The first code's send is claimed as the row is written: nobody else knows the token yet.
      ...(enrolled && !viaApp && !passkey ? this.sender.claimOnInsert(now) : { sends: 0, resendAvailableAt: null }),
      consumedAt: null,
      createdAt: now,
      keyId: this.hasher.keyId,
    });
    await this.store.insert(challenge);
    if (!enrolled) {
      await this.events.record({ portalId: portal.id, type: TwoFactorEventType.ENROLLMENT_STARTED, customerId: account.id, ip });
      const ends = graceRunning(portal, now);
      const grace = ends ? { endsAt: ends, daysLeft: graceDaysLeft(ends, now) } : null;
      return this.noted('login', challenge, { kind: 'enrollment_required', challenge: this.view(token, challenge), grace });
    }
    if (passkey) return this.noted('login', challenge, { kind: 'code_required', challenge: { ...this.view(token, challenge), passkeyOptions: passkey.optionsJson } });
    if (viaApp) return this.noted('login', challenge, { kind: 'code_required', challenge: this.view(token, challenge) });
    const sent = await this.sender.send(challenge, portal, account.phoneE164 as string, ChallengeStep.VERIFY_CODE, ip, { claimed: true });
    if (!sent.ok) return this.noted('login', challenge, this.sendProblem(sent));
    return this.noted('login', challenge, {
      kind: 'code_required',
      challenge: this.sentView(token, challenge, account.phoneE164 as string, ChallengeStep.VERIFY_CODE, sent),
    });
  }

  private async enrollPhoneStep(token: string, phoneNumber: string, ip: string): Promise<EnrollPhoneOutcome> {
    const loaded = await this.load(token, 'enrollPhone');
    if (!loaded) return this.noted('enrollPhone', null, problem(ErrorCode.CHALLENGE_INVALID));
    const ref = loaded.challenge;
    if (this.attemptsSpent(loaded.challenge)) return this.noted('enrollPhone', ref, problem(ErrorCode.TOO_MANY_ATTEMPTS));
    const phone = checkPhoneNumber(phoneNumber, smsCountryList(loaded.portal));
    if (!phone.ok) return this.noted('enrollPhone', ref, problem(ErrorCode.INVALID_PHONE_NUMBER));
    const sent = await this.sender.send(loaded.challenge, loaded.portal, phone.e164, ChallengeStep.CONFIRM_ENROLLMENT, ip);
    if (!sent.ok) return this.noted('enrollPhone', ref, this.sendProblem(sent));
    return this.noted('enrollPhone', ref, {
      kind: 'code_sent',
      challenge: this.sentView(token, loaded.challenge, phone.e164, ChallengeStep.CONFIRM_ENROLLMENT, sent),
    });
  }

  private async resendCodeStep(token: string, ip: string): Promise<ResendCodeOutcome> {
    const loaded = await this.load(token, 'resendCode');
    // "Text me a code instead" (VERIFY_TOTP, VERIFY_PASSKEY): the first text goes to the enrolled phone,
    // and the challenge moves on to VERIFY_CODE with it.
    const instead = loaded?.challenge.step === ChallengeStep.VERIFY_TOTP || loaded?.challenge.step === ChallengeStep.VERIFY_PASSKEY;
    const phone = instead ? loaded?.account.phoneE164 : loaded?.challenge.phoneE164;
    if (!loaded || !phone) return this.noted('resendCode', loaded?.challenge ?? null, problem(ErrorCode.CHALLENGE_INVALID));
    if (this.attemptsSpent(loaded.challenge)) return this.noted('resendCode', loaded.challenge, problem(ErrorCode.TOO_MANY_ATTEMPTS));
    const { challenge, portal } = loaded;
    const step = instead ? ChallengeStep.VERIFY_CODE : challenge.step;
    const sent = await this.sender.send(challenge, portal, phone, step, ip);
    if (!sent.ok) return this.noted('resendCode', challenge, this.sendProblem(sent));
    return this.noted('resendCode', challenge, { kind: 'code_sent', challenge: this.sentView(token, challenge, phone, step, sent) });
  }

  /**
   * The enrollment code: enrolls the phone and ends the sign-in; the customer signs in again. The
   * enrollment's recovery codes are made in the same transaction and shown once, with the answer.
   */
  private async confirmCodeStep(token: string, code: string, ip: string): Promise<ConfirmCodeOutcome> {
    const loaded = await this.load(token, 'confirmCode');
    if (!loaded) return this.noted('confirmCode', null, problem(ErrorCode.CHALLENGE_INVALID));
    const { challenge, portal } = loaded;
    const checked = await this.checker.check(loaded, code, ip, async (m) => {
      // Enrolls only an account not enrolled yet under this policy; the challenge stays consumed either way.
      const account = { id: challenge.accountId, portalId: portal.id };
      if (!(await this.enrollments.enroll(m, account, challenge.phoneE164 as string, challenge.policyGeneration, this.clock.now()))) return null;
      await this.events.record(
        { portalId: portal.id, type: TwoFactorEventType.ENROLLMENT_CONFIRMED, customerId: challenge.accountId, ip },
        m,
      );
      // Only the request whose consume won (and enrolled the phone) gets here: one refund per challenge.
      await this.sender.refundUsedText(challenge.codeIpKey, m);
      return this.factors.issueRecoveryCodes(m, account, challenge.policyGeneration, ip, 'enrollment');
    });
    if (!checked.ok) return this.noted('confirmCode', challenge, problem(checked.code, checked));
    return this.noted(
      'confirmCode',
      challenge,
      checked.value ? { kind: 'relogin_required', recoveryCodes: checked.value } : problem(ErrorCode.CHALLENGE_INVALID),
    );
  }

  /**
   * "Remind me later" during the portal's enrollment grace period (docs/SECURITY.md, Enrollment grace
   * period): the enrollment challenge is consumed and a session made with the password alone, in one
   * transaction. Whether it may is decided here, at this request's time, from the portal and account
   * rows, never from anything the client holds: the consume is conditional on the grace deadline, the
   * generation and the account's "not enrolled" in SQL (challenge.store.ts consumeForPostpone).
   */
  private async postponeEnrollmentStep(token: string, ip: string): Promise<PostponeEnrollmentOutcome> {
    const loaded = await this.load(token, 'postponeEnrollment');
    if (!loaded) return this.noted('postponeEnrollment', null, problem(ErrorCode.CHALLENGE_INVALID));
    const { challenge, portal, account } = loaded;
    const now = this.clock.now();
    const ends = graceRunning(portal, now);
    // The challenge stays open for enrollPhone: the wizard shows the phone step without the button.
    if (!ends) return this.noted('postponeEnrollment', challenge, problem(ErrorCode.GRACE_PERIOD_ENDED));
    const sessionToken = await this.db.transaction(async (m) => {
      if (!(await this.store.consumeForPostpone(m, challenge.id, now))) return null;
      const made = await this.sessions.createPostponed(m, account, challenge.policyGeneration);
      await this.events.record(
        { portalId: portal.id, type: TwoFactorEventType.ENROLLMENT_POSTPONED, customerId: account.id, ip, detail: `until ${ends.toISOString()}` },
        m,
      );
      return made;
    });
    // Lost to a concurrent postpone or enrollment, or the policy or its grace changed since the read.
    if (!sessionToken) return this.noted('postponeEnrollment', challenge, problem(ErrorCode.CHALLENGE_INVALID));
    return this.noted('postponeEnrollment', challenge, { kind: 'authenticated', account, portal, sessionToken });
  }

  /** The sign-in code: the consumption of the challenge, the session and its event are one transaction. */
  private async verifyOtpStep(token: string, code: string, ip: string): Promise<VerifyOtpOutcome> {
    const loaded = await this.load(token, 'verifyOtp');
    if (!loaded) return this.noted('verifyOtp', null, problem(ErrorCode.CHALLENGE_INVALID));
    const { challenge, portal, account } = loaded;
    if (challenge.step === ChallengeStep.VERIFY_TOTP) return this.verifyAppCode(loaded, code, ip);
    const checked = await this.checker.check(loaded, code, ip, async (m) => {
      const sessionToken = await this.sessions.create(m, account, challenge.policyGeneration);
      await this.events.record({ portalId: portal.id, type: TwoFactorEventType.CODE_ACCEPTED, customerId: account.id, ip }, m);
      // Only the request whose consume won gets here: one refund per challenge.
      await this.sender.refundUsedText(challenge.codeIpKey, m);
      return sessionToken;
    });
    if (!checked.ok) return this.noted('verifyOtp', challenge, problem(checked.code, checked));
    return this.noted('verifyOtp', challenge, { kind: 'authenticated', account, portal, sessionToken: checked.value });
  }

  /** The app's code at VERIFY_TOTP: weighed like a texted one (the same attempts and counts), used once per time step. */
  private async verifyAppCode(loaded: StepContext, code: string, ip: string): Promise<VerifyOtpOutcome> {
    const { challenge, portal, account } = loaded;
    const app = await this.factors.totp.find(account.id);
    // The app was removed (or the portal stopped offering apps) since the login: the sign-in is over.
    const secret = totpActive(app, portal) && app ? await this.factors.secretOf(app) : null;
    if (secret === null) return this.noted('verifyOtp', challenge, problem(ErrorCode.CHALLENGE_INVALID));
    return this.signInWith('verifyOtp', loaded, ip, totpMatch(this.matchDeps(), challenge, secret, code), TwoFactorEventType.TOTP_ACCEPTED);
  }

  /** The passkey's assertion at VERIFY_PASSKEY: weighed like a code (the same attempts and counts), good for one sign-in. */
  private async verifyPasskeyStep(token: string, response: string, ip: string): Promise<VerifyOtpOutcome> {
    const loaded = await this.load(token, 'verifyPasskey');
    if (!loaded) return this.noted('verifyPasskey', null, problem(ErrorCode.CHALLENGE_INVALID));
    // The portal stopped offering passkeys, or the customer removed theirs, since the login: the sign-in is over.
    const { portal, account, challenge } = loaded;
    const keys = factorAllowed(portal, SecondFactor.PASSKEY) ? passkeysActive(await this.factors.passkeys.ofAccount(account.id, challenge.policyGeneration), portal) : [];
    if (keys.length === 0) return this.noted('verifyPasskey', challenge, problem(ErrorCode.CHALLENGE_INVALID));
    const match = passkeyMatch(this.matchDeps(), loaded.challenge, response);
    return this.signInWith('verifyPasskey', loaded, ip, match, TwoFactorEventType.PASSKEY_ACCEPTED);
  }

  /** "Use a recovery code", at any code step: the code is used up by the sign-in it makes. */
  private async useRecoveryCodeStep(token: string, code: string, ip: string): Promise<UseRecoveryCodeOutcome> {
    const loaded = await this.load(token, 'useRecoveryCode');
    if (!loaded) return this.noted('useRecoveryCode', null, problem(ErrorCode.CHALLENGE_INVALID));
    return this.signInWith('useRecoveryCode', loaded, ip, recoveryMatch(this.matchDeps(), loaded.challenge, code), TwoFactorEventType.RECOVERY_CODE_USED);
  }

  /** A sign-in by a code that is not a text: the session and its event in the attempt's transaction. */
  private async signInWith(
    step: 'verifyOtp' | 'useRecoveryCode' | 'verifyPasskey',
    loaded: StepContext,
    ip: string,
    match: CodeMatch,
    event: TwoFactorEventType,
  ): Promise<VerifyOtpOutcome> {
    const { challenge, portal, account } = loaded;
    const checked = await this.checker.checkWith(loaded, ip, match, async (m) => {
      const sessionToken = await this.sessions.create(m, account, challenge.policyGeneration);
      const left =
        event === TwoFactorEventType.RECOVERY_CODE_USED
          ? `${(await this.factors.recovery.remaining([account.id], challenge.policyGeneration, m)).get(account.id) ?? 0} left`
          : undefined;
      await this.events.record({ portalId: portal.id, type: event, customerId: account.id, ip, detail: left }, m);
      return sessionToken;
    });
    if (!checked.ok) return this.noted(step, challenge, problem(checked.code, checked));
    return this.noted(step, challenge, { kind: 'authenticated', account, portal, sessionToken: checked.value });
  }

  private matchDeps() {
    return { store: this.store, factors: this.factors, clock: this.clock, rp: this.rp };
  }

  /**
   * A challenge whose wrong codes are used up is dead (TOO_MANY_ATTEMPTS): no new code is sent on it,
   * since none could ever be accepted and each SMS costs money (SMS pumping).
   */
  private attemptsSpent(c: ChallengeRow): boolean {
    return c.attempts >= this.config.otpMaxAttempts;
  }

  /**
   * One line per step with what lets an operator follow a sign-in across its requests: the challenge's
   * row id and the account's id, never a token, code, password or phone number (docs/OPERATIONS.md,
   * Request ids). The request id is added by the logger.
   */
  private noted<T extends SignInOutcome>(step: ChallengeAction | 'login', ref: ChallengeRef, outcome: T): T {
    const answer = outcome.kind === 'problem' ? outcome.code : outcome.kind;
    this.log.info({ step, challengeId: ref?.id ?? undefined, accountId: ref?.accountId, outcome: answer }, 'sign-in step');
    return outcome;
  }

  private tokenHash(token: string): string {
    return this.hasher.hash('challenge', token);
  }

  /** Every hash the token may be kept under while SECRET_KEY is rotated (docs/OPERATIONS.md, Rotating SECRET_KEY). */
  private tokenHashes(token: string): string[] {
    return this.hasher.hashes('challenge', token);
  }

  /** The challenge behind a token, if it is live and its step takes this action; else null. */
  private async load(token: string, action: ChallengeAction): Promise<StepContext | null> {
    if (!token || token.length > 200) return null;
    const loaded = await readStepContext(this.db, this.tokenHashes(token));
    if (!loaded || !stepAccepts(action, loaded.challenge.step)) return null;
    const { challenge, portal, account } = loaded;
    if (!challengeIsLive(challenge, portal, this.clock.now())) return null;
    // An enrollment is over once the account is enrolled under this policy (through another challenge).
    if (isEnrollmentStep(challenge.step) && isEnrolled(account, portal)) return null;
    return loaded;
  }

  /**
   * The challenge as a send just left it, without reading it back: the send wrote the step, the phone
   * and the cooldown it returns; the attempts are as read before the send (a send takes none).
   */
  private sentView(token: string, c: ChallengeRow, phoneE164: string, step: ChallengeStep, sent: { resendAvailableAt: Date }): ChallengeView {
    return this.view(token, { ...c, step, phoneE164, resendAvailableAt: sent.resendAvailableAt });
  }

  private view(token: string, c: ChallengeRow): ChallengeView {
    return {
      token,
      step: c.step,
      expiresAt: c.expiresAt,
      maskedPhone: c.phoneE164 ? maskPhoneNumber(c.phoneE164) : null,
      resendAvailableAt: c.resendAvailableAt,
      attemptsRemaining: Math.max(0, this.config.otpMaxAttempts - c.attempts),
    };
  }

  private sendProblem(sent: Extract<SendOutcome, { ok: false }>): StepProblem {
    return sent.code === ErrorCode.RATE_LIMITED
      ? problem(ErrorCode.RATE_LIMITED, { retryAfterSeconds: sent.retryAfterSeconds })
      : problem(sent.code);
  }
}
