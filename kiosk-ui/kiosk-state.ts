import type { Department, DeviceHealth, IdCardError, IdCardRead, ServiceSummary, Ticket } from '../common/types.js';
export type { IdCardRead };
import { EV, NS } from '../common/events.js';
import type { Reply } from '../common/wire/replies.js';
import { get, newIdempotencyKey, post } from '../ui-shared/api.js';
import { kioskId, param, serverFeatures } from '../ui-shared/env.js';
import { langStore } from '../ui-shared/i18n.js';
import { Link } from '../ui-shared/realtime.js';
import { Observable } from '../ui-shared/store.js';

/** A kiosk ticket as the server answers it: `printed` is false on a kiosk without a printer. */
export interface Issued {
  ticket: Ticket;
  printed: boolean;
  /** The ticket page's link as printed on the paper (the server's address, not this browser's). */
  trackUrl?: string;
  /** An online number (线上取号) checked in: nothing printed, it joined the queue. */
  arrived?: boolean;
}

export const link = new Link(NS.kiosk, { auth: () => (kioskId ? { kioskId } : {}) });
export const services = new Observable<ServiceSummary[] | null>(null);
export const departments = new Observable<Department[]>([]);
export const devices = new Observable<DeviceHealth[]>([]);
export const lastCard = new Observable<(IdCardRead & { at: number }) | null>(null);
export const loadError = new Observable<unknown>(null);
/** `?idcard=off` for kiosks without a reader: no swipe step. */
export const askForCard = param('idcard') !== 'off';

link.on(EV.idCard, (c) => {
  cardError.set(null);
  lastCard.set({ ...c, at: Date.now() });
});
/** The reader saw a card it could not read (`id-card-error` `{code, message}`). */
export const cardError = new Observable<IdCardError | null>(null);
link.on(EV.idCardError, (e) => cardError.set(e));
link.on(EV.device, (d) => {
  devices.set((prev) => {
    const by = new Map(prev.map((x) => [x.id, x]));
    by.set(d.id, d);
    return [...by.values()];
  });
});

export function printerTrouble(list: DeviceHealth[]): boolean {
  return list.some((d) => d.kind === 'printer' && d.state === 'error');
}

export async function loadServices(): Promise<void> {
  try {
    services.set(await get<Reply<'Services'>>(`/api/v1/services?lang=${encodeURIComponent(langStore.get())}`));
    if (!departments.get().length) departments.set(await get<Reply<'Departments'>>('/api/v1/departments').catch(() => []));
    loadError.set(null);
  } catch (e) {
    loadError.set(e);
  }
}

/**
 * One tap on "take ticket" = one idempotency key. A network error is retried
 * with the same key, so the server hands back the same ticket, never a second one.
 */
export async function takeTicket(serviceId: string, card: IdCardRead | null): Promise<Issued> {
  const key = newIdempotencyKey();
  const body: Record<string, unknown> = { serviceId };
  if (kioskId) body.kioskId = kioskId;
  if (card?.cardToken) body.cardToken = card.cardToken;
  const res = await post<Reply<'TicketIssued'>>('/api/v1/tickets', body, { idempotencyKey: key, retries: 3, timeoutMs: 12_000 });
  return { ticket: res.ticket, printed: res.printed !== false, trackUrl: res.trackUrl };
}

/**
 * Appointment check-in by booking code or by the ID card just read at this
 * kiosk (only offered when the server documents the route). The server knows
 * the kiosk from its device token.
 */
export async function checkIn(by: { code: string } | { cardToken: string }): Promise<Issued> {
  const body = by;
  const res = await post<Reply<'CheckedIn'>>('/api/v1/appointments/check-in', body, {
    idempotencyKey: newIdempotencyKey(),
    retries: 3,
    timeoutMs: 12_000,
  });
  return { ticket: res.ticket, printed: res.printed !== false, trackUrl: res.trackUrl, ...('arrived' in res ? { arrived: true } : {}) };
}

export const canCheckIn = new Observable(serverFeatures);

// Any configuration change (a service opened, closed, renamed, a rule changed): read the list again now.
link.on(EV.config, () => void loadServices());

void loadServices();
setInterval(() => void loadServices(), 20_000);
langStore.subscribe(() => void loadServices());
