import type { RequestHandler } from 'express';
import type { SmsSender } from '../sms/sms-sender';
import { ConsoleSmsSender } from '../sms/console.sender';
import type { MailSender } from '../notify/mail-sender';
import { ConsoleMailSender } from '../notify/console-mail.sender';
import { isLocalRequest } from './loopback';

const escape = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** The page's own policy: no script at all, and only its inline styles. */
const OUTBOX_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * Development only (not production, with SMS_PROVIDER=console or no SMTP_URL): the texts and the email
 * notices the console senders printed, so a person trying `npm start` can read their code, and what
 * their customers would be told, in a browser tab. Never mounted otherwise.
 *
 * Those are live sign-in codes, and the embedded default listens on every interface: only a browser
 * on this machine gets the page; anyone else gets the same 404 as for any unknown path.
 */
export function devOutboxRoute(sender: SmsSender, mail: MailSender | null): RequestHandler {
  return (req, res, next) => {
    if (!isLocalRequest(req)) return next();
    const messages = sender instanceof ConsoleSmsSender ? sender.outbox() : [];
    const items = messages
      .map((m) => `<li><p><strong>To ${escape(m.to)}</strong> · ${escape(m.sentAt.toISOString())}</p><pre>${escape(m.text)}</pre></li>`)
      .join('\n');
    const emails = mail instanceof ConsoleMailSender ? mail.outbox() : [];
    const emailItems = emails
      .map(
        (m) =>
          `<li><p><strong>To ${escape(m.to)}</strong> · ${escape(m.sentAt.toISOString())}</p><p>Subject: ${escape(m.subject)}</p><pre style="white-space:pre-wrap">${escape(m.text)}</pre></li>`,
      )
      .join('\n');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Security-Policy', OUTBOX_CSP);
    res.type('html').send(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Development outbox</title><meta http-equiv="refresh" content="5"></head>
<body style="font-family:system-ui;max-width:40rem;margin:2rem auto;padding:0 1rem">
<h1>Development outbox</h1><p>What the console senders "sent", newest first. This page exists only outside production, with SMS_PROVIDER=console or without SMTP_URL.</p>
<h2 id="sms">Text messages</h2><ol>${items || '<li>No messages yet.</li>'}</ol>
<h2 id="email">Email notices</h2><ol>${emailItems || '<li>No emails yet.</li>'}</ol></body></html>`);
  };
}
