/**
 * Wire types shared by the hall server and the browser UIs. No runtime
 * dependencies: this file is imported by Vite builds and by Node alike.
 */
export type Lang = 'zh-CN' | 'zh-TW' | 'en';
export const LANGS: readonly Lang[] = ['zh-CN', 'zh-TW', 'en'];

/** Text in every language; zh-CN is always present and is the fallback. */
export type LocalizedText = { 'zh-CN': string } & Partial<Record<Lang, string>>;

export type TicketStatus =
  | 'waiting'
  | 'called'
  | 'serving'
  | 'done'
  | 'no_show'
  | 'transferred'
  | 'cancelled'
  /** Remote queueing (线上取号): taken from a phone, not yet arrived; never called until it arrives. */
  | 'remote'
  /** A remote ticket that did not arrive in time (final). */
  | 'expired';

/** Priority classes, highest first: green channel, priority group, appointment, normal. */
export type PriorityClass = 'green' | 'priority' | 'appointment' | 'normal';

export type WindowStatus = 'closed' | 'open' | 'paused';
export type SelectionPolicy = 'strict' | 'oldest' | 'weighted';
export type Role = 'admin' | 'supervisor' | 'clerk';

export interface ServiceGuide {
  materials: LocalizedText[];
  fees: LocalizedText;
  notes?: LocalizedText;
}

export interface Department {
  id: string;
  name: LocalizedText;
  zone?: string;
}

/** `GET /api/v1/services` item. `name` is in the requested language. */
export interface ServiceSummary {
  id: string;
  name: string;
  names: LocalizedText;
  departmentId: string;
  prefix: string;
  open: boolean;
  waiting: number;
  estimatedWaitSeconds: number;
  promisedMinutes: number;
  quotaLeft: number | null;
  guide: ServiceGuide;
  /** The kiosk must read an ID card before issuing (anti-scalper rule of the service). */
  idCardRequired?: boolean;
}

export interface MaskedIdentity {
  maskedName: string;
  maskedIdNumber: string;
}

export interface Ticket {
  id: string;
  number: string;
  serviceId: string;
  status: TicketStatus;
  priority: PriorityClass;
  issuedAt: string;
  calledAt?: string;
  windowId?: string;
  waitingAhead: number;
  estimatedWaitSeconds: number;
  trackToken: string;
  businessDay: string;
  recallCount: number;
  identity?: MaskedIdentity;
  /** Set when the ticket is queued for one window only (transfer to a window). */
  targetWindowId?: string;
  transferredFromId?: string;
  /** Joint handling: this ticket is step `index` of `total` of its case. */
  step?: { index: number; total: number };
  /** Joint handling: the joint service the ticket was issued for (its service of issue); `serviceId` is the step's queue. */
  caseServiceId?: string;
}

export interface WindowState {
  id: string;
  number: number;
  name: string;
  departmentId: string;
  status: WindowStatus;
  pauseReason?: string;
  staffId?: string;
  staffName?: string;
  serviceIds: string[];
  current: Ticket | null;
}

/** `called` event on `/display`. */
export interface CalledEvent {
  ticketId: string;
  ticketNumber: string;
  windowId: string;
  windowNumber: number;
  windowName: string;
  serviceId: string;
  serviceName: string;
  serviceNames: LocalizedText;
  calledAt: string;
  recall: boolean;
}

export interface QueueCounts {
  services: { id: string; waiting: number; estimatedWaitSeconds: number }[];
}

/** `GET /api/v1/queue` and the `state` snapshot on `/display`. */
export interface HallSnapshot {
  hallName: LocalizedText;
  businessDay: string;
  services: {
    id: string;
    name: LocalizedText;
    prefix: string;
    waiting: number;
    estimatedWaitSeconds: number;
    /** 收费透明, 按承诺办结: shown in the hall display's rotation. */
    fees?: LocalizedText;
    promisedMinutes?: number;
  }[];
  windows: WindowState[];
  recentCalls: CalledEvent[];
  notices: LocalizedText[];
  serverTime: string;
  /** IANA zone of the hall, for clocks. */
  timeZone: string;
  /** Spoken call, with {number} and {window} placeholders, per language. */
  voiceTemplate: LocalizedText;
  /** How many times each call is said (1–3). */
  voiceRepeat: number;
}

/** What the phone page (`/t/:token`) sees: nothing personal. */
export interface TrackView {
  number: string;
  status: TicketStatus;
  serviceName: LocalizedText;
  waitingAhead: number;
  estimatedWaitSeconds: number;
  windowNumber?: number;
  windowName?: string;
  calledAt?: string;
  /** Recalls so far: with calledAt (to the second) it tells one call from the next, for the phone's alert. */
  recallCount?: number;
  step?: { index: number; total: number };
  /** Fees and promised time of the ticket's service (收费透明, 按承诺办结). */
  fees?: LocalizedText;
  promisedMinutes?: number;
  /** A remote ticket not yet arrived: the code to show at the kiosk, when it expires, and how it will queue. */
  remote?: RemoteTrack;
  /** The phone page alerts (after consent) when this few people are ahead (hall setting notify.aheadThreshold; 0 = only the call). */
  notifyAhead?: number;
}

export interface RemoteTrack {
  arrivalCode: string;
  /** In the hall's time zone (ISO with offset); '' = at the end of the business day. */
  expiresAt: string;
  arrivalRule: 'keep' | 'join';
  /** The hall has a door QR for checking in. */
  doorCheckIn: boolean;
}

export interface ApiError {
  ok: false;
  error: { code: string; message: string; field?: string };
}
export type Ack<T extends object = object> = ({ ok: true } & T) | ApiError;

/** The server clock, in GET /api/v1/health: synchronised (null: cannot tell) and a recent jump. */
export interface ClockHealth {
  synchronized: boolean | null;
  lastJump: { at: string; seconds: number } | null;
  warning: 'jumped' | 'not-synchronized' | null;
}

export interface DeviceHealth {
  id: string;
  kind: string;
  state: 'ok' | 'warning' | 'error' | 'unavailable';
  detail?: string;
}

/** One entry of the append-only event log, as `GET /api/v1/admin/audit` returns it. */
export interface AuditEvent {
  id: number;
  at: string;
  type: string;
  actorKind: string;
  actorId: string | null;
  windowId: string | null;
  deviceId: string | null;
  ticketId: string | null;
  data: Record<string, unknown>;
}
