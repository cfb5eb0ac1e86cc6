import type { Namespace, Socket } from 'socket.io';
import { EV } from '../../common/events.js';
import { socketInputs, type ServerEmits } from '../../common/wire/socket.js';
import type { Deps } from '../app/deps.js';
import { TokenBucket } from '../edge/token-bucket.js';
import { errorBody } from '../edge/errors.js';
import type { Logger } from '../log/logger.js';
import { handle } from './guard.js';

const inputs = socketInputs.display;
export type DisplayNamespace = Namespace<Record<string, never>, ServerEmits<'display'>>;

/**
 * `/display`: hall screens, window screens and phones. Public and read-only:
 * nothing personal is ever sent here. Every (re)connect gets a full `state`,
 * serialised once per change and shared by every screen. Each socket may ask
 * (`state`, `track`) a few times a second at most.
 */
export function setupDisplay(ns: DisplayNamespace, deps: Deps, log: Logger): { pushChanges: (tokens: string[]) => void } {
  const { displayEventsPerSecond, displayEventsBurst } = deps.edge.settings;
  let packet = { json: '', encoded: '' };
  /** The `state` event as Socket.IO's wire packet, encoded once per snapshot (EVENT type 2 in this namespace). */
  const statePacket = () => {
    const json = deps.publicSnapshot.json();
    if (packet.json !== json) packet = { json, encoded: `2${ns.name},${JSON.stringify([EV.state]).slice(0, -1)},${json}]` };
    return packet.encoded;
  };

  ns.on('connection', (socket) => {
    if (socket.conn.readyState === 'open') socket.conn.write(statePacket());
    limitEvents(socket, new TokenBucket(displayEventsPerSecond, displayEventsBurst, Date.now()));
    handle(socket, EV.track, inputs[EV.track], log, (p) => {
      const view = deps.hall.track(p.token);
      void socket.join(`track:${p.token}`);
      return { view };
    });
    handle(socket, EV.state, inputs[EV.state], log, () => ({ state: deps.publicSnapshot.get() }));
  });

  deps.ctx.bus.on('called', (ev) => ns.emit(EV.called, ev));
  // A renamed service or a new notice reaches every screen at once, not at its next poll.
  deps.ctx.bus.on('configChanged', () => {
    if (ns.sockets.size > 0) ns.emit(EV.state, deps.publicSnapshot.get());
  });
  // Every screen hears it; a window's screen keeps those for its windowId (no personal data in it).
  deps.ctx.bus.on('rateRequest', (ev) => ns.emit(EV.rateRequest, ev));

  // What each screen last got for each window: pushes carry only the windows that changed.
  // Seeded now, so the first push after start is a difference too, not every window.
  const lastWindows = new Map<string, string>(deps.publicSnapshot.get().windows.map((w) => [w.id, JSON.stringify(w)]));
  return {
    pushChanges: (tokens) => {
      if (ns.sockets.size === 0) return;
      const snap = deps.publicSnapshot.get();
      ns.emit(EV.queue, { services: snap.services.map((s) => ({ id: s.id, waiting: s.waiting, estimatedWaitSeconds: s.estimatedWaitSeconds })) });
      // With hundreds of windows and screens the full list would be megabytes per push: send the
      // windows that changed (screens merge them by id; every (re)connect gets the full `state`).
      const changed = snap.windows.filter((w) => {
        const json = JSON.stringify(w);
        if (lastWindows.get(w.id) === json) return false;
        lastWindows.set(w.id, json);
        return true;
      });
      if (changed.length > 0) ns.emit(EV.window, changed);
      for (const token of tokens) {
        const room = `track:${token}`;
        if ((ns.adapter.rooms.get(room)?.size ?? 0) === 0) continue;
        try {
          ns.to(room).emit(EV.ticket, deps.hall.track(token));
        } catch {
          // the ticket vanished (purged): nothing to tell
        }
      }
    },
  };
}

/** Events beyond the socket's budget are answered `TOO_MANY_REQUESTS` and not run. */
function limitEvents(socket: Socket<Record<string, never>, ServerEmits<'display'>>, bucket: TokenBucket): void {
  socket.use((args, next) => {
    if (bucket.take(Date.now())) return next();
    const ack = args[args.length - 1];
    if (typeof ack === 'function') ack(errorBody('TOO_MANY_REQUESTS', 'Too many requests on this connection; wait a second'));
  });
}
