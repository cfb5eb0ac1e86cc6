import { timingSafeEqual, createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import { hasProxyHeaders } from '../edge/peer.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * GET /metrics for Prometheus: from this machine, or with
 * `Authorization: Bearer $ONESTOP_METRICS_TOKEN` from elsewhere. Anyone else
 * gets 403 in the API's error shape. Nothing personal is in the figures.
 */
export function metricsHandler(registry: Registry, token = process.env.ONESTOP_METRICS_TOKEN ?? '') {
  const allowed = (req: IncomingMessage) => {
    // A reverse proxy on this machine makes every caller look local: a forwarded request needs the token.
    if (LOOPBACK.has(req.socket.remoteAddress ?? '') && !hasProxyHeaders(req.headers)) return true;
    const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    return token.length > 0 && m !== null && timingSafeEqual(digest(m[1]), digest(token));
  };
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const json = (status: number, code: string, message: string) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ ok: false, error: { code, message } }));
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return json(405, 'METHOD_NOT_ALLOWED', 'GET /metrics only');
    if (!allowed(req)) return json(403, 'METRICS_FORBIDDEN', 'Metrics are served to this machine, or with the metrics token (ONESTOP_METRICS_TOKEN) as a Bearer token');
    try {
      const body = await registry.metrics();
      res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (err) {
      json(500, 'METRICS_FAILED', `Metrics could not be collected: ${(err as Error).message}`);
    }
  };
}

/** Wraps the HTTP app so /metrics is answered before express (and its JSON middleware) sees it. */
export function withMetrics(app: (req: IncomingMessage, res: ServerResponse) => void, handler: ReturnType<typeof metricsHandler>) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '').split('?')[0];
    if (path === '/metrics') void handler(req, res);
    else app(req, res);
  };
}
