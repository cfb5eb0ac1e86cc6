/**
 * Configuration shapes of the hall (settings, services, windows) as the admin
 * API takes and returns them: the server's domain uses them, and the admin UI
 * edits them, so they are wire types. No runtime dependencies.
 */
import type { LocalizedText, SelectionPolicy, ServiceGuide } from './types.js';

/**
 * Joint handling (并联/联办): steps of other services; a step with several
 * services runs them in parallel.
 */
export interface ServiceRoute {
  steps: string[][];
}

export interface HallSettings {
  hallName: LocalizedText;
  timeZone: string;
  /** Local hour (0-23) at which a new business day starts and numbering resets. */
  resetHour: number;
  /** At most this many priority tickets are served per normal one when both wait (0 = no priority). */
  fairnessRatio: number;
  /** A recall after this many recalls marks the ticket no-show instead. */
  maxRecalls: number;
  selectionPolicy: SelectionPolicy;
  /** Rolling average of the last N service times. */
  serviceTimeWindow: number;
  /** Supervision alerts (0 = off): a ticket waiting this long, a queue this long, a pause this long, an idle window while people wait this long. */
  waitAlertMinutes: number;
  queueAlertLength: number;
  pauseAlertMinutes: number;
  idleAlertMinutes: number;
  /** Personal data (masked identities, ID HMACs) is deleted after this many days. */
  retentionDays: number;
  /** How long a window's rating request stays open for the citizen-facing screen. */
  ratingRequestSeconds: number;
  notices: LocalizedText[];
  /** What the displays say for a call: {number} and {window} are filled in. */
  voiceTemplate: LocalizedText;
  /** How many times the displays say each call (1–3). */
  voiceRepeat: number;
  /** Ticket page base URL printed as QR (e.g. http://hall.local:3000). */
  publicBaseUrl: string;
  /** Card holders this old or older get priority at the kiosk automatically (0 = off). */
  elderlyAge: number;
  /** Appointment check-in opens this many minutes before the slot starts… */
  appointmentEarlyMinutes: number;
  /** …and is on time until this many minutes after it started; unchecked by slot end + this: no-show. */
  appointmentLateMinutes: number;
  /** A late appointment: issue a normal ticket, or refuse. */
  lateRule: 'normal' | 'refuse';
  /** Generated appointment slots: opening hours, slot length, per-slot capacity, weekdays (1 = Monday). */
  appointmentHours: { from: string; to: string }[];
  appointmentSlotMinutes: number;
  appointmentCapacity: number;
  appointmentWeekdays: number[];
  appointmentDaysAhead: number;
  /** A no-show can be restored within this many minutes (0 = off)… */
  restoreWithinMinutes: number;
  /** …and queues again after this many waiting tickets of its service. */
  restoreAfter: number;
  /** Daily backup at this local time ("HH:MM"; '' = no scheduled backup)… */
  backupTime: string;
  /** …into this absolute folder ('' = DATA_DIR/backups)… */
  backupFolder: string;
  /** …keeping this many (older ones are deleted). */
  backupKeep: number;
  /** Green-channel tickets go first even when the fairness run (fairnessRatio) is full. */
  greenExemptFromFairness: boolean;
  /** Hall-wide: at most this many tickets one person holds waiting (or in hand) at once, all services (0 = no limit). */
  personMaxWaiting: number;
  /** Hall-wide: at most this many tickets one person takes per business day, all services (0 = no limit). */
  personMaxPerDay: number;
  /** Remote queueing (线上取号), see docs/hall-features.md. */
  remoteQueue: RemoteQueueSettings;
  /** Citizen notifications: phone page and an outbound webhook, see docs/hall-features.md. */
  notify: NotifySettings;
}

/** Notifications when a ticket nears the front or is called. */
export interface NotifySettings {
  /** The phone page alerts (sound + vibration, after the citizen allowed them) this many places from the front (0 = only when called). */
  aheadThreshold: number;
  /** Outbound webhook (SMS gateway, the provincial app's message service): '' = off. */
  webhookUrl: string;
  /** Put the ticket's track token in the webhook payload (lets the receiver link the citizen's page); off by default. */
  includeTrackToken: boolean;
  /** Delivery attempts per message before it is marked failed. */
  maxAttempts: number;
}

/** Remote queueing: a live-queue number taken from a phone before arriving. */
export interface RemoteQueueSettings {
  enabled: boolean;
  /** On arrival: keep the place held since taking the number, or join the queue at arrival. */
  arrivalRule: 'keep' | 'join';
  /** Not arrived this many minutes after taking the number: expired (and always at the day's end). */
  expireMinutes: number;
  /** Remote numbers one phone (browser storage) may take per business day. */
  perDevicePerDay: number;
  /** Remote numbers one ID number may take per business day (all services). */
  perPersonPerDay: number;
  /** Services offered remotely and their daily remote quota (a service not listed is not offered). */
  quotas: Record<string, number>;
  /** The secret in the hall's door QR (/r?door=…); '' = no door check-in, kiosk only. */
  doorCode: string;
}

export interface ServiceDef {
  id: string;
  departmentId: string;
  name: LocalizedText;
  prefix: string;
  numberWidth: number;
  dailyQuota: number | null;
  promisedMinutes: number;
  guide: ServiceGuide;
  open: boolean;
  sortOrder: number;
  /** Joint handling: steps of other services, each sequential or parallel. */
  route?: ServiceRoute | null;
  /** Kiosk tickets need an ID card. */
  idCardRequired?: boolean;
  /** Active tickets one person may hold for this service per day (null = no limit). */
  maxWaitingPerPerson?: number | null;
  /** Tickets one person may take for this service per business day (null = no limit). */
  maxPerPersonPerDay?: number | null;
  /** Appointments per generated slot (null = the hall's appointmentCapacity, 0 = no appointments). */
  appointmentCapacity?: number | null;
  /** 政务服务事项编码 (the government service catalogue code), so a region can compare the same item across halls. */
  catalogueCode?: string | null;
}

export interface WindowService {
  serviceId: string;
  /** Lower first in strict order. */
  order: number;
  /** Relative weight for the weighted policy. */
  weight: number;
}

export interface WindowDef {
  id: string;
  number: number;
  name: string;
  departmentId: string;
  services: WindowService[];
  /** A dedicated green-channel / priority-group window: calls only green and priority tickets. */
  priorityOnly?: boolean;
}
