import { z } from 'zod';
import { replies } from '../../../common/wire/replies.js';
import type { Deps } from '../../app/deps.js';
import { actorOf } from '../../auth/principal.js';
import { qrBaseUrl } from '../../app/public-url.js';
import { defineRoutes, reply, route } from '../route.js';
import { id, idempotencyKey, idempotencyKeyOf } from '../schemas.js';


const takeBody = z.object({
  serviceId: id,
  name: z.string().min(1).max(60),
  idNumber: z.string().min(15).max(18),
  /** The phone's own random id, kept in its browser storage. */
  deviceId: z.string().regex(/^[\w-]{16,64}$/, '16–64 letters, digits, _ or -'),
});

/** Remote queueing (线上取号) from the citizen's phone: no account, nothing but the ticket link to hold. */
export function remoteRoutes(deps: Deps) {
  const { hall } = deps;
  return defineRoutes([
    route(replies.RemoteOffers)({
      method: 'get', path: '/api/v1/remote', tag: 'remote', auth: 'public',
      summary: 'Whether the hall gives out numbers online, and for which services (quota left today, waiting, estimate, fees, promised time)',
      handler: () => ({ ok: true, ...hall.remote.offers() }),
    }),
    route(replies.RemoteTaken)({
      method: 'post', path: '/api/v1/remote/tickets', tag: 'remote', auth: 'public', body: takeBody, status: 201, alsoStatus: [200],
      summary: 'Take an online number (status remote until checked in at the hall). Limits: the service\'s daily remote quota, per phone (deviceId) and per ID number per day',
      headers: [{ name: 'Idempotency-Key', required: false, description: 'A retried request with the same key returns the same ticket (200, replayed: true)', schema: idempotencyKey }],
      handler: async (req) => {
        const key = idempotencyKeyOf(req.headers);
        const r = await hall.remote.take({ ...req.body, address: req.ip, idempotencyKey: key, lang: req.lang });
        return reply(r.replayed ? 200 : 201, { ok: true, ticket: r.ticket, view: hall.track(r.ticket.trackToken), replayed: r.replayed });
      },
    }),
    route(replies.RemoteDoor)({
      method: 'get', path: '/api/v1/remote/door', tag: 'remote', auth: 'remote.door',
      summary: "Today's door QR code (a new code each business day): for the hall screens (display tokens) and for printing (admin, supervisor)",
      handler: () => {
        const code = hall.remote.doorCodeToday();
        const url = code ? `${qrBaseUrl(hall.ctx.settings().publicBaseUrl, deps.ownBaseUrl())}/r?door=${code}` : '';
        return { ok: true, enabled: code !== '', businessDay: hall.businessDay(), code, url };
      },
    }),
    route(replies.RemoteArrived)({
      method: 'post', path: '/api/v1/windows/:id/remote-arrival', tag: 'remote', auth: 'window.operate',
      body: z.object({ number: z.string().trim().min(1).max(16) }),
      summary: 'Staff check in an online number for a citizen without a phone or card, by its ticket number today (or arrival code); audited as ticket.arrived by staff',
      handler: (req) => ({ ok: true, ticket: hall.view().toTicket(hall.remote.arriveByStaff(req.body.number, actorOf(req.principal))) }),
    }),
    route(replies.Track)({
      method: 'post', path: '/api/v1/track/:token/arrive', tag: 'remote', auth: 'public',
      body: z.object({ door: z.string().min(1).max(64) }),
      summary: "Check in an online number by the hall's door QR (its secret `door`); answers the ticket's live view",
      handler: (req) => {
        hall.remote.arriveAtDoor(req.params.token, req.body.door);
        return { ok: true, view: hall.track(req.params.token) };
      },
    }),
  ]);
}
