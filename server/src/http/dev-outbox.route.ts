import type { RequestHandler } from 'express';
import type { SmsSender } from '../sms/sms-sender';
import { ConsoleSmsSender } from '../sms/console.sender';

const escape = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/**
 * Development only (SMS_PROVIDER=console, not production): the messages the console sender printed,
 * so a person trying `npm start` can read their code in a browser tab. Never mounted otherwise.
 */
export function devOutboxRoute(sender: SmsSender): RequestHandler {
  return (_req, res) => {
    const messages = sender instanceof ConsoleSmsSender ? sender.outbox() : [];
    const items = messages
      .map((m) => `<li><p><strong>To ${escape(m.to)}</strong> · ${escape(m.sentAt.toISOString())}</p><pre>${escape(m.text)}</pre></li>`)
      .join('\n');
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Development SMS outbox</title><meta http-equiv="refresh" content="5"></head>
<body style="font-family:system-ui;max-width:40rem;margin:2rem auto;padding:0 1rem">
<h1>Development SMS outbox</h1><p>Text messages the console SMS sender "sent", newest first. This page exists only with SMS_PROVIDER=console outside production.</p>
<ol>${items || '<li>No messages yet.</li>'}</ol></body></html>`);
  };
}
