import type { AlertKind } from '../../common/supervision.js';
import type { LocalizedText } from '../../common/types.js';
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
 * the same long wait seen by ten sweeps has one key, so it is raised once. Long
 * waits and overdue service are grouped per queue (service, or the window a
 * ticket was sent to) and per window: one alert that carries how many tickets
 * are affected (`count`) and the worst of them (`value`), so a busy hour gives
 * a handful of alerts, not one per ticket.
 */
export interface DetectedAlert {
  key: string;
  kind: AlertKind;
  windowId: string | null;
  serviceId: string | null;
  ticketId: string | null;
  /** Minutes (waits, pauses, service, idle) or tickets (queues), floored: the worst one of the group. */
  value: number;
  /** Tickets in the condition (long waits); 1 for a window or a queue. */
  count: number;
  threshold: number;
  /** Ticket number, service name or window number for the message. */
  subject: string;
  /** A service's name per language, when the subject is a service. */
  subjectNames?: LocalizedText;
}

const minutesBetween = (fromIso: string, now: Date) => (now.getTime() - Date.parse(fromIso)) / 60_000;

/**
 * Waiting tickets longer than the threshold, counted from when they joined the
 * queue: one alert per queue (a service, or the window tickets were sent to),
 * with how many wait that long and the longest wait (its ticket in `ticketId`).
 */
export function longWaits(active: readonly AlertTicket[], now: Date, minutes: number, services: readonly ServiceDef[] = []): DetectedAlert[] {
  if (minutes <= 0) return [];
  const names = new Map(services.map((s) => [s.id, s.name]));
  const groups = new Map<string, DetectedAlert>();
  for (const t of active) {
    if (t.status !== 'waiting') continue;
    const m = Math.floor(minutesBetween(t.queuedAt, now));
    if (m < minutes) continue;
    const key = t.targetWindowId ? `long_wait:window:${t.targetWindowId}` : `long_wait:service:${t.serviceId}`;
    const g = groups.get(key);
    if (!g) {
      groups.set(key, {
        key, kind: 'long_wait', windowId: t.targetWindowId, serviceId: t.targetWindowId ? null : t.serviceId, ticketId: t.id, value: m, count: 1, threshold: minutes,
        subject: t.targetWindowId ? t.targetWindowId : (names.get(t.serviceId)?.['zh-CN'] ?? t.serviceId),
        ...(!t.targetWindowId && names.has(t.serviceId) ? { subjectNames: names.get(t.serviceId) } : {}),
      });
    } else {
      g.count++;
      if (m > g.value) (g.value = m), (g.ticketId = t.id);
    }
  }
  return [...groups.values()];
}

/** Services whose waiting count reached the threshold. */
export function longQueues(active: readonly AlertTicket[], services: readonly ServiceDef[], length: number): DetectedAlert[] {
  if (length <= 0) return [];
  const counts = new Map<string, number>();
  for (const t of active) if (t.status === 'waiting') counts.set(t.serviceId, (counts.get(t.serviceId) ?? 0) + 1);
  return services
    .filter((s) => (counts.get(s.id) ?? 0) >= length)
    .map((s) => ({ key: `long_queue:${s.id}`, kind: 'long_queue', windowId: null, serviceId: s.id, ticketId: null, value: counts.get(s.id)!, count: 1, threshold: length, subject: s.name['zh-CN'], subjectNames: s.name }));
}

/** Windows paused for longer than the threshold (the last activity of a paused window is its pause). */
export function longPauses(windows: readonly WindowView[], now: Date, minutes: number): DetectedAlert[] {
  if (minutes <= 0) return [];
  return windows
    .filter((w) => w.runtime.status === 'paused' && w.lastActivityAt && minutesBetween(w.lastActivityAt, now) >= minutes)
    .map((w) => ({ key: `long_pause:${w.def.id}`, kind: 'long_pause', windowId: w.def.id, serviceId: null, ticketId: null, value: Math.floor(minutesBetween(w.lastActivityAt!, now)), count: 1, threshold: minutes, subject: String(w.def.number) }));
}

