import type { IncomingMessage } from 'node:http';
import type { Principal } from '../auth/principal.js';
import type { Deps } from '../app/deps.js';
import { resolvePrincipal, bearerOf } from '../edge/principal.js';
import { peerOf, type Peer } from '../edge/peer.js';

export { bearerOf } from '../edge/principal.js';

/** The HTTP caller: its address as TRUST_PROXY defines it (what express calls req.ip). */
export function requestPeer(deps: Deps, req: IncomingMessage): Peer {
  return peerOf(req.socket.remoteAddress, req.headers, deps.edge.trust);
}

const resolved = new WeakMap<IncomingMessage, { principal: Principal; peer: Peer }>();

/** The caller of this request and its address, resolved once per request (the edge limiter and the API both ask). */
export function callerOf(deps: Deps, req: IncomingMessage): { principal: Principal; peer: Peer } {
  let c = resolved.get(req);
  if (!c) {
    const peer = requestPeer(deps, req);
    c = { principal: resolvePrincipal(deps, bearerOf(req.headers.authorization), peer), peer };
    resolved.set(req, c);
  }
  return c;
}
