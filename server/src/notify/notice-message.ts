import type { MailMessage } from './mail-sender';
import type { NoticeContext, NoticeTemplate } from './notices';

/** The whole email of one notice: the template's words, then when, from where, and what to do. */

const WHEN = new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeStyle: 'long', timeZone: 'UTC' });

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
    `When: ${WHEN.format(letter.occurredAt)}`,
    `From IP address: ${letter.ip ?? 'not known'}`,
    '',
    template.ifNotYou,
    '',
    `This message was sent automatically because your sign-in to ${c.portalName} changed. It never contains a code, and nobody from ${c.portalName} will ask you for one.`,
  ];
  return { to: letter.to, subject: template.subject(c), text: lines.join('\n') };
}
