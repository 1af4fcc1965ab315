import { useEffect, useState } from 'react';

export const DEV_OUTBOX_PATH = '/dev/outbox';

/**
 * Whether the server has its development outbox (console texts and email notices): it mounts
 * /dev/outbox only outside production, with SMS_PROVIDER=console or without SMTP_URL, and answers 404
 * for it otherwise (the SPA fallback skips
 * /dev/), so a HEAD request is the signal. Never shown in production.
 */
export function useDevOutbox(): boolean {
  const [available, setAvailable] = useState(false);
  useEffect(() => {
    if (typeof fetch !== 'function') return undefined;
    const abort = new AbortController();
    fetch(DEV_OUTBOX_PATH, { method: 'HEAD', credentials: 'omit', cache: 'no-store', signal: abort.signal })
      .then((res) => setAvailable(res.ok && (res.headers.get('content-type') ?? '').includes('text/html')))
      .catch(() => undefined);
    return () => abort.abort();
  }, []);
  return available;
}
