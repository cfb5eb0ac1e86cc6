import type { CalledEvent, HallSnapshot, Ticket } from '../common/types.js';
import { EV, NS } from '../common/events.js';
import { get } from '../ui-shared/api.js';
import { Link } from '../ui-shared/realtime.js';
import { Observable } from '../ui-shared/store.js';
import { Announcer } from './announcer.js';

/**
 * The display's picture of the hall, rebuilt from each `state` snapshot and
 * patched by `called`, `queue` and (when the server sends them) `window` events.
 */
export const link = new Link(NS.display);
export const hall = new Observable<HallSnapshot | null>(null);
/** The newest live call (not from a snapshot), for the highlight animation. */
export const flash = new Observable<CalledEvent | null>(null);

let clockOffset = 0;
export const serverNow = () => Date.now() + clockOffset;

let announcer: Announcer | null = null;
export function useAnnouncer(a: Announcer): void {
  announcer = a;
  const s = hall.get();
  if (s) a.noteSnapshot(s.recentCalls);
}

function applySnapshot(s: HallSnapshot): void {
  clockOffset = (Date.parse(s.serverTime) || Date.now()) - Date.now();
  announcer?.noteSnapshot(s.recentCalls);
  hall.set(s);
}

function asTicket(c: CalledEvent, prev: Ticket | null): Ticket {
  if (prev && prev.id === c.ticketId) return { ...prev, status: 'called', calledAt: c.calledAt };
  return {
    id: c.ticketId, number: c.ticketNumber, serviceId: c.serviceId, status: 'called', priority: 'normal',
    issuedAt: c.calledAt, calledAt: c.calledAt, windowId: c.windowId, waitingAhead: 0, estimatedWaitSeconds: 0,
    trackToken: '', businessDay: '', recallCount: c.recall ? 1 : 0,
  };
}

link.on(EV.state, applySnapshot);

link.on(EV.called, (c) => {
  announcer?.onCalled(c);
  flash.set(c);
  hall.set((s) =>
    s && {
      ...s,
      recentCalls: [c, ...s.recentCalls.filter((r) => !(r.ticketId === c.ticketId && r.windowId === c.windowId))].slice(0, 20),
      windows: s.windows.map((w) => (w.id === c.windowId ? { ...w, current: asTicket(c, w.current) } : w)),
    },
  );
});

link.on(EV.queue, (q) => {
  const by = new Map(q.services.map((x) => [x.id, x]));
  hall.set((s) => s && { ...s, services: s.services.map((x) => ({ ...x, ...(by.get(x.id) ?? {}) })) });
});

// The server sends the windows that changed since its last push.
link.on(EV.window, (w) => {
  const by = new Map(w.map((x) => [x.id, x]));
  hall.set((s) => s && { ...s, windows: s.windows.map((x) => by.get(x.id) ?? x) });
});

// Belt and braces: a display runs for weeks; re-read the whole picture every minute.
setInterval(() => {
  if (link.state.get() !== 'online') return;
  get<HallSnapshot & { ok?: boolean }>('/api/v1/queue')
    .then((s) => {
      if (s && Array.isArray(s.windows)) {
        // Do not let an HTTP picture roll back a call that arrived meanwhile.
        const cur = hall.get();
        if (!cur || (s.recentCalls[0]?.calledAt ?? '') >= (cur.recentCalls[0]?.calledAt ?? '')) applySnapshot(s);
      }
    })
    .catch(() => undefined);
}, 60_000);
