import type { SmsMessage, SmsSender, SmsSendResult } from './sms-sender';

/**
 * The development default (README "Commands": SMS printed to the console, and nowhere else). The code has
 * to be visible to the developer, so the whole text is printed; config refuses this sender in
 * production, which is what keeps codes out of real logs.
 */

const OUTBOX_SIZE = 50;
const RULE = '─'.repeat(60);

export interface OutboxEntry {
  readonly to: string;
  readonly text: string;
  readonly sentAt: Date;
}

export interface ConsoleSmsSenderOptions {
  /** One line at a time, without its newline. */
  readonly write?: (line: string) => void;
  readonly now?: () => Date;
}

export class ConsoleSmsSender implements SmsSender {
  readonly name = 'console';
  private readonly write: (line: string) => void;
  private readonly now: () => Date;
  /** Newest first. */
  private readonly sent: OutboxEntry[] = [];

  constructor(options: ConsoleSmsSenderOptions = {}) {
    this.write = options.write ?? ((line) => process.stdout.write(`${line}\n`));
    this.now = options.now ?? (() => new Date());
  }

  async send(message: SmsMessage): Promise<SmsSendResult> {
    const entry: OutboxEntry = Object.freeze({ to: message.to, text: message.text, sentAt: this.now() });
    this.sent.unshift(entry);
    this.sent.length = Math.min(this.sent.length, OUTBOX_SIZE);
    for (const line of renderBlock(entry)) this.write(line);
    return { providerMessageId: null };
  }

  /** For the dev-only /dev/outbox page. */
  outbox(): ReadonlyArray<OutboxEntry> {
    return [...this.sent];
  }
}

function renderBlock(entry: OutboxEntry): string[] {
  return [
    `┌${RULE}`,
    `│ SMS (console sender, not really sent) to ${entry.to} at ${entry.sentAt.toISOString()}`,
    `├${RULE}`,
    ...entry.text.split(/\r?\n/).map((line) => `│ ${line}`),
    `└${RULE}`,
  ];
}
