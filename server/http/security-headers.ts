import type { RequestHandler } from 'express';

/**
 * Security headers on every reply, pages and API alike (our own few lines
 * rather than helmet: five fixed headers need no dependency).
 * - CSP: scripts only from the hall itself, never inline; no framing; no plugins.
 *   Styles may be inline (the built pages have none, the "not built" page has one
 *   block). Sockets go to the same host (`'self'` covers ws: in current browsers).
 * - No referrer: a ticket page's URL (/t/<token>) must not leak to other sites.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function securityHeaders(): RequestHandler {
  return (_req, res, next) => {
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    next();
  };
}
