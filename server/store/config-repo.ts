import type { Department } from '../../common/types.js';
import type { ServiceDef, WindowDef, WindowRuntime } from '../domain/model.js';
import type { Db } from './db.js';
import { Statements } from './statements.js';

interface ServiceRow {
  id: string;
  department_id: string;
  name: string;
  prefix: string;
  number_width: number;
  daily_quota: number | null;
  promised_minutes: number;
  guide: string;
  open: number;
  sort_order: number;
  id_card_required: number;
  max_waiting_per_person: number | null;
  max_per_person_per_day?: number | null;
  appointment_capacity: number | null;
  route: string | null;
  catalogue_code: string | null;
}

const toService = (r: ServiceRow): ServiceDef => ({
  id: r.id,
  departmentId: r.department_id,
  name: JSON.parse(r.name),
  prefix: r.prefix,
  numberWidth: r.number_width,
  dailyQuota: r.daily_quota,
  promisedMinutes: r.promised_minutes,
  guide: JSON.parse(r.guide),
  open: r.open === 1,
  sortOrder: r.sort_order,
  idCardRequired: r.id_card_required === 1,
  maxWaitingPerPerson: r.max_waiting_per_person,
  maxPerPersonPerDay: r.max_per_person_per_day ?? null,
  appointmentCapacity: r.appointment_capacity,
  route: r.route ? JSON.parse(r.route) : null,
  catalogueCode: r.catalogue_code ?? null,
});

type WindowRow = { id: string; number: number; name: string; department_id: string; priority_only: number };
type LinkRow = { window_id: string; service_id: string; ord: number; weight: number };
type RuntimeRow = {
  window_id: string;
  status: WindowRuntime['status'];
  pause_reason: string | null;
  staff_id: string | null;
  current_ticket_id: string | null;
};

const toWindow = (r: WindowRow, links: LinkRow[]): WindowDef => ({
  id: r.id,
  number: r.number,
  name: r.name,
  departmentId: r.department_id,
  priorityOnly: r.priority_only === 1,
  services: links.map((l) => ({ serviceId: l.service_id, order: l.ord, weight: l.weight })),
});

const toRuntime = (r: RuntimeRow): WindowRuntime => ({
  windowId: r.window_id,
  status: r.status,
  pauseReason: r.pause_reason,
  staffId: r.staff_id,
  currentTicketId: r.current_ticket_id,
});

/** Freezes a cached value all the way down, so a caller that changes it fails loudly. */
export function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

/**
 * Departments, services, windows, settings and the windows' runtime state.
 * Services, windows and runtimes are read on every ticket, call and screen push,
 * so they are kept in memory (frozen) and refreshed by this repo's own writes;
 * the store calls `forget()` when a transaction rolls back.
 */
export class ConfigRepo {
  private sql: Statements;
  private servicesCache: ServiceDef[] | null = null;
  private serviceById = new Map<string, ServiceDef>();
  private windowsCache: WindowDef[] | null = null;
  private windowById = new Map<string, WindowDef>();
  private runtimeCache: Map<string, WindowRuntime> | null = null;

  constructor(private db: Db) {
    this.sql = new Statements(db);
  }

  /** Drops every cached row: the next read goes to the database. */
  forget(): void {
    this.servicesCache = null;
    this.windowsCache = null;
    this.runtimeCache = null;
  }

