import { createTransport, type Transporter } from 'nodemailer';
import { MailDeliveryError, type MailMessage, type MailSender } from './mail-sender';

export interface SmtpMailSenderOptions {
  /** smtp://user:pass@host:port or smtps://… (SMTP_URL). Never logged. */
  readonly url: string;
  /** The From header (MAIL_FROM). */
  readonly from: string;
  /** Each of connecting, the server's greeting and any silence mid-dialogue (MAIL_TIMEOUT_SECONDS). */
  readonly timeoutSeconds: number;
}

/**
 * SMTP through nodemailer, one connection per message (notices are few). A server that accepts the
 * connection and never answers is given up after the timeout; the worker then retries later, so the
 * customer's sign-in, which never waits for this, is not affected (docs/OPERATIONS.md, Email notices).
 */
export class SmtpMailSender implements MailSender {
  readonly name = 'smtp';
  private readonly transport: Transporter;
  private readonly limitMs: number;

  constructor(private readonly options: SmtpMailSenderOptions) {
    const ms = options.timeoutSeconds * 1000;
    this.transport = createTransport({ url: options.url, connectionTimeout: ms, greetingTimeout: ms, socketTimeout: ms });
    // A server that answers a byte now and then never trips the socket timeout: one overall limit too.
    this.limitMs = ms * 3;
  }

  async send(message: MailMessage): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new MailDeliveryError('timeout')), this.limitMs);
    });
    try {
      await Promise.race([
        this.transport.sendMail({ from: this.options.from, to: message.to, subject: message.subject, text: message.text }),
        limit,
      ]);
    } catch (err) {
      throw err instanceof MailDeliveryError ? err : new MailDeliveryError(reasonOf(err));
    } finally {
      clearTimeout(timer);
    }
  }

  close(): void {
    this.transport.close();
  }
}

/**
 * nodemailer's error code (ECONNECTION, ETIMEDOUT, EENVELOPE, EAUTH…) and the server's reply code: the
 * message itself is not kept, since a server's reply may quote the address.
 */
function reasonOf(err: unknown): string {
  const e = err as { code?: unknown; responseCode?: unknown };
  const code = typeof e?.code === 'string' && /^[A-Z_]{2,32}$/.test(e.code) ? e.code : 'ERROR';
  return typeof e?.responseCode === 'number' ? `${code} ${e.responseCode}` : code;
}