/**
 * Tickets in hand longer than their service's promised minutes (承诺时限), from
 * the start of service or the call: one alert per window (the next overdue
 * ticket at the same window while the alert is open updates it).
 */
export function overdueServices(active: readonly AlertTicket[], services: readonly ServiceDef[], now: Date): DetectedAlert[] {
  const promised = new Map(services.map((s) => [s.id, s.promisedMinutes]));
  const out: DetectedAlert[] = [];
  for (const t of active) {
    if (t.status !== 'called' && t.status !== 'serving') continue;
    const limit = promised.get(t.serviceId) ?? 0;
    const since = t.servingAt ?? t.calledAt;
    if (limit <= 0 || !since) continue;
    const m = minutesBetween(since, now);
    if (m >= limit) out.push({ key: `overdue_service:${t.windowId ?? t.id}`, kind: 'overdue_service', windowId: t.windowId, serviceId: t.serviceId, ticketId: t.id, value: Math.floor(m), count: 1, threshold: limit, subject: t.number });
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
    if (m >= minutes) out.push({ key: `idle_window:${w.def.id}`, kind: 'idle_window', windowId: w.def.id, serviceId: null, ticketId: null, value: Math.floor(m), count: 1, threshold: minutes, subject: String(w.def.number) });
  }
  return out;
}

export function detectAlerts(input: DetectInput): DetectedAlert[] {
  const { now, thresholds: th, services, windows, active } = input;
  return [
    ...longWaits(active, now, th.waitAlertMinutes, services),
    ...longQueues(active, services, th.queueAlertLength),
    ...longPauses(windows, now, th.pauseAlertMinutes),
    ...overdueServices(active, services, now),
    ...idleWindows(windows, active, now, th.idleAlertMinutes),
  ];
}

/** The subject in a language: a service's own name there, else as detected. */
const named = (a: DetectedAlert, lang: 'zh-CN' | 'zh-TW' | 'en'): string => a.subjectNames?.[lang] ?? a.subject;

/** What a grouped long wait is about: a service queue by name, or a window's own queue. */
const waitPlace = (a: DetectedAlert, lang: 'zh-CN' | 'zh-TW' | 'en'): string =>
  a.serviceId ? named(a, lang) : lang === 'en' ? `the queue sent to window ${a.subject}` : lang === 'zh-TW' ? `轉給窗口${a.subject}的隊列` : `转给窗口${a.subject}的队列`;

