import { z } from 'zod';
import { replies } from '../../../common/wire/replies.js';
import type { Deps } from '../../app/deps.js';
import { actorOf, can } from '../../auth/principal.js';
import { HttpError } from '../errors.js';
import { issueAtKiosk } from '../../app/kiosk-issue.js';
import { route, reply, defineRoutes } from '../route.js';
import { id, idCard, idempotencyKey, idempotencyKeyOf, priority } from '../schemas.js';

const issueBody = z.object({
  serviceId: id,
  kioskId: id.optional(),
  idCard: idCard.optional(),
  /** Never read here: refused so a caller does not believe the appointment was used (check in with POST /api/v1/appointments/check-in). */
  appointmentCode: z.never({ error: 'is not read here; check in an appointment with POST /api/v1/appointments/check-in' }).optional(),
  /** Token of a card just read at this kiosk's own reader (see the `id-card` kiosk event). */
  cardToken: z.string().min(8).max(64).optional(),
  priority: priority.optional(),
  /** Staff: a priority category id (green channel, elderly, …); the class follows from it. */
  priorityCategory: z.string().min(1).max(40).optional(),
});


export function ticketRoutes(deps: Deps) {
  return defineRoutes([
    route(replies.TicketIssued)({
      method: 'post',
      path: '/api/v1/tickets',
      summary: 'Issue a ticket. The ticket is committed to disk before this answers.',
      tag: 'tickets',
      auth: 'ticket.issue',
      body: issueBody,
      status: 201,
      alsoStatus: [200],
      headers: [{ name: 'Idempotency-Key', required: false, description: 'A retried request with the same key returns the same ticket (200, replayed: true)', schema: idempotencyKey }],
      handler: async (req) => {
        const key = idempotencyKeyOf(req.headers);
        const p = req.principal;
        const kioskId = p.kind === 'device' ? p.client.id : (req.body.kioskId ?? null);
        const scope = p.kind === 'device' ? `client:${p.client.id}` : p.kind === 'user' ? `user:${p.userId}` : 'anon';
        const request = {
          serviceId: req.body.serviceId,
          priority: req.body.priority,
          kioskId,
          idCard: req.body.idCard,
          idempotencyKey: key,
          scope,
          actor: actorOf(p),
          mayGrantPriority: can(p, 'ticket.issue.priority'),
          priorityCategory: req.body.priorityCategory,
          atKiosk: p.kind === 'device',
        };
        if (p.kind === 'device') {
          // Our own kiosks: the printer is checked before, and the ticket printed after, the commit.
          const r = await issueAtKiosk(deps.hall, deps.devices, { ...request, kioskId: p.client.id, cardToken: req.body.cardToken, baseUrl: deps.ownBaseUrl(), lang: req.lang });
          return reply(r.replayed ? 200 : 201, { ok: true, ticket: r.ticket, replayed: r.replayed, printed: r.printed, trackUrl: r.trackUrl });
        }
        if (req.body.cardToken) throw new HttpError(400, 'VALIDATION', 'cardToken: only a kiosk can use a card read at its own reader', 'cardToken');
        const { ticket, replayed } = await deps.hall.issue(request);
        return reply(replayed ? 200 : 201, { ok: true, ticket, replayed });
      },
    }),
    route(replies.TicketDetail)({
      method: 'get',
      path: '/api/v1/tickets/:id',
      summary: 'A ticket and its event history',
      tag: 'tickets',
      auth: 'ticket.read',
      handler: (req) => ({ ok: true, ...deps.hall.ticket(req.params.id) }),
    }),
    // POST /api/v1/tickets/:id/restore is a window action: server/app/window-action-table.ts (routes/windows.ts).
    route(replies.TicketReply)({
      method: 'post',
      path: '/api/v1/tickets/:id/cancel',
      summary: 'Cancel a waiting or called ticket (the citizen left, a print failed)',
      tag: 'tickets',
      auth: 'ticket.cancel',
      body: z.object({ reason: z.string().min(1).max(200) }),
      handler: (req) => {
        deps.hall.cancel(req.params.id, req.body.reason, actorOf(req.principal));
        return { ok: true, ticket: deps.hall.ticket(req.params.id).ticket };
      },
    }),
  ]);
}
