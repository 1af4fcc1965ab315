import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { start, type Running } from '../../src/index';
import { ConsoleSmsSender } from '../../src/sms/console.sender';
import { startTestApp, type TestApp } from '../support/harness';

/**
 * Browser security headers on every response (docs/SECURITY.md "browser"): a Content-Security-Policy
 * the built SPA runs under (the e2e suite fails on any violation of it), no framing, no MIME sniffing,
 * no referrer to other sites, HSTS when PUBLIC_URL is https; and, in production, no Apollo landing
 * page (it loads unpinned script from a CDN) on GET /graphql from a browser.
 */

const PATHS = ['/', '/login/acme', '/healthz', '/graphql', '/no-such-page', '/assets/nope.js'];

function csp(res: Response): Map<string, string> {
  const header = res.headers.get('content-security-policy') ?? '';
  return new Map(
    header
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name, values.join(' ')] as [string, string];
      }),
  );
}

const get = (url: string, path: string, headers: Record<string, string> = {}) => fetch(`${url}${path}`, { headers: { 'x-forwarded-for': '198.51.100.150', ...headers } });

describe('browser security headers in production (PUBLIC_URL https)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { PUBLIC_URL: 'https://portal.example' } });
  });
  afterAll(() => app.close());

  it.each(PATHS)('GET %s: CSP self-only and unframeable, nosniff, same-origin referrer, HSTS', async (path) => {
    const res = await get(app.url, path);
    const policy = csp(res);
    expect(policy.get('default-src')).toBe("'self'");
    expect(policy.get('script-src')).toBe("'self'");
    expect(policy.get('style-src')).toBe("'self'");
    expect(policy.get('frame-ancestors')).toBe("'none'");
    expect(policy.get('object-src')).toBe("'none'");
    expect(res.headers.get('content-security-policy')).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('strict-transport-security')).toMatch(/^max-age=\d{7,}/);
  });

  it('POST /graphql answers carry them too', async () => {
    const res = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ viewer { id } }' }) });
    expect(res.status).toBe(200);
    expect(csp(res).get('default-src')).toBe("'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('GET /graphql from a browser (Accept: text/html) gets no landing page and no CDN script', async () => {
    const res = await get(app.url, '/graphql', { accept: 'text/html' });
    const body = await res.text();
    expect(res.headers.get('content-type') ?? '').not.toMatch(/html/);
    expect(body).not.toMatch(/<script|cdn\.apollographql\.com|embeddable-sandbox/i);
    expect(res.status).toBeGreaterThanOrEqual(400);
  });
});

describe('browser security headers outside production (PUBLIC_URL http)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'p2fa-headers-'));
  let running: Running;
  beforeAll(async () => {
    const config = loadConfig({ DATABASE_URL: `sqlite:${join(dir, 'p.sqlite')}`, PORT: '0', DATA_DIR: dir, SMS_PROVIDER: 'console', LOG_LEVEL: 'silent' });
    running = await start(config, { migrate: true, sms: new ConsoleSmsSender({ write: () => undefined }) });
  });
  afterAll(async () => {
    await running?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends no HSTS over plain http, and the rest as in production', async () => {
    for (const path of ['/', '/healthz']) {
      const res = await get(running.url, path);
      expect(res.headers.get('strict-transport-security')).toBeNull();
      expect(csp(res).get('frame-ancestors')).toBe("'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('same-origin');
    }
  });

  it('control: outside production, GET /graphql from a browser is still Apollo Sandbox', async () => {
    const res = await get(running.url, '/graphql', { accept: 'text/html' });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/<script/);
  });
});
