import type { Request } from 'express';
import type { Principal } from '../auth/principal.js';
import type { Deps } from '../app/deps.js';
import { resolvePrincipal, bearerOf } from '../edge/principal.js';
import { hasProxyHeaders, normalise, type Peer } from '../edge/peer.js';

export { bearerOf } from '../edge/principal.js';

/** The HTTP caller: its address as TRUST_PROXY defines it (express's req.ip). */
export function requestPeer(req: Request): Peer {
  return { address: normalise(req.ip ?? req.socket.remoteAddress ?? ''), proxied: hasProxyHeaders(req.headers) };
}

const resolved = new WeakMap<Request, Principal>();

/** The caller of this request, resolved once per request (the edge limiter and the router both ask). */
export function principalOf(deps: Deps, req: Request): Principal {
  let p = resolved.get(req);
  if (!p) resolved.set(req, (p = resolvePrincipal(deps, bearerOf(req.headers.authorization), requestPeer(req))));
  return p;
}
