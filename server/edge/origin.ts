import type { IncomingHttpHeaders } from 'node:http';

/**
 * A browser always says where the page that opens a socket came from. Pages
 * of the hall itself (same host) and configured origins may connect; another
 * site's page open on a phone in the hall may not. Clients without an Origin
 * (the kiosk agent, the bench, curl) are not browsers and pass.
 * `viaTrustedProxy`: the connection comes from a proxy TRUST_PROXY trusts.
 */
export function originAllowed(headers: IncomingHttpHeaders, allowed: readonly string[], viaTrustedProxy = false): boolean {
  const origin = headers.origin;
  if (origin === undefined) return true;
  if (allowed.includes(origin.replace(/\/+$/, ''))) return true;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false; // "null" (a sandboxed frame, a file: page) or junk
  }
  // Behind a proxy the page's host is what the browser used; a proxy that rewrites Host must set X-Forwarded-Host.
  // That header counts only when it comes from a proxy TRUST_PROXY names: anyone else could write it.
  const forwarded = viaTrustedProxy ? String(headers['x-forwarded-host'] ?? '').split(',') : [];
  const own = [headers.host, ...forwarded].map((h) => h?.trim().toLowerCase()).filter(Boolean);
  return own.includes(host.toLowerCase());
}
