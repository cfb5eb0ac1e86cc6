/** The hall's configuration as the admin API returns it (settings, services, windows). */
import { z } from 'zod';
import { LocalizedText, named, SelectionPolicy } from './base.js';
import { ServiceGuide } from './hall.js';

/** Joint handling (并联/联办): steps of other services; a step with several services runs them in parallel. */
export const ServiceRoute = z.object({ steps: z.array(z.array(z.string())) });
export type ServiceRoute = z.infer<typeof ServiceRoute>;

/** Notifications when a ticket nears the front or is called. */
export const NotifySettings = named(
  'NotifySettings',
  z.object({
    /** The phone page alerts (sound + vibration, after the citizen allowed them) this many places from the front (0 = only when called). */
    aheadThreshold: z.number().int(),
    /** Outbound webhook (SMS gateway, the provincial app's message service): '' = off. */
    webhookUrl: z.string(),
    /** Put the ticket's track token in the webhook payload (lets the receiver link the citizen's page); off by default. */
    includeTrackToken: z.boolean(),
    /** Delivery attempts per message before it is marked failed. */
    maxAttempts: z.number().int(),
    /** Seconds one delivery may take (connect, send, answer) before it counts as failed. */
    timeoutSeconds: z.number().int(),
    /** Receivers (the webhook, each platform's callback URL) sent to at the same time, each on its own lane (1–16; default 4). */
    parallelReceivers: z.number().int(),
    /** A "near the front" or "called" message not sent within this many minutes is dropped (state expired); 0 = only when its moment passed. */
    expireMinutes: z.number().int(),
  }),
);
export type NotifySettings = z.infer<typeof NotifySettings>;

/** Remote queueing: a live-queue number taken from a phone before arriving. */
export const RemoteQueueSettings = named(
  'RemoteQueueSettings',
  z.object({
    enabled: z.boolean(),
    /** On arrival: keep the place held since taking the number, or join the queue at arrival. */
    arrivalRule: z.enum(['keep', 'join']),
    /** Not arrived this many minutes after taking the number: expired (and always at the day's end). */
    expireMinutes: z.number().int(),
    /** Remote numbers one phone (browser storage) may take per business day. */
    perDevicePerDay: z.number().int(),
    /** Remote numbers one ID number may take per business day (all services). */
    perPersonPerDay: z.number().int(),
    /** Remote numbers taken from one network address (as the edge resolves it) per business day (0 = no cap). */
    perAddressPerDay: z.number().int(),
    /** Services offered remotely and their daily remote quota (a service not listed is not offered). */
    quotas: z.record(z.string(), z.number().int()),
    /** The secret behind the hall's door QR; the QR carries HMAC(secret, business day), a new code each day; '' = no door check-in, kiosk only. */
    doorCode: z.string(),
  }),
);
export type RemoteQueueSettings = z.infer<typeof RemoteQueueSettings>;

