import type { MailMessage, MailSender } from './mail-sender';

/**
 * Without SMTP_URL outside production: the notices are printed to the console and kept for the
 * development page /dev/outbox, beside the console SMS (README, Settings).
 */

const OUTBOX_SIZE = 50;
const RULE = '─'.repeat(60);

export interface MailOutboxEntry extends MailMessage {
  readonly sentAt: Date;
}

export interface ConsoleMailSenderOptions {
  /** One line at a time, without its newline. */
  readonly write?: (line: string) => void;
  readonly now?: () => Date;
}

export class ConsoleMailSender implements MailSender {
  readonly name = 'console';
  private readonly write: (line: string) => void;
  private readonly now: () => Date;
  /** Newest first. */
  private readonly sent: MailOutboxEntry[] = [];

  constructor(options: ConsoleMailSenderOptions = {}) {
    this.write = options.write ?? ((line) => process.stdout.write(`${line}\n`));
    this.now = options.now ?? (() => new Date());
  }

  async send(message: MailMessage): Promise<void> {
    const entry: MailOutboxEntry = Object.freeze({ to: message.to, subject: message.subject, text: message.text, sentAt: this.now() });
    this.sent.unshift(entry);
    this.sent.length = Math.min(this.sent.length, OUTBOX_SIZE);
    this.write(`┌${RULE}`);
    this.write(`│ Email (console sender, not really sent) to ${entry.to} at ${entry.sentAt.toISOString()}`);
    this.write(`│ Subject: ${entry.subject}`);
    this.write(`├${RULE}`);
    for (const line of entry.text.split(/\r?\n/)) this.write(`│ ${line}`);
    this.write(`└${RULE}`);
  }

  /** For the dev-only /dev/outbox page. */
  outbox(): ReadonlyArray<MailOutboxEntry> {
    return [...this.sent];
  }

  close(): void {}
}
