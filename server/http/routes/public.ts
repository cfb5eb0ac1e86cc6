import { z } from 'zod';
import type { Deps } from '../../app/deps.js';
import { defineRoutes } from '../route.js';

/** What anyone on the hall LAN may read: health, services, queue, a ticket's live page. */
export function publicRoutes(deps: Deps) {
  const { hall } = deps;
  return defineRoutes([
    {
      method: 'get',
      path: '/api/v1/health',
      summary: 'Server and device health',
      tag: 'hall',
      auth: 'public',
      handler: (req) => ({
        ok: true,
        version: deps.version,
        businessDay: hall.businessDay(),
        devices: deps.devices.health(),
        clock: deps.clock.health(),
        // the region uplink's state is detail for signed-in staff only
        ...(req.principal.kind === 'user' ? { uplink: deps.uplink.state() } : {}),
      }),
    },
    {
      method: 'get',
      path: '/api/v1/services',
      summary: 'Services with live waiting counts and estimated waits (lang=zh-CN|zh-TW|en)',
      tag: 'hall',
      auth: 'public',
      query: z.object({ lang: z.enum(['zh-CN', 'zh-TW', 'en']).optional() }),
      handler: (req) => hall.services(req.query.lang ?? req.lang),
    },
    {
      method: 'get',
      path: '/api/v1/departments',
      summary: 'Departments, for grouping services',
      tag: 'hall',
      auth: 'public',
      handler: () => deps.ctx.store.config.departments(),
    },
    {
      method: 'get',
      path: '/api/v1/queue',
      summary: 'Waiting per service, every window and its current ticket, recent calls',
      tag: 'hall',
      auth: 'public',
      handler: () => {
        const s = hall.snapshot();
        return {
          ...s,
          services: s.services.map((x) => ({ ...x, name: x.name })),
          windows: s.windows.map((w) => ({ ...w, current: w.current ? publicTicket(w.current) : null })),
        };
      },
    },
    {
      method: 'get',
      path: '/api/v1/track/:token',
      summary: "A ticket's live view for the phone page (nothing personal)",
      tag: 'hall',
      auth: 'public',
      handler: (req) => ({ ok: true, view: hall.track(req.params.token) }),
    },
  ]);
}

/** The public queue shows numbers, never identities or track tokens. */
function publicTicket<T extends { identity?: unknown; trackToken?: string }>(t: T) {
  const { identity: _i, trackToken: _t, ...rest } = t;
  return rest;
}
