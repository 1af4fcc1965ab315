import { TwoFactorEventType } from '../audit/event.entity';
import { RENEWED_SET } from '../two-factor/factors.service';

/**
 * What a customer is told by email when their sign-in changes (docs/OPERATIONS.md, Email notices), one
 * entry per event of the log that deserves a message. Telling about a new event is one line here; the
 * outbox, the worker, retries and metrics need nothing more. Every message says what happened, when and
 * from which address, and what to do if it was not them; it never holds a code, a token or a whole phone
 * number (docs/SECURITY.md, Email notices).
 */

/** What a template may use. Everything here is safe to put in an email. */
export interface NoticeContext {
  readonly portalName: string;
  /** The phone the account is enrolled with now, masked (lib/phone-number.ts), or null. */
  readonly maskedPhone: string | null;
  /** The event's own short detail (written safe to show, see audit/event.service.ts). */
  readonly detail: string | null;
  /** An earlier event of the same type was recorded for this customer: a phone *changed*, another app added. */
  readonly happenedBefore: boolean;
}

export interface NoticeTemplate {
  readonly subject: (c: NoticeContext) => string;
  /** What happened, in a sentence or two. */
  readonly what: (c: NoticeContext) => string;
  /** What to do if it was not them. */
  readonly ifNotYou: string;
  /** Only events whose detail passes are told (e.g. a set of recovery codes made from the account page, not at enrollment). */
  readonly tells?: (detail: string | null) => boolean;
}

const TELL_ADMIN =
  'If this was not you, someone may know your password: change it, and ask your administrator to reset your two-step sign-in so that only your own phone can receive codes.';

const phoneText = (c: NoticeContext) => (c.maskedPhone ? ` (${c.maskedPhone})` : '');

export const NOTICES: Partial<Record<TwoFactorEventType, NoticeTemplate>> = {
  [TwoFactorEventType.ENROLLMENT_CONFIRMED]: {
    subject: (c) => (c.happenedBefore ? `Your sign-in phone for ${c.portalName} was changed` : `A phone was added to your ${c.portalName} sign-in`),
    what: (c) =>
      c.happenedBefore
        ? `The phone that receives your sign-in codes for ${c.portalName} was changed. Codes now go to the number${phoneText(c)}.`
        : `A phone was confirmed for two-step sign-in to ${c.portalName}. Codes now go to the number${phoneText(c)}.`,
    ifNotYou: TELL_ADMIN,
  },
  [TwoFactorEventType.RESET]: {
    subject: (c) => `Your ${c.portalName} two-step sign-in was reset`,
    what: (c) =>
      `An administrator of ${c.portalName} reset your two-step sign-in: your phone, any authenticator app, any passkeys and your recovery codes were removed, and you were signed out everywhere. At your next sign-in you will be asked to confirm a phone again.`,
    ifNotYou: 'If you did not ask for this, tell your administrator, and sign in soon to confirm your own phone.',
  },
  [TwoFactorEventType.ACCOUNT_LOCKED]: {
    subject: (c) => `Sign-ins to your ${c.portalName} account were locked`,
    what: (c) =>
      `Too many wrong sign-in codes were entered for your account, so its sign-ins were locked${c.detail ? ` (${c.detail})` : ''}. Whoever entered them had your password.`,
    ifNotYou: 'If this was not you, change your password as soon as you can sign in, and tell your administrator.',
  },
  [TwoFactorEventType.TOTP_ADDED]: {
    subject: (c) => `An authenticator app was added to your ${c.portalName} sign-in`,
    what: (c) => `An authenticator app was confirmed for two-step sign-in to ${c.portalName}. At sign-in you will now be asked for its code first.`,
    ifNotYou: TELL_ADMIN,
  },
  [TwoFactorEventType.TOTP_REMOVED]: {
    subject: (c) => `The authenticator app was removed from your ${c.portalName} sign-in`,
    what: (c) => `The authenticator app was removed from your two-step sign-in to ${c.portalName}. Sign-in codes now come by text message${phoneText(c)}.`,
    ifNotYou: TELL_ADMIN,
  },
  [TwoFactorEventType.PASSKEY_ADDED]: {
    subject: (c) => `A passkey was added to your ${c.portalName} sign-in`,
    what: (c) => `A passkey was added for two-step sign-in to ${c.portalName}. At sign-in you will now be asked for it in place of a code.`,
    ifNotYou: TELL_ADMIN,
  },
  [TwoFactorEventType.PASSKEY_REMOVED]: {
    subject: (c) => `A passkey was removed from your ${c.portalName} sign-in`,
    what: (c) => `A passkey was removed from your two-step sign-in to ${c.portalName}. It can no longer be used to sign in.`,
    ifNotYou: TELL_ADMIN,
  },
  [TwoFactorEventType.RECOVERY_CODE_USED]: {
    subject: (c) => `A recovery code was used to sign in to ${c.portalName}`,
    what: (c) => `One of your recovery codes was used to sign in to ${c.portalName}${c.detail ? ` (${c.detail})` : ''}. Each code works once; that one no longer does.`,
    ifNotYou: 'If this was not you, someone has your password and one of your recovery codes: change your password, make a new set of recovery codes from your account page (the old set stops), and tell your administrator.',
  },
  [TwoFactorEventType.RECOVERY_CODES_ISSUED]: {
    subject: (c) => `New recovery codes were made for your ${c.portalName} sign-in`,
    what: (c) => `A new set of recovery codes was made for your ${c.portalName} account from its account page. The codes of the old set no longer work.`,
    ifNotYou: TELL_ADMIN,
    tells: (detail) => detail?.endsWith(RENEWED_SET) ?? false,
  },
};
