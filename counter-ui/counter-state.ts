import type { ServiceSummary, Ticket, WindowState } from '../common/types.js';
import { EV, NS } from '../common/events.js';
import { get, listOf, post } from '../ui-shared/api.js';
import { Link } from '../ui-shared/realtime.js';
import { sessionStore } from '../ui-shared/session.js';
import { Store } from '../ui-shared/store.js';
import { hasApi } from '../ui-shared/capabilities.js';

export const session = sessionStore('counter');

/** The window this clerk signed in to; kept across reloads like the session. */
export const windowId = new Store<string | null>(sessionStorage.getItem('onestop.counter.window'));
windowId.subscribe((id) => (id ? sessionStorage.setItem('onestop.counter.window', id) : sessionStorage.removeItem('onestop.counter.window')));
session.subscribe((s) => !s && windowId.set(null));

/** Last known window state, kept so a reload or reconnect shows the ticket in hand at once. */
const CACHE = 'onestop.counter.windowState';
export const win = new Store<WindowState | null>(JSON.parse(sessionStorage.getItem(CACHE) ?? 'null') as WindowState | null);
win.subscribe((w) => sessionStorage.setItem(CACHE, JSON.stringify(w)));
export const waiting = new Store<Ticket[]>([]);
export const services = new Store<ServiceSummary[]>([]);

let link: Link | null = null;

interface WindowPush {
  window?: WindowState;
  waiting?: Ticket[];
}
function applyPush(p: WindowPush | WindowState): void {
  // Pushes for other windows can arrive while a clerk changes window.
  const w = 'window' in p && p.window ? p.window : 'id' in p ? (p as WindowState) : null;
  if (!w || w.id !== windowId.get()) return;
  win.set(w);
  if ('waiting' in p && Array.isArray(p.waiting)) waiting.set(p.waiting);
}

/** Connects to /counter for the signed-in window; re-watches it after every reconnect. */
export function connect(): Link {
  if (link) return link;
  const l = new Link(NS.counter, { auth: () => ({ token: session.get()?.token, windowId: windowId.get() }) });
  l.on<WindowPush | WindowState>(EV.window, applyPush);
  l.onConnect(() => {
    const id = windowId.get();
    if (id) l.request<WindowPush>('watch', { windowId: id }).then(applyPush).catch(() => void refreshWaiting());
  });
  link = l;
  return l;
}

export function disconnect(): void {
  link?.close();
  link = null;
}

const token = () => session.get()?.token ?? null;

export async function refreshWaiting(): Promise<void> {
  const id = windowId.get();
  if (!id) return;
  waiting.set(listOf<Ticket>(await get(`/api/v1/windows/${id}/waiting`, { token: token() }), 'tickets'));
}

export async function loadServices(): Promise<void> {
  services.set(listOf<ServiceSummary>(await get('/api/v1/services', { token: token() }), 'services'));
}

export async function listWindows(): Promise<WindowState[]> {
  return listOf<WindowState>(await get('/api/v1/windows', { token: token() }), 'windows');
}

export async function openWindow(id: string): Promise<void> {
  const r = await post<{ window?: WindowState }>(`/api/v1/windows/${id}/open`, {}, { token: token() });
  windowId.set(id);
  if (r.window) win.set(r.window);
  link?.reconnect(); // the handshake carries the window now
}

/**
 * One window action. Over the socket when it is up (ack), else over HTTP.
 * Never both for one press: an ack that timed out may still have been done.
 */
export async function act(action: string, body: Record<string, unknown> = {}): Promise<Ticket | null> {
  const id = windowId.get();
  if (!id) throw new Error('no window');
  const payload = { windowId: id, ...body };
  const r =
    link && link.state.get() === 'online'
      ? await link.request<{ ticket: Ticket | null; window?: WindowState }>(action, payload)
      : await post<{ ticket: Ticket | null; window?: WindowState }>(`/api/v1/windows/${id}/${action}`, body, { token: token() });
  if (r.window) win.set(r.window);
  if (!link || link.state.get() !== 'online') void refreshWaiting().catch(() => undefined);
  return r.ticket ?? null;
}

/** Whether the server has ratings (`POST /api/v1/windows/:id/rate-request`). */
export const canAskRating = new Store(false);
void hasApi('/api/v1/windows/{id}/rate-request', 'post').then((v) => canAskRating.set(v));

/** Asks the citizen at this window to rate (evaluator device and citizen-facing screen); returns the ticket number. */
export async function askRating(): Promise<string> {
  const id = windowId.get();
  if (!id) throw new Error('no window');
  const r = await post<{ request?: { ticketNumber?: string }; ticketNumber?: string }>(`/api/v1/windows/${id}/rate-request`, {}, { token: token() });
  return r.request?.ticketNumber ?? r.ticketNumber ?? '';
}
