import { serverFeatures } from '../ui-shared/env.js';
import type { ServiceSummary, Ticket, WindowState } from '../common/types.js';
import { EV, NS } from '../common/events.js';
import { get, post } from '../ui-shared/api.js';
import type { Reply } from '../common/wire/replies.js';
import type { CounterWindow } from '../common/wire/socket.js';
import type { ActionOn, WindowActionInput, WindowActionReply } from '../common/wire/window-actions.js';
import { Link } from '../ui-shared/realtime.js';
import { sessionStore } from '../ui-shared/session.js';
import { Observable } from '../ui-shared/store.js';

export const session = sessionStore('counter');

/** The window this clerk signed in to; kept across reloads like the session. */
export const windowId = new Observable<string | null>(sessionStorage.getItem('onestop.counter.window'));
windowId.subscribe((id) => (id ? sessionStorage.setItem('onestop.counter.window', id) : sessionStorage.removeItem('onestop.counter.window')));
session.subscribe((s) => !s && windowId.set(null));

/** Last known window state, kept so a reload or reconnect shows the ticket in hand at once. */
const CACHE = 'onestop.counter.windowState';
export const win = new Observable<WindowState | null>(JSON.parse(sessionStorage.getItem(CACHE) ?? 'null') as WindowState | null);
win.subscribe((w) => sessionStorage.setItem(CACHE, JSON.stringify(w)));
export const waiting = new Observable<Ticket[]>([]);
export const services = new Observable<ServiceSummary[]>([]);

let link: Link<'/counter'> | null = null;

/** `/counter` `window` (and the `watch` ack): a window and what it may call next. */
function applyPush(p: CounterWindow): void {
  // Pushes for other windows can arrive while a clerk changes window.
  if (p.window.id !== windowId.get()) return;
  win.set(p.window);
  waiting.set(p.waiting);
}

/** Connects to /counter for the signed-in window; re-watches it after every reconnect. */
export function connect(): Link<'/counter'> {
  if (link) return link;
  const l = new Link(NS.counter, { auth: () => ({ token: session.get()?.token, windowId: windowId.get() }) });
  l.on(EV.window, applyPush);
  // A supervisor took this window over: back to choosing a window.
  l.on(EV.windowLost, (m) => {
    if (m.windowId === windowId.get()) windowId.set(null);
  });
  // The server ended this session (logged out elsewhere, password or role changed, expired): back to the log-in.
  l.on(EV.sessionEnded, () => {
    disconnect();
    session.set(null);
  });
  l.onConnect(() => {
    const id = windowId.get();
    if (id) l.request<CounterWindow>(EV.watch, { windowId: id }).then(applyPush).catch(() => void refreshWaiting());
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
  waiting.set((await get<Reply<'Tickets'>>(`/api/v1/windows/${id}/waiting`, { token: token() })).tickets);
}

export async function loadServices(): Promise<void> {
  services.set(await get<Reply<'Services'>>('/api/v1/services', { token: token() }));
}

export async function listWindows(): Promise<WindowState[]> {
  return (await get<Reply<'Windows'>>('/api/v1/windows', { token: token() })).windows;
}

/** Signs in to a window; `force` (supervisors) takes over a window someone else is signed in to. */
export async function openWindow(id: string, force = false): Promise<void> {
  const body: WindowActionInput<'open'> = force ? { force: true } : {};
  const r = await post<WindowActionReply<'open'>>(`/api/v1/windows/${id}/open`, body, { token: token() });
  windowId.set(id);
  win.set(r.window);
  link?.reconnect(); // the handshake carries the window now
}

/**
 * One window action. Over the socket when it is up (ack), else over HTTP.
 * Never both for one press: an ack that timed out may still have been done.
 */
export async function act<N extends ActionOn<'window'>>(action: N, body?: WindowActionInput<N>): Promise<Ticket | null> {
  const id = windowId.get();
  if (!id) throw new Error('no window');
  const payload = { windowId: id, ...body };
  type R = WindowActionReply<ActionOn<'window'>>;
  const r =
    link && link.state.get() === 'online'
      ? await link.request<R>(action, payload)
      : await post<R>(`/api/v1/windows/${id}/${action}`, body ?? {}, { token: token() });
  win.set(r.window);
  // A no-show (by the clerk, or by the recall limit) can be restored for a while: remember it.
  if (r.ticket && (action === 'no-show' || r.autoNoShow || r.ticket.status === 'no_show')) rememberNoShow(id, r.ticket);
  if (!link || link.state.get() !== 'online') void refreshWaiting().catch(() => undefined);
  return r.ticket ?? null;
}

/** Whether the server has ratings (`POST /api/v1/windows/:id/rate-request`). */
export const canAskRating = new Observable(serverFeatures);

/** Asks the citizen at this window to rate (evaluator device and citizen-facing screen); returns the ticket number. */
export async function askRating(): Promise<string> {
  const id = windowId.get();
  if (!id) throw new Error('no window');
  const r = await post<Reply<'RateRequest'>>(`/api/v1/windows/${id}/rate-request`, {}, { token: token() });
  return r.request.ticketNumber;
}

/**
 * No-shows this window made in this browser session, newest first, so the clerk
 * can restore one when the citizen turns up late (the server decides whether it
 * is still allowed: RESTORE_TOO_LATE, RESTORE_DISABLED).
 */
export interface RecentNoShow {
  ticketId: string;
  number: string;
  windowId: string;
  businessDay: string;
  at: number;
}
const NO_SHOWS = 'onestop.counter.noShows';
export const noShows = new Observable<RecentNoShow[]>(JSON.parse(sessionStorage.getItem(NO_SHOWS) ?? '[]') as RecentNoShow[]);
noShows.subscribe((l) => sessionStorage.setItem(NO_SHOWS, JSON.stringify(l)));

function rememberNoShow(windowId: string, t: Ticket): void {
  const entry: RecentNoShow = { ticketId: t.id, number: t.number, windowId, businessDay: t.businessDay, at: Date.now() };
  noShows.set((l) => [entry, ...l.filter((x) => x.ticketId !== t.id && x.businessDay === t.businessDay)].slice(0, 10));
}

export function forgetNoShow(ticketId: string): void {
  noShows.set((l) => l.filter((x) => x.ticketId !== ticketId));
}

/** Puts a no-show back in the queue (keeps its number); over the socket when online, else HTTP. */
export async function restore(ticketId: string): Promise<Ticket | null> {
  const r =
    link && link.state.get() === 'online'
      ? await link.request<WindowActionReply<'restore'>>('restore', { ticketId })
      : await post<WindowActionReply<'restore'>>(`/api/v1/tickets/${encodeURIComponent(ticketId)}/restore`, {}, { token: token() });
  forgetNoShow(ticketId);
  void refreshWaiting().catch(() => undefined);
  return r.ticket;
}

/** Checks in a citizen's online number (线上取号) by its number, for someone without a phone or card (audited as staff). */
export async function arriveRemote(number: string): Promise<Ticket> {
  const r = await post<Reply<'RemoteArrived'>>(`/api/v1/windows/${encodeURIComponent(windowId.get() ?? '')}/remote-arrival`, { number }, { token: token() });
  void refreshWaiting().catch(() => undefined);
  return r.ticket;
}
