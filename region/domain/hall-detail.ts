/**
 * Assembles one hall's drill-down from its live rows, labelled from the hall's
 * configuration snapshot in force; services and windows the snapshot does not name
 * (yet) are shown under their ids. Pure.
 */
import type { HallDetail, HallDetailService, HallDetailWindow, HallLive, RegionConfigSnapshot } from '../../common/region.js';

export interface DetailInput {
  hall: HallLive;
  config: { version: number; snapshot: RegionConfigSnapshot } | null;
  waiting: { serviceId: string; n: number; oldest: string | null }[];
  today: { serviceId: string; issued: number; served: number }[];
  windows: { windowId: string; status: string }[];
  serving: { windowId: string; number: string | null; serviceId: string; calledAt: string | null; servingAt: string | null }[];
  alerts: { key: string; kind: string; raisedAt: string }[];
}

const windowStatus = (s: string | undefined): HallDetailWindow['status'] => (s === 'open' || s === 'paused' ? s : 'closed');

export function hallDetail(i: DetailInput): HallDetail {
  const snap = i.config?.snapshot;
  const waiting = new Map(i.waiting.map((w) => [w.serviceId, w]));
  const today = new Map(i.today.map((t) => [t.serviceId, t]));
  const serviceIds = [...new Set([...(snap?.services ?? []).map((s) => s.id), ...waiting.keys(), ...today.keys()])];
  const named = new Map((snap?.services ?? []).map((s) => [s.id, s]));
  const services: HallDetailService[] = serviceIds.map((id) => ({
    serviceId: id,
    name: named.get(id)?.name ?? id,
    // snapshots before the three-language names carry none: the page shows `name`
    names: named.get(id)?.names ?? null,
    catalogueCode: named.get(id)?.catalogueCode ?? null,
    promisedMinutes: named.get(id)?.promisedMinutes ?? null,
    fees: named.get(id)?.fees ?? null,
    waiting: waiting.get(id)?.n ?? 0,
    oldestWaitingSince: waiting.get(id)?.oldest ?? null,
    issuedToday: today.get(id)?.issued ?? 0,
    servedToday: today.get(id)?.served ?? 0,
  }));
  const status = new Map(i.windows.map((w) => [w.windowId, w.status]));
  // the latest call at a window is what it serves (an older one still 'called' was left there)
  const serving = new Map(i.serving.map((s) => [s.windowId, s]));
  const winNamed = new Map((snap?.windows ?? []).map((w) => [w.id, w]));
  const windowIds = [...new Set([...(snap?.windows ?? []).map((w) => w.id), ...status.keys(), ...serving.keys()])];
  const windows: HallDetailWindow[] = windowIds.map((id) => {
    const s = serving.get(id);
    return {
      windowId: id,
      number: winNamed.get(id)?.number ?? null,
      name: winNamed.get(id)?.name ?? id,
      status: windowStatus(status.get(id)),
      serving: s ? { number: s.number, serviceId: s.serviceId, calledAt: s.calledAt, servingAt: s.servingAt } : null,
    };
  });
  return { hall: i.hall, configVersion: i.config?.version ?? null, services, windows, alerts: i.alerts };
}
