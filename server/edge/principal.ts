import type { IncomingHttpHeaders } from 'node:http';
import type { Principal } from '../auth/principal.js';
import type { Deps } from '../app/deps.js';
import { peerOf, type Peer } from './peer.js';

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
 * Who is calling: a staff session, a device token, or — only in a demo hall,
 * only from this machine and never through a proxy — the demo kiosk, so the
 * demo works with no set-up. A request that carries X-Forwarded-For,
 * Forwarded or X-Real-IP was relayed for someone else and is never the kiosk.
 */
export function resolvePrincipal(deps: Deps, token: string | null, peer: Peer): Principal {
  const p = deps.auth.authenticate(token);
  if (p.kind !== 'anonymous' || token) return p;
  if (deps.demoLoopbackKioskId && !peer.proxied && isLoopback(peer.address)) {
    const client = deps.auth.client(deps.demoLoopbackKioskId);
    if (client && !client.revoked) return { kind: 'device', client, demo: true };
  }
  return p;
}

/** A socket's caller, from its handshake, by the same rules as HTTP. */
export function handshakePeer(deps: Deps, handshake: { address: string; headers: IncomingHttpHeaders }): Peer {
  return peerOf(handshake.address, handshake.headers, deps.edge.trust);
}
