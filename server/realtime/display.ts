import type { Namespace } from 'socket.io';
import { z } from 'zod';
import { EV } from '../../common/events.js';
import type { Deps } from '../app/deps.js';
import type { Logger } from '../log/logger.js';
import { handle } from './guard.js';

/**
 * `/display`: hall screens, window screens and phones. Public and read-only:
 * nothing personal is ever sent here. Every (re)connect gets a full `state`.
 */
export function setupDisplay(ns: Namespace, deps: Deps, log: Logger): { pushChanges: (tokens: string[]) => void } {
  ns.on('connection', (socket) => {
    socket.emit(EV.state, publicSnapshot(deps));
    handle(socket, EV.track, z.object({ token: z.string().min(8).max(64) }), log, (p) => {
      const view = deps.hall.track(p.token);
      void socket.join(`track:${p.token}`);
      return { view };
    });
    handle(socket, EV.state, z.object({}).optional(), log, () => ({ state: publicSnapshot(deps) }));
  });

  deps.ctx.bus.on('called', (ev) => ns.emit(EV.called, ev));
  // A renamed service or a new notice reaches every screen at once, not at its next poll.
  deps.ctx.bus.on('configChanged', () => {
    if (ns.sockets.size > 0) ns.emit(EV.state, publicSnapshot(deps));
  });
  // Every screen hears it; a window's screen keeps those for its windowId (no personal data in it).
  deps.ctx.bus.on('rateRequest', (ev) => ns.emit(EV.rateRequest, ev));

  // What each screen last got for each window: pushes carry only the windows that changed.
  // Seeded now, so the first push after start is a difference too, not every window.
  const lastWindows = new Map<string, string>(publicSnapshot(deps).windows.map((w) => [w.id, JSON.stringify(w)]));
  return {
    pushChanges: (tokens) => {
      if (ns.sockets.size === 0) return;
      const snap = publicSnapshot(deps);
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

/** The snapshot without identities or track tokens. */
export function publicSnapshot(deps: Deps) {
  const s = deps.hall.snapshot();
  return {
    ...s,
    windows: s.windows.map((w) => ({
      ...w,
      staffId: undefined,
      current: w.current ? { ...w.current, identity: undefined, trackToken: '' } : null,
    })),
  };
}
