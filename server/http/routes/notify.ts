import { z } from 'zod';
import { replies } from '../../../common/wire/replies.js';
import type { Deps } from '../../app/deps.js';
import { outboxView, setPlatformCallback } from '../../app/notify/callbacks.js';
import { actorOf } from '../../auth/principal.js';
import { defineRoutes, route } from '../route.js';

/** Notifications: the outbox as supervisors see it, and booking platforms' callback URLs. */
export function notifyRoutes(deps: Deps) {
  return defineRoutes([
    route(replies.Notifications)({
      method: 'get', path: '/api/v1/admin/notifications', tag: 'supervision', auth: 'monitor',
      summary: 'Outbound notifications, newest first: kind, target host, status (pending, sent, failed, expired), attempts, last error — no payloads',
      query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }),
      handler: (req) => ({ ok: true, notifications: outboxView(deps.ctx, req.query.limit) }),
    }),
    route(replies.ClientSaved)({
      method: 'put', path: '/api/v1/admin/clients/:id/callback', tag: 'admin', auth: 'clients.manage',
      summary: "A booking platform's callback URL: it gets appointment.checked_in and appointment.no_show ('' = none)",
      body: z.object({ callbackUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/ }).max(500)]) }),
      handler: (req) => ({ ok: true, client: setPlatformCallback(deps.ctx, deps.config, req.params.id, req.body.callbackUrl, actorOf(req.principal)) }),
    }),
  ]);
}
