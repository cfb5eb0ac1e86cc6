import { z } from 'zod';
import { replies } from '../../../common/wire/replies.js';
import type { Deps } from '../../app/deps.js';
import { can } from '../../auth/principal.js';
import { route, defineRoutes } from '../route.js';

/** What anyone on the hall LAN may read: health, services, queue, a ticket's live page. */
export function publicRoutes(deps: Deps) {
  const { hall } = deps;
  return defineRoutes([
    route(replies.Health)({
      method: 'get',
      path: '/api/v1/health',
      summary: 'Server and device health: id, kind and state of each device; URIs and details for supervisors and admins only',
      tag: 'hall',
      auth: 'public',
      handler: (req) => {
        const devices = deps.devices.health();
        // Where each device is plugged in, why it fails, the clock and the uplink are for the hall's staff, not anyone on the LAN.
        if (can(req.principal, 'monitor')) {
          return { ok: true, version: deps.version, businessDay: hall.businessDay(), devices, clock: deps.clock.health(), uplink: deps.uplink.state() };
        }
        return { ok: true, version: deps.version, devices: devices.map((d) => ({ id: d.id, kind: d.kind, state: d.state })) };
      },
    }),
    route(replies.Services)({
      method: 'get',
      path: '/api/v1/services',
      summary: 'Services with live waiting counts and estimated waits (lang=zh-CN|zh-TW|en)',
      tag: 'hall',
      auth: 'public',
      query: z.object({ lang: z.enum(['zh-CN', 'zh-TW', 'en']).optional() }),
      handler: (req) => hall.services(req.query.lang ?? req.lang),
    }),
    route(replies.Departments)({
      method: 'get',
      path: '/api/v1/departments',
      summary: 'Departments, for grouping services',
      tag: 'hall',
      auth: 'public',
      handler: () => deps.config.departments(),
    }),
    route(replies.Queue)({
      method: 'get',
      path: '/api/v1/queue',
      summary: 'Waiting per service, every window and its current ticket, recent calls (what the hall screens show: no staff ids, identities or track tokens)',
      tag: 'hall',
      auth: 'public',
      handler: () => deps.publicSnapshot.get(),
    }),
    route(replies.Track)({
      method: 'get',
      path: '/api/v1/track/:token',
      summary: "A ticket's live view for the phone page (nothing personal)",
      tag: 'hall',
      auth: 'public',
      handler: (req) => ({ ok: true, view: hall.track(req.params.token) }),
    }),
  ]);
}