  getSetting<T>(key: string): T | undefined {
    const r = this.sql.q('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    return r ? (JSON.parse(r.value) as T) : undefined;
  }

  setSetting(key: string, value: unknown): void {
    this.sql
      .q('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
      .run(key, JSON.stringify(value));
  }

  departments(): Department[] {
    const rows = this.sql.q('SELECT * FROM departments ORDER BY sort_order, id').all() as {
      id: string;
      name: string;
      zone: string | null;
    }[];
    return rows.map((r) => ({ id: r.id, name: JSON.parse(r.name), zone: r.zone ?? undefined }));
  }

  saveDepartment(d: Department, sortOrder = 0): void {
    this.sql
      .q(
        `INSERT INTO departments (id, name, zone, sort_order) VALUES (?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, zone = excluded.zone`,
      )
      .run(d.id, JSON.stringify(d.name), d.zone ?? null, sortOrder);
  }

  services(): ServiceDef[] {
    if (!this.servicesCache) {
      const list = deepFreeze((this.sql.q('SELECT * FROM services ORDER BY sort_order, id').all() as ServiceRow[]).map(toService));
      this.serviceById = new Map(list.map((s) => [s.id, s]));
      this.servicesCache = list;
    }
    return this.servicesCache;
  }

  service(id: string): ServiceDef | null {
    this.services();
    return this.serviceById.get(id) ?? null;
  }

  saveService(s: ServiceDef): void {
    this.servicesCache = null;
    this.sql
      .q(
        `INSERT INTO services (id, department_id, name, prefix, number_width, daily_quota, promised_minutes, guide, open, sort_order,
           id_card_required, max_waiting_per_person, appointment_capacity, route, catalogue_code, max_per_person_per_day)
         VALUES (@id, @departmentId, @name, @prefix, @numberWidth, @dailyQuota, @promisedMinutes, @guide, @open, @sortOrder,
           @idCardRequired, @maxWaitingPerPerson, @appointmentCapacity, @route, @catalogueCode, @maxPerPersonPerDay)
         ON CONFLICT(id) DO UPDATE SET department_id = excluded.department_id, name = excluded.name,
           prefix = excluded.prefix, number_width = excluded.number_width, daily_quota = excluded.daily_quota,
           promised_minutes = excluded.promised_minutes, guide = excluded.guide, open = excluded.open,
           sort_order = excluded.sort_order, id_card_required = excluded.id_card_required,
           max_waiting_per_person = excluded.max_waiting_per_person, appointment_capacity = excluded.appointment_capacity,
           route = excluded.route, catalogue_code = excluded.catalogue_code,
           max_per_person_per_day = excluded.max_per_person_per_day`,
      )
      .run({
        ...s,
        name: JSON.stringify(s.name),
        guide: JSON.stringify(s.guide),
        open: s.open ? 1 : 0,
        idCardRequired: s.idCardRequired ? 1 : 0,
        maxWaitingPerPerson: s.maxWaitingPerPerson ?? null,
        maxPerPersonPerDay: s.maxPerPersonPerDay ?? null,
        appointmentCapacity: s.appointmentCapacity ?? null,
        route: s.route ? JSON.stringify(s.route) : null,
        catalogueCode: s.catalogueCode ?? null,
      });
  }

  windows(): WindowDef[] {
    if (!this.windowsCache) {
      const list = deepFreeze(this.readWindows());
      this.windowById = new Map(list.map((w) => [w.id, w]));
      this.windowsCache = list;
    }
    return this.windowsCache;
  }

  private readWindows(): WindowDef[] {
    const rows = this.sql.q('SELECT * FROM windows ORDER BY number').all() as WindowRow[];
    const links = new Map<string, LinkRow[]>();
    for (const l of this.sql.q('SELECT * FROM window_services ORDER BY ord').all() as LinkRow[]) {
      const list = links.get(l.window_id) ?? [];
      list.push(l);
      links.set(l.window_id, list);
    }
    return rows.map((r) => toWindow(r, links.get(r.id) ?? []));
  }

  window(id: string): WindowDef | null {
    this.windows();
    return this.windowById.get(id) ?? null;
  }

  saveWindow(w: WindowDef): void {
    this.windowsCache = null;
    this.runtimeCache = null;
    this.sql
      .q(
        `INSERT INTO windows (id, number, name, department_id, priority_only) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET number = excluded.number, name = excluded.name, department_id = excluded.department_id,
           priority_only = excluded.priority_only`,
      )
      .run(w.id, w.number, w.name, w.departmentId, w.priorityOnly ? 1 : 0);
    this.sql.q('DELETE FROM window_services WHERE window_id = ?').run(w.id);
    const link = this.sql.q('INSERT INTO window_services (window_id, service_id, ord, weight) VALUES (?, ?, ?, ?)');
    for (const s of w.services) link.run(w.id, s.serviceId, s.order, s.weight);
    this.sql
      .q(`INSERT OR IGNORE INTO window_runtime (window_id, status) VALUES (?, 'closed')`)
      .run(w.id);
  }

  private runtimeMap(): Map<string, WindowRuntime> {
    if (!this.runtimeCache) {
      const rows = this.sql.q('SELECT * FROM window_runtime ORDER BY rowid').all() as RuntimeRow[];
      this.runtimeCache = new Map(rows.map((r) => [r.window_id, deepFreeze(toRuntime(r))]));
    }
    return this.runtimeCache;
  }

  runtimes(): WindowRuntime[] {
    return [...this.runtimeMap().values()];
  }

  runtime(windowId: string): WindowRuntime | null {
    return this.runtimeMap().get(windowId) ?? null;
  }

  saveRuntime(r: WindowRuntime): void {
    this.sql
      .q(
        `INSERT INTO window_runtime (window_id, status, pause_reason, staff_id, current_ticket_id) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(window_id) DO UPDATE SET status = excluded.status, pause_reason = excluded.pause_reason,
           staff_id = excluded.staff_id, current_ticket_id = excluded.current_ticket_id`,
      )
      .run(r.windowId, r.status, r.pauseReason, r.staffId, r.currentTicketId);
    this.runtimeCache?.set(r.windowId, deepFreeze({ ...r }));
  }

  isEmpty(): boolean {
    return (this.sql.q('SELECT COUNT(*) AS n FROM services').get() as { n: number }).n === 0;
  }
}
