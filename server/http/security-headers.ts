import type { ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';

/**
 * Security headers on every reply, pages and API alike (our own few lines
 * rather than helmet: five fixed headers need no dependency).
 * - CSP: scripts and styles only from the hall itself, never inline (the "not
 *   built" fallback page allows its one style block by hash); no framing; no
 *   plugins. Sockets go to the same host (`'self'` covers ws: in current browsers).
 * - No referrer: a ticket page's URL (/t/<token>) must not leak to other sites.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
}

/** The same headers for the pages (express). */
export function securityHeaders(): RequestHandler {
  return (_req, res, next) => {
    setSecurityHeaders(res);
    next();
  };
}