const MESSAGES: Record<AlertKind, (a: DetectedAlert) => LocalizedText> = {
  long_wait: (a) => ({
    'zh-CN': `${waitPlace(a, 'zh-CN')}：${a.count}人等候超过${a.threshold}分钟，最长${a.value}分钟`,
    'zh-TW': `${waitPlace(a, 'zh-TW')}：${a.count}人等候超過${a.threshold}分鐘，最長${a.value}分鐘`,
    en: `${waitPlace(a, 'en')}: ${a.count} waiting over ${a.threshold} min, longest ${a.value} min`,
  }),
  long_queue: (a) => ({
    'zh-CN': `${a.subject}排队${a.value}人（阈值${a.threshold}人）`,
    'zh-TW': `${named(a, 'zh-TW')}排隊${a.value}人（閾值${a.threshold}人）`,
    en: `${named(a, 'en')}: ${a.value} in the queue (threshold ${a.threshold})`,
  }),
  long_pause: (a) => ({
    'zh-CN': `${a.subject}号窗口已暂停${a.value}分钟（阈值${a.threshold}分钟）`,
    'zh-TW': `${a.subject}號窗口已暫停${a.value}分鐘（閾值${a.threshold}分鐘）`,
    en: `Window ${a.subject} paused for ${a.value} min (threshold ${a.threshold} min)`,
  }),
  overdue_service: (a) => ({
    'zh-CN': `${a.subject}号办理已${a.value}分钟，超过承诺时限${a.threshold}分钟`,
    'zh-TW': `${a.subject}號辦理已${a.value}分鐘，超過承諾時限${a.threshold}分鐘`,
    en: `${a.subject} in service for ${a.value} min, past the promised ${a.threshold} min`,
  }),
  idle_window: (a) => ({
    'zh-CN': `${a.subject}号窗口空闲${a.value}分钟，仍有群众等候`,
    'zh-TW': `${a.subject}號窗口閒置${a.value}分鐘，仍有民眾等候`,
    en: `Window ${a.subject} idle for ${a.value} min while people wait`,
  }),
  // Subject: the kiosk's name, then the new and the previous address (`subject|to|from`).
  agent_moved: (a) => {
    const [kiosk, to, from] = a.subject.split('|');
    return {
      'zh-CN': `自助机“${kiosk}”的代理程序从新地址 ${to} 连接（此前 ${from}），共${a.count}次：如非更换电脑，请重新签发该自助机令牌`,
      'zh-TW': `自助機「${kiosk}」的代理程式從新位址 ${to} 連線（此前 ${from}），共${a.count}次：如非更換電腦，請重新簽發該自助機權杖`,
      en: `The kiosk agent of "${kiosk}" connected from a new address ${to} (before: ${from}), ${a.count} time(s): unless its PC was replaced, reissue the kiosk's token`,
    };
  },
  // Subject: the refused stored targets (setting names, e.g. `notify.webhookUrl, 平台A callbackUrl`); count: how many.
  notify_target_refused: (a) => ({
    'zh-CN': `${a.count}个已保存的通知地址指向不允许的（内网）地址，消息不会发送（${a.subject}）：如需发往内网短信网关，请由安装人员在 ONESTOP_NOTIFY_ALLOWED_NETWORKS 中列出其网段后重启`,
    'zh-TW': `${a.count}個已儲存的通知位址指向不允許的（內網）位址，訊息不會傳送（${a.subject}）：如需發往內網簡訊閘道，請由安裝人員在 ONESTOP_NOTIFY_ALLOWED_NETWORKS 中列出其網段後重新啟動`,
    en: `${a.count} stored notification target(s) point at a refused (internal) address and will not be sent to (${a.subject}): to reach an intranet gateway, the installer lists its network in ONESTOP_NOTIFY_ALLOWED_NETWORKS and restarts`,
  }),
};

/** The alert's message in zh-CN, zh-TW and en. */
export const alertMessages = (a: DetectedAlert): LocalizedText => MESSAGES[a.kind](a);

/** The alert's message for the supervisor (zh-CN, the hall's working language). */
export const alertMessage = (a: DetectedAlert): string => alertMessages(a)['zh-CN'];

/** What the store holds of a live (unresolved) alert: its count and worst value so far. */
export interface LiveAlert {
  count: number;
  value: number;
}

/**
 * What a sweep must do: raise what is newly detected, update a live alert whose
 * count changed or whose worst value grew (the worst value never shrinks while
 * the alert is open), resolve what no longer holds. `live` are the stored
 * alerts not yet resolved, by key.
 */
export function diffAlerts(
  detected: readonly DetectedAlert[],
  live: ReadonlyMap<string, LiveAlert> | ReadonlySet<string>,
): { raise: DetectedAlert[]; update: DetectedAlert[]; resolve: string[] } {
  const now = new Set(detected.map((d) => d.key));
  const stored = (k: string) => (live instanceof Map ? (live.get(k) as LiveAlert | undefined) : undefined);
  const update: DetectedAlert[] = [];
  for (const d of detected) {
    const s = stored(d.key);
    if (!s) continue;
    if (d.count !== s.count || d.value > s.value) update.push({ ...d, value: Math.max(d.value, s.value) });
  }
  return {
    raise: detected.filter((d) => !live.has(d.key)),
    update,
    resolve: [...live.keys()].filter((k) => !now.has(k)),
  };
}
