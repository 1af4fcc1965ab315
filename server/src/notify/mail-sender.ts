/**
 * The port every mail transport sits behind (SMTP through nodemailer, or the console). Wording lives in
 * notices.ts and notice-message.ts; a sender only delivers what it is given.
 */

export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

/**
 * Raised for any refusal, timeout or network failure. `reason` is safe to log: a short error code and
 * the server's reply code, never the SMTP URL (which may hold a password), the address or the text.
 */
export class MailDeliveryError extends Error {
  override name = 'MailDeliveryError';

  constructor(readonly reason: string) {
    super(reason);
  }
}

export interface MailSender {
  readonly name: string;
  send(message: MailMessage): Promise<void>;
  close(): void;
}
