/** Shared pieces of the region tests: private PostgreSQL + Redis, region nodes, hall events. */
import pino from 'pino';
import type { UplinkEvent } from '../../common/region.js';
import { startRegion, type RunningRegion } from '../../region/node.js';
import { REGION_ADMIN_PASSWORD } from '../../region/dev/region-process.js';
import { Api } from '../helpers/hall.js';

export { REGION_ADMIN_PASSWORD, RegionProcess } from '../../region/dev/region-process.js';

export function startTestRegion(databaseUrl: string, redisUrl: string): Promise<RunningRegion> {
  return startRegion({ databaseUrl, redisUrl, port: 0, host: '127.0.0.1', adminPassword: REGION_ADMIN_PASSWORD, log: pino({ level: process.env.TEST_LOG ?? 'silent' }) });
}

export async function regionAdmin(base: string): Promise<Api> {
  const api = new Api(base);
  const r = await api.post('/region/v1/auth/login', { username: 'admin', password: REGION_ADMIN_PASSWORD });
  if (r.status !== 200) throw new Error(`region login failed: ${JSON.stringify(r.body)}`);
  api.token = r.body.token;
  return api;
}

/** Registers a hall and returns an Api holding its uplink token. */
export async function registerHall(admin: Api, id: string, area = 'north'): Promise<Api> {
  const r = await admin.post('/region/v1/halls', { id, name: `Hall ${id}`, area });
  if (r.status !== 201) throw new Error(`hall ${id}: ${JSON.stringify(r.body)}`);
  return new Api(admin.base, r.body.token);
}

/**
 * The hand-made histories' hall day: yesterday (UTC). The region refuses events older
 * than its date floor (400 days), so a fixed date would fail these tests some day.
 */
export const TEST_DAY = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
/** The day `n` days before `day` (YYYY-MM-DD). */
export const daysBefore = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

/**
 * A hall's configuration snapshot for hand-made batches: one department `d1` 不动产, the
 * services as s1, s2… with prefixes A, B…, and windows w1…w`windows` (N号窗口).
 */
export function hallSnapshot(hallName: string, services: [name: string, promisedMinutes: number, catalogueCode: string | null][], windows: number) {
  return {
    hallName, timeZone: 'Asia/Shanghai', resetHour: 3,
    departments: [{ id: 'd1', name: '不动产' }],
    services: services.map(([name, promisedMinutes, catalogueCode], i) => ({ id: `s${i + 1}`, name, departmentId: 'd1', prefix: String.fromCharCode(65 + i), promisedMinutes, catalogueCode })),
    windows: Array.from({ length: windows }, (_, i) => ({ id: `w${i + 1}`, number: i + 1, name: `${i + 1}号窗口`, departmentId: 'd1' })),
  };
}

/** A small, hand-made hall event history builder (seq from 1). */
export class Events {
  seq = 0;
  list: UplinkEvent[] = [];
  constructor(private day = TEST_DAY) {}

  private add(type: string, at: string, data: Record<string, unknown>, ticketId: string | null = null, windowId: string | null = null): UplinkEvent {
    const e = { seq: ++this.seq, at, type, windowId, ticketId, data: { type, at, ...data } };
    this.list.push(e);
    return e;
  }

  issued(id: string, serviceId: string, at: string) {
    const ticket = { id, number: `A${this.seq}`, serviceId, businessDay: this.day, queuedAt: at, issuedAt: at, status: 'waiting', priority: 'normal' };
    return this.add('ticket.issued', at, { ticket }, id);
  }
  called(id: string, windowId: string, at: string) {
    return this.add('ticket.called', at, { ticketId: id, windowId }, id, windowId);
  }
  finished(id: string, at: string) {
    return this.add('ticket.finished', at, { ticketId: id }, id);
  }
  noShow(id: string, at: string) {
    return this.add('ticket.no_show', at, { ticketId: id, automatic: false }, id);
  }
  rated(id: string, windowId: string, grade: number, at: string, reasons: string[] = []) {
    return this.add('rating.given', at, { ticketId: id, windowId, grade, reasons, source: 'evaluator' }, id, windowId);
  }
  opened(windowId: string, at: string) {
    return this.add('window.opened', at, { windowId }, null, windowId);
  }
  other(type: string, at: string) {
    return this.add(type, at, {});
  }
}
