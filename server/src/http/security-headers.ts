import type { RequestHandler } from 'express';
import helmet from 'helmet';
import type { Config } from '../config';

/**
 * The policy the built SPA runs under: its scripts, styles and data come from this origin only, its
 * one image is the data: favicon, and no other site may frame it (clickjacking of the sign-in page).
 * No 'unsafe-inline' anywhere: the Vite build has no inline script or style, and an injected one
 * should not run. The e2e suite fails on any violation of it.
 */
export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
} as const;

const HSTS_MAX_AGE_SECONDS = 180 * 24 * 3600;

/**
 * Browser security headers on every response (docs/SECURITY.md). HSTS only when PUBLIC_URL is https:
 * over plain http a browser ignores it, and sending it from a development server on localhost would
 * pin https on every other app the developer runs there.
 */
export function securityHeaders(config: Config): RequestHandler {
  const https = config.publicUrl.startsWith('https:');
  const withCsp = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { ...CONTENT_SECURITY_POLICY } },
    strictTransportSecurity: https ? { maxAge: HSTS_MAX_AGE_SECONDS, includeSubDomains: false } : false,
    referrerPolicy: { policy: 'same-origin' },
    xFrameOptions: { action: 'deny' },
  });
  if (config.production) return withCsp;
  // Outside production, GET /graphql in a browser is Apollo's Sandbox, which loads from Apollo's CDN
  // under a policy of its own; the page is never served in production (see app.ts).
  const withoutCsp = helmet({
    contentSecurityPolicy: false,
    strictTransportSecurity: https ? { maxAge: HSTS_MAX_AGE_SECONDS, includeSubDomains: false } : false,
    referrerPolicy: { policy: 'same-origin' },
    xFrameOptions: { action: 'deny' },
  });
  return (req, res, next) => (req.path === '/graphql' ? withoutCsp : withCsp)(req, res, next);
}
