import type { Department, DeviceHealth, ServiceSummary, Ticket } from '../common/types.js';
import { EV, NS } from '../common/events.js';
import { get, listOf, newIdempotencyKey, post } from '../ui-shared/api.js';
import { kioskId, param } from '../ui-shared/env.js';
import { langStore } from '../ui-shared/i18n.js';
import { Link } from '../ui-shared/realtime.js';
import { Store } from '../ui-shared/store.js';

/**
 * What the server pushes on `id-card`: masked data only, plus a reference the
 * kiosk hands back when it takes the ticket (the clear number stays on the server).
 */
export interface IdCardRead {
  readId?: string;
  ref?: string;
  maskedName: string;
  maskedIdNumber: string;
  age?: number;
}

export const link = new Link(NS.kiosk, { auth: () => (kioskId ? { kioskId } : {}) });
export const services = new Store<ServiceSummary[] | null>(null);
export const departments = new Store<Department[]>([]);
export const devices = new Store<DeviceHealth[]>([]);
export const lastCard = new Store<(IdCardRead & { at: number }) | null>(null);
export const loadError = new Store<unknown>(null);
/** `?idcard=off` for kiosks without a reader: no swipe step. */
export const askForCard = param('idcard') !== 'off';

link.on<IdCardRead>(EV.idCard, (c) => c && lastCard.set({ ...c, at: Date.now() }));
link.on<DeviceHealth[] | DeviceHealth>(EV.device, (d) => {
  const list = Array.isArray(d) ? d : [d];
  devices.set((prev) => {
    const by = new Map(prev.map((x) => [x.id, x]));
    for (const x of list) by.set(x.id, x);
    return [...by.values()];
  });
});

export function printerTrouble(list: DeviceHealth[]): boolean {
  return list.some((d) => d.kind === 'printer' && d.state === 'error');
}

export async function loadServices(): Promise<void> {
  try {
    const body = await get(`/api/v1/services?lang=${encodeURIComponent(langStore.get())}`);
    services.set(listOf<ServiceSummary>(body, 'services'));
    const inline = Array.isArray(body) ? [] : listOf<Department>(body, 'departments');
    if (inline.length) departments.set(inline);
    else if (!departments.get().length) departments.set(listOf<Department>(await get('/api/v1/departments').catch(() => []), 'departments'));
    loadError.set(null);
  } catch (e) {
    loadError.set(e);
  }
}

/**
 * One tap on "take ticket" = one idempotency key. A network error is retried
 * with the same key, so the server hands back the same ticket, never a second one.
 */
export async function takeTicket(serviceId: string, card: IdCardRead | null): Promise<Ticket> {
  const key = newIdempotencyKey();
  const body: Record<string, unknown> = { serviceId };
  if (kioskId) body.kioskId = kioskId;
  const ref = card?.readId ?? card?.ref;
  if (ref) body.idCardRef = ref;
  const res = await post<{ ticket: Ticket }>('/api/v1/tickets', body, { idempotencyKey: key, retries: 3, timeoutMs: 8000 });
  return res.ticket;
}

void loadServices();
setInterval(() => void loadServices(), 20_000);
langStore.subscribe(() => void loadServices());
