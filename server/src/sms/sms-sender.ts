/**
 * The port every SMS provider sits behind. Message wording lives in sms-message.ts, so a sender only
 * delivers text it is given and never decides what a user reads.
 */

export interface SmsMessage {
  /** E.164, e.g. "+14155552671". */
  readonly to: string;
  readonly text: string;
}

export interface SmsSendResult {
  /** The provider's id for the queued message, for matching delivery reports; null when it has none. */
  readonly providerMessageId: string | null;
}

/**
 * Raised for any refusal, timeout or network failure of the provider. `reason` is safe to log: it
 * never contains the message text (which holds a code) nor the whole phone number.
 */
export class SmsDeliveryError extends Error {
  override name = 'SmsDeliveryError';

  constructor(
    readonly reason: string,
    readonly providerStatus?: number,
  ) {
    super(reason);
  }
}

export interface SmsSender {
  readonly name: string;
  send(message: SmsMessage): Promise<SmsSendResult>;
}
