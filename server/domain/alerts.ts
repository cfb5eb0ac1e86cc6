import type { AlertKind } from '../../common/supervision.js';
import type { ServiceDef, TicketRecord, WindowDef, WindowRuntime } from './model.js';

/** Thresholds from the hall settings; 0 turns a rule off. */
export interface AlertThresholds {
  waitAlertMinutes: number;
  queueAlertLength: number;
  pauseAlertMinutes: number;
  idleAlertMinutes: number;
}

export interface WindowView {
  def: WindowDef;
  runtime: WindowRuntime;
  /** When the window last did anything (open, call, finish, pause…), ISO; null if never. */
  lastActivityAt: string | null;
}

/** What the rules read of a ticket (the store loads only this for a sweep over a busy day). */
export type AlertTicket = Pick<TicketRecord, 'id' | 'number' | 'status' | 'serviceId' | 'queuedAt' | 'targetWindowId' | 'windowId' | 'calledAt' | 'servingAt'>;

export interface DetectInput {
  now: Date;
  thresholds: AlertThresholds;
  services: ServiceDef[];
  windows: WindowView[];
  /** Tickets waiting, called or serving. */
  active: readonly AlertTicket[];
}

/**
 * One condition found by a sweep. `key` names the condition, not the moment:
 * the same long wait seen by ten sweeps has one key, so it is raised once.
 */
export interface DetectedAlert {
  key: string;
  kind: AlertKind;
  windowId: string | null;
  serviceId: string | null;
  ticketId: string | null;
  /** Minutes (waits, pauses, service, idle) or tickets (queues), floored. */
  value: number;
  threshold: number;
  /** Ticket number, service name or window number for the message. */
  subject: string;
}

const minutesBetween = (fromIso: string, now: Date) => (now.getTime() - Date.parse(fromIso)) / 60_000;

/** Waiting tickets longer than the threshold, counted from when they joined the queue. */
export function longWaits(active: readonly AlertTicket[], now: Date, minutes: number): DetectedAlert[] {
  if (minutes <= 0) return [];
  return active
    .filter((t) => t.status === 'waiting' && minutesBetween(t.queuedAt, now) >= minutes)
    .map((t) => ({ key: `long_wait:${t.id}`, kind: 'long_wait', windowId: t.targetWindowId, serviceId: t.serviceId, ticketId: t.id, value: Math.floor(minutesBetween(t.queuedAt, now)), threshold: minutes, subject: t.number }));
}

/** Services whose waiting count reached the threshold. */
export function longQueues(active: readonly AlertTicket[], services: readonly ServiceDef[], length: number): DetectedAlert[] {
  if (length <= 0) return [];
  const counts = new Map<string, number>();
  for (const t of active) if (t.status === 'waiting') counts.set(t.serviceId, (counts.get(t.serviceId) ?? 0) + 1);
  return services
    .filter((s) => (counts.get(s.id) ?? 0) >= length)
    .map((s) => ({ key: `long_queue:${s.id}`, kind: 'long_queue', windowId: null, serviceId: s.id, ticketId: null, value: counts.get(s.id)!, threshold: length, subject: s.name['zh-CN'] }));
}

/** Windows paused for longer than the threshold (the last activity of a paused window is its pause). */
export function longPauses(windows: readonly WindowView[], now: Date, minutes: number): DetectedAlert[] {
  if (minutes <= 0) return [];
  return windows
    .filter((w) => w.runtime.status === 'paused' && w.lastActivityAt && minutesBetween(w.lastActivityAt, now) >= minutes)
    .map((w) => ({ key: `long_pause:${w.def.id}`, kind: 'long_pause', windowId: w.def.id, serviceId: null, ticketId: null, value: Math.floor(minutesBetween(w.lastActivityAt!, now)), threshold: minutes, subject: String(w.def.number) }));
}

