import type { RequestHandler } from 'express';
import type { Deps } from '../app/deps.js';
import { TokenBuckets } from '../edge/token-bucket.js';
import { errorBody } from './errors.js';
import { principalOf, requestPeer } from './principal.js';
import { isHallEquipment } from '../auth/principal.js';

/**
 * Requests without a staff or device token, per address (as TRUST_PROXY
 * defines it): a burst, then a steady rate. Beyond it: 429 with Retry-After
 * and the one error shape. Token holders are not counted. The API and the
 * files (pages, scripts, voice clips) have separate budgets: a display that
 * loads its voice packs must not use up what its address may ask of the API,
 * nor may a flood of API calls keep a screen's page from loading.
 */
export function anonymousRateLimit(deps: Deps): RequestHandler {
  const { httpPerSecond, httpBurst, filesPerSecond, filesBurst } = deps.edge.settings;
  const api = new TokenBuckets(httpPerSecond, httpBurst);
  const files = new TokenBuckets(filesPerSecond, filesBurst);
  return (req, res, next) => {
    // The demo kiosk stand-in has no token: it is counted like any anonymous caller.
    const p = principalOf(deps, req);
    if (p.kind === 'user' || (p.kind === 'device' && !p.demo)) {
      // The hall's own equipment (staff, kiosks): its address may use the socket seats kept for it.
      if (isHallEquipment(p)) deps.edge.sockets.noteKnown(requestPeer(req).address);
      return next();
    }
    // Routing ignores case (/API/v1/… reaches the API), so the choice of budget must too.
    const path = req.path.toLowerCase();
    const buckets = path === '/api' || path.startsWith('/api/') ? api : files;
    const waitMs = buckets.take(requestPeer(req).address, Date.now());
    if (waitMs === 0) return next();
    res.setHeader('Retry-After', String(Math.max(1, Math.ceil(waitMs / 1000))));
    res.status(429).json(errorBody('TOO_MANY_REQUESTS', `Too many requests from your network address; try again in ${Math.max(1, Math.ceil(waitMs / 1000))} s`));
  };
}
