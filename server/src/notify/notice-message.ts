import type { MailMessage } from './mail-sender';
import type { NoticeContext, NoticeTemplate } from './notices';

/** The whole email of one notice: the template's words, then when, from where, and what to do. */

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "Thursday 3 December 2026, 17:49:52 UTC": spelt out by hand, so no ICU version changes the words. */
export function whenText(d: Date): string {
  const time = d.toISOString().slice(11, 19);
  return `${DAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${time} UTC`;
}

export interface NoticeLetter {
  readonly to: string;
  readonly displayName: string;
  readonly occurredAt: Date;
  readonly ip: string | null;
}

export function noticeMessage(template: NoticeTemplate, c: NoticeContext, letter: NoticeLetter): MailMessage {
  const lines = [
    `Hello ${letter.displayName},`,
    '',
    template.what(c),
    '',
    `When: ${whenText(letter.occurredAt)}`,
    `From IP address: ${letter.ip ?? 'not known'}`,
    '',
    template.ifNotYou,
    '',
    `This message was sent automatically because your sign-in to ${c.portalName} changed. It never contains a code, and nobody from ${c.portalName} will ask you for one.`,
  ];
  return { to: letter.to, subject: template.subject(c), text: lines.join('\n') };
}