/** Tickets in hand longer than their service's promised minutes (承诺时限), from the start of service or the call. */
export function overdueServices(active: readonly AlertTicket[], services: readonly ServiceDef[], now: Date): DetectedAlert[] {
  const promised = new Map(services.map((s) => [s.id, s.promisedMinutes]));
  const out: DetectedAlert[] = [];
  for (const t of active) {
    if (t.status !== 'called' && t.status !== 'serving') continue;
    const limit = promised.get(t.serviceId) ?? 0;
    const since = t.servingAt ?? t.calledAt;
    if (limit <= 0 || !since) continue;
    const m = minutesBetween(since, now);
    if (m >= limit) out.push({ key: `overdue_service:${t.id}`, kind: 'overdue_service', windowId: t.windowId, serviceId: t.serviceId, ticketId: t.id, value: Math.floor(m), threshold: limit, subject: t.number });
  }
  return out;
}

/**
 * Open windows with nothing in hand while someone waits for them: idle since the
 * later of their last activity and the arrival of the oldest ticket they may call.
 */
export function idleWindows(windows: readonly WindowView[], active: readonly AlertTicket[], now: Date, minutes: number): DetectedAlert[] {
  if (minutes <= 0) return [];
  // Oldest waiting ticket per service queue and per window's own queue, in one pass.
  const oldestFor = new Map<string, string>();
  const note = (key: string, queuedAt: string) => {
    const o = oldestFor.get(key);
    if (o === undefined || queuedAt < o) oldestFor.set(key, queuedAt);
  };
  for (const t of active) {
    if (t.status === 'waiting') note(t.targetWindowId ? `w:${t.targetWindowId}` : `s:${t.serviceId}`, t.queuedAt);
  }
  const out: DetectedAlert[] = [];
  for (const w of windows) {
    if (w.runtime.status !== 'open' || w.runtime.currentTicketId) continue;
    let oldest: string | null = oldestFor.get(`w:${w.def.id}`) ?? null;
    for (const s of w.def.services) {
      const o = oldestFor.get(`s:${s.serviceId}`);
      if (o !== undefined && (oldest === null || o < oldest)) oldest = o;
    }
    if (!oldest) continue;
    const since = w.lastActivityAt && w.lastActivityAt > oldest ? w.lastActivityAt : oldest;
    const m = minutesBetween(since, now);
    if (m >= minutes) out.push({ key: `idle_window:${w.def.id}`, kind: 'idle_window', windowId: w.def.id, serviceId: null, ticketId: null, value: Math.floor(m), threshold: minutes, subject: String(w.def.number) });
  }
  return out;
}

export function detectAlerts(input: DetectInput): DetectedAlert[] {
  const { now, thresholds: th, services, windows, active } = input;
  return [
    ...longWaits(active, now, th.waitAlertMinutes),
    ...longQueues(active, services, th.queueAlertLength),
    ...longPauses(windows, now, th.pauseAlertMinutes),
    ...overdueServices(active, services, now),
    ...idleWindows(windows, active, now, th.idleAlertMinutes),
  ];
}

const MESSAGES: Record<AlertKind, (a: DetectedAlert) => string> = {
  long_wait: (a) => `${a.subject}号已等候${a.value}分钟（阈值${a.threshold}分钟）`,
  long_queue: (a) => `${a.subject}排队${a.value}人（阈值${a.threshold}人）`,
  long_pause: (a) => `${a.subject}号窗口已暂停${a.value}分钟（阈值${a.threshold}分钟）`,
  overdue_service: (a) => `${a.subject}号办理已${a.value}分钟，超过承诺时限${a.threshold}分钟`,
  idle_window: (a) => `${a.subject}号窗口空闲${a.value}分钟，仍有群众等候`,
};

/** The alert's message for the supervisor (zh-CN, the hall's working language). */
export const alertMessage = (a: DetectedAlert): string => MESSAGES[a.kind](a);

/**
 * What a sweep must do: raise what is newly detected, resolve what no longer
 * holds. `live` are the keys of stored alerts not yet resolved.
 */
export function diffAlerts(detected: readonly DetectedAlert[], live: ReadonlySet<string>): { raise: DetectedAlert[]; resolve: string[] } {
  const now = new Set(detected.map((d) => d.key));
  return {
    raise: detected.filter((d) => !live.has(d.key)),
    resolve: [...live].filter((k) => !now.has(k)),
  };
}
