/**
 * The live view over Socket.IO, fanned out between region nodes through Redis:
 * a dashboard on node A receives what node B ingested. A socket joins the room of
 * every hall its user may see (admins: the room `all`).
 */
import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { REGION_EV, REGION_NS } from '../common/region.js';
import { scopeOf, type RegionAuth } from './app/auth.js';
import type { LiveRepo } from './store/live-repo.js';

export interface RegionRealtime {
  io: Server;
  /** Pushes a hall's live summary to every node's dashboards that may see it. */
  publish(hallId: string): Promise<void>;
  close(): Promise<void>;
}

export function attachRegionRealtime(http: HttpServer, redisUrl: string, auth: RegionAuth, live: LiveRepo): RegionRealtime {
  const pub = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: null });
  const sub = pub.duplicate();
  pub.on('error', () => {});
  sub.on('error', () => {});
  const io = new Server(http, { serveClient: false, adapter: createAdapter(pub, sub) });
  const ns = io.of(REGION_NS);
  ns.use(async (socket, next) => {
    const u = await auth.user(typeof socket.handshake.auth?.token === 'string' ? socket.handshake.auth.token : null).catch(() => null);
    if (!u) return next(new Error('UNAUTHENTICATED'));
    socket.data.scope = scopeOf(u);
    next();
  });
  ns.on('connection', async (socket) => {
    const halls = await live.halls(socket.data.scope).catch(() => []);
    if (socket.data.scope.all) socket.join('all');
    for (const h of halls) socket.join(`hall:${h.hallId}`);
    socket.emit('halls', halls);
  });
  return {
    io,
    async publish(hallId) {
      const h = await live.hall(hallId);
      if (h) ns.to([`hall:${hallId}`, 'all']).emit(REGION_EV.hall, h);
    },
    async close() {
      await new Promise<void>((r) => io.close(() => r()));
      pub.disconnect();
      sub.disconnect();
    },
  };
}