export const HallSettings = named(
  'HallSettings',
  z.object({
    hallName: LocalizedText,
    timeZone: z.string(),
    /** Local hour (0-23) at which a new business day starts and numbering resets. */
    resetHour: z.number().int(),
    /** At most this many priority tickets are served per normal one when both wait (0 = no priority). */
    fairnessRatio: z.number().int(),
    /** A recall after this many recalls marks the ticket no-show instead. */
    maxRecalls: z.number().int(),
    selectionPolicy: SelectionPolicy,
    /** Rolling average of the last N service times. */
    serviceTimeWindow: z.number().int(),
    /** Supervision alerts (0 = off): a ticket waiting this long, a queue this long, a pause this long, an idle window while people wait this long. */
    waitAlertMinutes: z.number(),
    queueAlertLength: z.number(),
    pauseAlertMinutes: z.number(),
    idleAlertMinutes: z.number(),
    /** Personal data (masked identities, ID HMACs) is deleted after this many days. */
    retentionDays: z.number().int(),
    /** How long a window's rating request stays open for the citizen-facing screen. */
    ratingRequestSeconds: z.number().int(),
    notices: z.array(LocalizedText),
    /** What the displays say for a call: {number} and {window} are filled in. */
    voiceTemplate: LocalizedText,
    /** How many times the displays say each call (1–3). */
    voiceRepeat: z.number().int(),
    /** Ticket page base URL printed as QR (e.g. http://hall.local:3000). */
    publicBaseUrl: z.string(),
    /** Card holders this old or older get priority at the kiosk automatically (0 = off). */
    elderlyAge: z.number().int(),
    /** Appointment check-in opens this many minutes before the slot starts… */
    appointmentEarlyMinutes: z.number().int(),
    /** …and is on time until this many minutes after it started; unchecked by slot end + this: no-show. */
    appointmentLateMinutes: z.number().int(),
    /** A late appointment: issue a normal ticket, or refuse. */
    lateRule: z.enum(['normal', 'refuse']),
    /** Generated appointment slots: opening hours, slot length, per-slot capacity, weekdays (1 = Monday). */
    appointmentHours: z.array(z.object({ from: z.string(), to: z.string() })),
    appointmentSlotMinutes: z.number().int(),
    appointmentCapacity: z.number().int(),
    appointmentWeekdays: z.array(z.number().int()),
    appointmentDaysAhead: z.number().int(),
    /** A no-show can be restored within this many minutes (0 = off)… */
    restoreWithinMinutes: z.number().int(),
    /** …and queues again after this many waiting tickets of its service. */
    restoreAfter: z.number().int(),
    /** Daily backup at this local time ("HH:MM"; '' = no scheduled backup)… */
    backupTime: z.string(),
    /** …into this absolute folder ('' = DATA_DIR/backups)… */
    backupFolder: z.string(),
    /** …keeping this many (older ones are deleted). */
    backupKeep: z.number().int(),
    /** Green-channel tickets go first even when the fairness run (fairnessRatio) is full. */
    greenExemptFromFairness: z.boolean(),
    /** Hall-wide: at most this many tickets one person holds waiting (or in hand) at once, all services (0 = no limit). */
    personMaxWaiting: z.number().int(),
    /** Hall-wide: at most this many tickets one person takes per business day, all services (0 = no limit). */
    personMaxPerDay: z.number().int(),
    /** Remote queueing (线上取号), see docs/hall-features.md. */
    remoteQueue: RemoteQueueSettings,
    /** Citizen notifications: phone page and an outbound webhook, see docs/hall-features.md. */
    notify: NotifySettings,
  }),
);
export type HallSettings = z.infer<typeof HallSettings>;

export const ServiceDef = named(
  'ServiceDef',
  z.object({
    id: z.string(),
    departmentId: z.string(),
    name: LocalizedText,
    prefix: z.string(),
    numberWidth: z.number().int(),
    dailyQuota: z.number().int().nullable(),
    promisedMinutes: z.number().int(),
    guide: ServiceGuide,
    open: z.boolean(),
    sortOrder: z.number().int(),
    /** Joint handling: steps of other services, each sequential or parallel. */
    route: ServiceRoute.nullable().optional(),
    /** Kiosk tickets need an ID card. */
    idCardRequired: z.boolean().optional(),
    /** Active tickets one person may hold for this service per day (null = no limit). */
    maxWaitingPerPerson: z.number().int().nullable().optional(),
    /** Tickets one person may take for this service per business day (null = no limit). */
    maxPerPersonPerDay: z.number().int().nullable().optional(),
    /** Appointments per generated slot (null = the hall's appointmentCapacity, 0 = no appointments). */
    appointmentCapacity: z.number().int().nullable().optional(),
    /** 政务服务事项编码 (the government service catalogue code), so a region can compare the same item across halls. */
    catalogueCode: z.string().nullable().optional(),
  }),
);
export type ServiceDef = z.infer<typeof ServiceDef>;

export const WindowService = z.object({
  serviceId: z.string(),
  /** Lower first in strict order. */
  order: z.number().int(),
  /** Relative weight for the weighted policy. */
  weight: z.number(),
});
export type WindowService = z.infer<typeof WindowService>;

export const WindowDef = named(
  'WindowDef',
  z.object({
    id: z.string(),
    number: z.number().int(),
    name: z.string(),
    departmentId: z.string(),
    services: z.array(WindowService),
    /** A dedicated green-channel / priority-group window: calls only green and priority tickets. */
    priorityOnly: z.boolean().optional(),
  }),
);
export type WindowDef = z.infer<typeof WindowDef>;
