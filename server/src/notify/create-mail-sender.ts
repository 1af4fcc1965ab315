import type { Config } from '../config';
import { ConsoleMailSender } from './console-mail.sender';
import type { MailSender } from './mail-sender';
import { SmtpMailSender } from './smtp.sender';

/**
 * SMTP_URL set: SMTP. Unset outside production: the console (and /dev/outbox). Unset in production: no
 * notices at all, none queued (docs/OPERATIONS.md, Email notices); the start logs a warning.
 */
export function createMailSender(config: Pick<Config, 'production' | 'mail'>): MailSender | null {
  if (config.mail.smtpUrl) return new SmtpMailSender({ url: config.mail.smtpUrl, from: config.mail.from, timeoutSeconds: config.mail.timeoutSeconds });
  return config.production ? null : new ConsoleMailSender();
}
