import { idCheckChar } from '../../server/domain/identity.js';
import type { RunningHall } from '../../server/bootstrap.js';
import { Api } from './hall.js';

/** A clock the test moves by hand: the hall reads time only through ctx.now(). */
export class TestClock {
  constructor(public t = Date.parse('2026-03-06T01:00:00Z')) {} // Friday 09:00 in Shanghai
  now = () => new Date(this.t);
  set(iso: string): void {
    this.t = Date.parse(iso);
  }
  advance(minutes: number): void {
    this.t += minutes * 60_000;
  }
}

/** A valid 18-digit ID number (check digit computed) for a birth date and sequence. */
export function idNumber(birthDate: string, seq = '123', area = '410102'): string {
  const body = `${area}${birthDate.replace(/-/g, '')}${seq}`;
  return body + idCheckChar(body);
}

/** A kiosk with no printer or reader bound: its tickets are not printed. */
export async function bareKiosk(admin: Api, name = 'test kiosk'): Promise<{ id: string; api: Api }> {
  const client = (await admin.post('/api/v1/admin/clients', { kind: 'kiosk', name })).body.client;
  const token = (await admin.post(`/api/v1/admin/clients/${client.id}/token`)).body.token;
  return { id: client.id, api: new Api(admin.base, token) };
}

/** A card read at a kiosk's reader, as the device layer reports it: returns the kiosk's cardToken. */
export function readCard(hall: RunningHall, kioskId: string, card: { name: string; idNumber: string; birthDate?: string }): string {
  let token = '';
  const listener = (e: { kioskId: string; event: string; payload: unknown }) => {
    if (e.kioskId === kioskId && e.event === 'id-card') token = (e.payload as { cardToken: string }).cardToken;
  };
  hall.deps.ctx.bus.on('kiosk', listener);
  const birthDate = card.birthDate ?? `${card.idNumber.slice(6, 10)}-${card.idNumber.slice(10, 12)}-${card.idNumber.slice(12, 14)}`;
  hall.deps.devices.cardRead(kioskId, { cardType: 'resident', ...card, birthDate } as never, { kind: 'device', id: `${kioskId}-reader` });
  hall.deps.ctx.bus.off('kiosk', listener);
  if (!token) throw new Error('no id-card event');
  return token;
}

/** Changes some fields of a service through the admin API (PUT needs the whole service). */
export async function patchService(admin: Api, id: string, patch: Record<string, unknown>): Promise<any> {
  const s = (await admin.get('/api/v1/admin/services')).body.services.find((x: any) => x.id === id);
  const r = await admin.req('PUT', `/api/v1/admin/services/${id}`, { ...s, id: undefined, ...patch });
  if (r.status !== 200) throw new Error(`PUT service ${id}: ${JSON.stringify(r.body)}`);
  return r.body.service;
}

export async function patchSettings(admin: Api, patch: Record<string, unknown>): Promise<void> {
  const r = await admin.req('PATCH', '/api/v1/admin/settings', patch);
  if (r.status !== 200) throw new Error(`PATCH settings: ${JSON.stringify(r.body)}`);
}
