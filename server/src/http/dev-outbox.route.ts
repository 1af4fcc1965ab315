import type { RequestHandler } from 'express';
import type { SmsSender } from '../sms/sms-sender';
import { ConsoleSmsSender } from '../sms/console.sender';
import { isLocalRequest } from './loopback';

const escape = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** The page's own policy: no script at all, and only its inline styles. */
const OUTBOX_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * Development only (SMS_PROVIDER=console, not production): the messages the console sender printed,
 * so a person trying `npm start` can read their code in a browser tab. Never mounted otherwise.
 *
 * Those are live sign-in codes, and the embedded default listens on every interface: only a browser
 * on this machine gets the page; anyone else gets the same 404 as for any unknown path.
 */
export function devOutboxRoute(sender: SmsSender): RequestHandler {
  return (req, res, next) => {
    if (!isLocalRequest(req)) return next();
    const messages = sender instanceof ConsoleSmsSender ? sender.outbox() : [];
    const items = messages
      .map((m) => `<li><p><strong>To ${escape(m.to)}</strong> · ${escape(m.sentAt.toISOString())}</p><pre>${escape(m.text)}</pre></li>`)
      .join('\n');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Security-Policy', OUTBOX_CSP);
    res.type('html').send(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Development SMS outbox</title><meta http-equiv="refresh" content="5"></head>
<body style="font-family:system-ui;max-width:40rem;margin:2rem auto;padding:0 1rem">
<h1>Development SMS outbox</h1><p>Text messages the console SMS sender "sent", newest first. This page exists only with SMS_PROVIDER=console outside production.</p>
<ol>${items || '<li>No messages yet.</li>'}</ol></body></html>`);
  };
}
