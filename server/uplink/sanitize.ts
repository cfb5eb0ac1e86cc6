/**
 * What of the hall's event log may leave the hall: an allow-list per event type.
 * No identities (the log has none: they live in their own table, but the list makes
 * sure of it), no staff (who called, who granted, who acted), no track tokens
 * (the phone page's secret), no free text typed by people. Event types not listed
 * leave as their type and time only, so the region still sees a contiguous stream.
 */
import type { RegionConfigSnapshot, UplinkEvent } from '../../common/region.js';
import type { ServiceDef, WindowDef } from '../../common/config.js';
import type { Department } from '../../common/types.js';
import type { LogRow } from '../store/uplink-repo.js';

type Obj = Record<string, unknown>;

const TICKET_FIELDS = [
  'id', 'number', 'seq', 'prefix', 'serviceId', 'businessDay', 'status', 'priority', 'issuedAt', 'queuedAt', 'calledAt',
  'servingAt', 'finishedAt', 'windowId', 'targetWindowId', 'recallCount', 'transferredFromId', 'caseId',
  'caseServiceId', 'routeStep', 'routeTotal',
] as const;

function pick(o: unknown, fields: readonly string[]): Obj {
  const out: Obj = {};
  if (!o || typeof o !== 'object') return out;
  for (const f of fields) if (f in (o as Obj)) out[f] = (o as Obj)[f];
  return out;
}

const ticket = (t: unknown) => pick(t, TICKET_FIELDS);

/** Per type: the fields of `data` that may leave (besides type and at). */
const ALLOWED: Record<string, (d: Obj) => Obj> = {
  'ticket.issued': (d) => ({ ticket: ticket(d.ticket) }),
  'ticket.called': (d) => pick(d, ['ticketId', 'windowId']),
  'ticket.recalled': (d) => pick(d, ['ticketId', 'windowId']),
  'ticket.started': (d) => pick(d, ['ticketId']),
  'ticket.finished': (d) => pick(d, ['ticketId']),
  'ticket.no_show': (d) => pick(d, ['ticketId', 'automatic']),
  'ticket.cancelled': (d) => pick(d, ['ticketId']),
  'ticket.restored': (d) => pick(d, ['ticketId', 'queuedAt']),
  // online numbers (线上取号): the region counts their waits from the arrival and ends those that expire
  'ticket.arrived': (d) => pick(d, ['ticketId', 'queuedAt']),
  'ticket.expired': (d) => pick(d, ['ticketId']),
  'ticket.transferred': (d) => ({ ...pick(d, ['ticketId']), next: ticket(d.next) }),
  'ticket.routed': (d) => ({ ...pick(d, ['caseId', 'step']), next: Array.isArray(d.next) ? d.next.map(ticket) : [] }),
  'ticket.printed': (d) => pick(d, ['ticketId']),
  'window.opened': (d) => pick(d, ['windowId']),
  'window.closed': (d) => pick(d, ['windowId']),
  'window.paused': (d) => pick(d, ['windowId']),
  'window.resumed': (d) => pick(d, ['windowId']),
  'rating.given': (d) => pick(d, ['ratingId', 'ticketId', 'serviceId', 'windowId', 'grade', 'reasons', 'source']),
  'alert.raised': (d) => pick(d, ['alertId', 'key', 'kind', 'windowId', 'serviceId', 'value', 'threshold']),
  'alert.resolved': (d) => pick(d, ['key']),
  'alert.acked': (d) => pick(d, ['alertId', 'kind']),
};

export function sanitizeEvent(row: LogRow): UplinkEvent {
  const allow = ALLOWED[row.type];
  let data: Obj = {};
  if (allow) {
    try {
      data = allow(JSON.parse(row.data) as Obj);
    } catch {
      data = {};
    }
  }
  return { seq: row.id, at: row.at, type: row.type, windowId: row.window_id, ticketId: row.ticket_id, data: { type: row.type, at: row.at, ...data } };
}

/** What a configuration snapshot is made from; `Name` is the hall's name (zh-CN text, or in every language). */
export interface HallConfigInput<Name> {
  hallName: Name;
  timeZone: string;
  resetHour: number;
  departments: Department[];
  services: ServiceDef[];
  windows: WindowDef[];
}

/** The hall's configuration as the region labels it (zh-CN names; no staff, no devices). */
export function configSnapshot(input: HallConfigInput<string>): RegionConfigSnapshot {
  return {
    hallName: input.hallName,
    timeZone: input.timeZone,
    resetHour: input.resetHour,
    departments: input.departments.map((d) => ({ id: d.id, name: d.name['zh-CN'] })),
    services: input.services.map((s) => ({
      id: s.id,
      name: s.name['zh-CN'],
      departmentId: s.departmentId,
      prefix: s.prefix,
      promisedMinutes: s.promisedMinutes,
      catalogueCode: s.catalogueCode ?? null,
    })),
    windows: input.windows.map((w) => ({ id: w.id, number: w.number, name: w.name, departmentId: w.departmentId })),
  };
}
