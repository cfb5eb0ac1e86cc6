import type { Request } from 'express';
import type { Principal } from '../auth/principal.js';
import type { Deps } from '../app/deps.js';

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

export function bearerOf(header: string | undefined): string | null {
  if (!header) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return m ? m[1] : null;
}

/**
 * Who is calling: a staff session, a device token, or — only in a demo hall and
 * only from this machine — the demo kiosk, so the demo works with no set-up.
 */
export function resolvePrincipal(deps: Deps, token: string | null, address: string | undefined): Principal {
  const p = deps.auth.authenticate(token);
  if (p.kind !== 'anonymous' || token) return p;
  if (deps.demoLoopbackKioskId && isLoopback(address)) {
    const client = deps.ctx.store.auth.client(deps.demoLoopbackKioskId);
    if (client && !client.revoked) return { kind: 'device', client, demo: true };
  }
  return p;
}

export function principalOf(deps: Deps, req: Request): Principal {
  return resolvePrincipal(deps, bearerOf(req.headers.authorization), req.socket.remoteAddress);
}
