/**
 * The live view over Socket.IO, fanned out between region nodes through Redis:
 * a dashboard on node A receives what node B ingested. A socket joins the room of
 * every hall its user may see (admins: the room `all`). A socket may watch one hall
 * (REGION_EV.watch, checked against its scope): it then gets the hall's drill-down
 * whenever a batch of that hall is ingested on any node (the ingesting node tells
 * the others over the adapter; each node loads the drill-down only for halls its own
 * sockets watch).
 */
import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { HALL_ID, REGION_EV, REGION_NS, type HallDetailAck, type RegionEventPayloads as P } from '../common/region.js';
import { hashToken } from '../server/auth/tokens.js';
import { scopeOf, type RegionAuth } from './app/auth.js';
import { RegionError } from './app/errors.js';
import { shownTo, type HallDetails } from './app/hall-detail.js';
import { PushQueue } from './app/push-queue.js';
import type { LiveRepo } from './store/live-repo.js';

export interface RegionRealtime {
  io: Server;
  /** Pushes a hall's live summary to every node's dashboards that may see it. */
  publish(hallId: string): Promise<void>;
  /** Disconnects the user's sockets on every node (they reconnect with their new rights, or not at all). */
  dropUser(userId: number): void;
  /** Disconnects the sockets opened with this session token on every node (log-out). */
  dropSession(token: string): void;
  close(): Promise<void>;
}

const DETAIL_CHANGED = 'detailChanged';
/** Live summaries pushed at once per node (each is one query). */
const PUSH_WORKERS = 2;
const detailRoom = (hallId: string) => `detail:${hallId}`;
/** A session's room, named by a short hash of its token (the token itself never names a room). */
const sessionRoom = (token: string) => `session:${hashToken(token).slice(0, 24)}`;

export function attachRegionRealtime(http: HttpServer, redisUrl: string, auth: RegionAuth, live: LiveRepo, details: HallDetails): RegionRealtime {
  const pub = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: null });
  const sub = pub.duplicate();
  pub.on('error', () => {});
  sub.on('error', () => {});
  const io = new Server(http, { serveClient: false, adapter: createAdapter(pub, sub) });
  const ns = io.of(REGION_NS);
  ns.use(async (socket, next) => {
    const token = typeof socket.handshake.auth?.token === 'string' ? socket.handshake.auth.token : null;
    const u = await auth.user(token).catch(() => null);
    if (!u) return next(new Error('UNAUTHENTICATED'));
    socket.data.token = token;
    socket.data.scope = scopeOf(u);
    socket.data.userId = u.id;
    next();
  });
  ns.on('connection', async (socket) => {
    const halls = (await live.halls(socket.data.scope).catch(() => [])).map((h) => shownTo(socket.data.scope, h));
    socket.join([`user:${socket.data.userId}`, sessionRoom(socket.data.token)]);
    if (socket.data.scope.all) socket.join('all');
    for (const h of halls) socket.join(`hall:${h.hallId}`);
    socket.emit(REGION_EV.halls, halls satisfies P[typeof REGION_EV.halls]);
    socket.on(REGION_EV.watch, async (hallId: unknown, ack?: (a: HallDetailAck) => void) => {
      const reply = typeof ack === 'function' ? ack : () => {};
      for (const room of socket.rooms) if (room.startsWith('detail:')) socket.leave(room);
      if (hallId === null) return reply({ ok: true, detail: null });
      if (typeof hallId !== 'string') return reply({ ok: false, error: { code: 'VALIDATION', message: 'watch takes a hall id or null' } });
      if (!HALL_ID.test(hallId)) return reply({ ok: false, error: { code: 'HALL_NOT_FOUND', message: 'No such hall' } });
      // the session may have expired (or ended) since the socket connected
      if (!(await auth.user(socket.data.token).catch(() => null))) {
        reply({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Sign in again' } });
        return void socket.disconnect(true);
      }
      try {
        const detail = await details.get(socket.data.scope, hallId);
        socket.join(detailRoom(hallId));
        reply({ ok: true, detail });
      } catch (err) {
        const e = err instanceof RegionError ? err : new RegionError(503, 'REGION_UNAVAILABLE', 'The region store is unavailable; try again');
        reply({ ok: false, error: { code: e.code, message: e.message } });
      }
    });
  });
  /** Pushes the drill-down to this node's sockets watching the hall (none: no query). */
  const pushDetail = async (hallId: string) => {
    if (!ns.adapter.rooms.get(detailRoom(hallId))?.size) return;
    const d = await details.of(hallId);
    if (d) ns.local.to(detailRoom(hallId)).emit(REGION_EV.detail, d satisfies P[typeof REGION_EV.detail]);
  };
  ns.on(DETAIL_CHANGED, (hallId: unknown) => {
    if (typeof hallId === 'string') pushDetail(hallId).catch(() => {});
  });
  // After close() the Redis clients are gone: the adapter's publish would reject where no one
  // awaits it (serverSideEmit, disconnectSockets), so nothing goes out any more.
  let closed = false;
  const publishNow = async (hallId: string) => {
    const h = await live.hall(hallId);
    if (closed) return;
    if (h) {
      // admins (room `all`) see who asked for an epoch and a pending proposal; viewers do not
      ns.to('all').emit(REGION_EV.hall, h satisfies P[typeof REGION_EV.hall]);
      ns.to(`hall:${hallId}`).except('all').emit(REGION_EV.hall, shownTo({ all: false, areas: [], hallIds: [] }, h));
    }
    ns.serverSideEmit(DETAIL_CHANGED, hallId);
    await pushDetail(hallId);
  };
  // two pushes at a time per node, each hall queued once (app/push-queue.ts)
  const pushes = new PushQueue(publishNow, PUSH_WORKERS);
  return {
    io,
    publish(hallId) {
      return pushes.add(hallId);
    },
    dropUser(userId) {
      if (closed) return;
      ns.in(`user:${userId}`).disconnectSockets(true);
    },
    dropSession(token) {
      if (closed) return;
      ns.in(sessionRoom(token)).disconnectSockets(true);
    },
    async close() {
      closed = true;
      await new Promise<void>((r) => io.close(() => r()));
      // QUIT after what the adapter still has in flight (its unsubscribes on close): a plain
      // disconnect rejected those where nobody awaits them ("Connection is closed", unhandled).
      // A Redis that does not answer within a second is cut off anyway.
      const bye = (c: Redis) => Promise.race([c.quit().catch(() => undefined), new Promise((r) => setTimeout(r, 1000).unref())]).then(() => c.disconnect());
      await Promise.all([bye(pub), bye(sub)]);
    },
  };
}
