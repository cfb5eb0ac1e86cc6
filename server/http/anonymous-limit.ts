import type { RequestHandler } from 'express';
import type { Deps } from '../app/deps.js';
import { TokenBuckets } from '../edge/token-bucket.js';
import { errorBody } from './errors.js';
import { callerOf } from './principal.js';
import { isHallEquipment, type Principal } from '../auth/principal.js';
import type { Peer } from '../edge/peer.js';

/**
 * Requests without a staff or device token, per address (as TRUST_PROXY
 * defines it): a burst, then a steady rate. Beyond it: 429 with Retry-After
 * and the one error shape. Token holders are not counted. The API and the
 * files (pages, scripts, voice clips) have separate budgets: a display that
 * loads its voice packs must not use up what its address may ask of the API,
 * nor may a flood of API calls keep a screen's page from loading.
 */
export class AnonymousLimit {
  private buckets: TokenBuckets;

  constructor(
    private deps: Deps,
    perSecond: number,
    burst: number,
  ) {
    this.buckets = new TokenBuckets(perSecond, burst);
  }

  /** 0 when the request may go on; else the seconds to wait (for Retry-After). */
  admit(principal: Principal, peer: Peer): number {
    // The demo kiosk stand-in has no token: it is counted like any anonymous caller.
    if (principal.kind === 'user' || (principal.kind === 'device' && !principal.demo)) {
      // The hall's own equipment (staff, kiosks): its address may use the socket seats kept for it.
      if (isHallEquipment(principal)) this.deps.edge.sockets.noteKnown(peer.address);
      return 0;
    }
    const waitMs = this.buckets.take(peer.address, Date.now());
    return waitMs === 0 ? 0 : Math.max(1, Math.ceil(waitMs / 1000));
  }
}

export const tooManyRequests = (seconds: number) =>
  errorBody('TOO_MANY_REQUESTS', `Too many requests from your network address; try again in ${seconds} s`);

/** The files' budget (pages, scripts, voice clips), as express middleware; the API has its own (server/http/api.ts). */
export function anonymousFileLimit(deps: Deps): RequestHandler {
  const limit = new AnonymousLimit(deps, deps.edge.settings.filesPerSecond, deps.edge.settings.filesBurst);
  return (req, res, next) => {
    const { principal, peer } = callerOf(deps, req);
    const wait = limit.admit(principal, peer);
    if (wait === 0) return next();
    res.setHeader('Retry-After', String(wait));
    res.status(429).json(tooManyRequests(wait));
  };
}
