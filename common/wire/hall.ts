/** Tickets, windows, calls and the hall's public picture: the core wire types. */
import { z } from 'zod';
import { LocalizedText, named, PriorityClass, TicketStatus, WindowStatus } from './base.js';

export const ServiceGuide = named('ServiceGuide', z.object({ materials: z.array(LocalizedText), fees: LocalizedText, notes: LocalizedText.optional() }));
export type ServiceGuide = z.infer<typeof ServiceGuide>;

export const Department = named('Department', z.object({ id: z.string(), name: LocalizedText, zone: z.string().optional() }));
export type Department = z.infer<typeof Department>;

/** `GET /api/v1/services` item. `name` is in the requested language. */
export const ServiceSummary = named(
  'ServiceSummary',
  z.object({
    id: z.string(),
    name: z.string(),
    names: LocalizedText,
    departmentId: z.string(),
    prefix: z.string(),
    open: z.boolean(),
    waiting: z.number().int(),
    estimatedWaitSeconds: z.number(),
    promisedMinutes: z.number().int(),
    quotaLeft: z.number().int().nullable(),
    guide: ServiceGuide,
    /** The kiosk must read an ID card before issuing (anti-scalper rule of the service). */
    idCardRequired: z.boolean().optional(),
  }),
);
export type ServiceSummary = z.infer<typeof ServiceSummary>;

export const MaskedIdentity = named('MaskedIdentity', z.object({ maskedName: z.string(), maskedIdNumber: z.string() }));
export type MaskedIdentity = z.infer<typeof MaskedIdentity>;

export const Ticket = named(
  'Ticket',
  z.object({
    id: z.string(),
    number: z.string(),
    serviceId: z.string(),
    status: TicketStatus,
    priority: PriorityClass,
    issuedAt: z.string(),
    calledAt: z.string().optional(),
    windowId: z.string().optional(),
    waitingAhead: z.number().int(),
    estimatedWaitSeconds: z.number(),
    trackToken: z.string(),
    businessDay: z.string(),
    recallCount: z.number().int(),
    identity: MaskedIdentity.optional(),
    /** Set when the ticket is queued for one window only (transfer to a window). */
    targetWindowId: z.string().optional(),
    transferredFromId: z.string().optional(),
    /** Joint handling: this ticket is step `index` of `total` of its case. */
    step: z.object({ index: z.number().int(), total: z.number().int() }).optional(),
    /** Joint handling: the joint service the ticket was issued for (its service of issue); `serviceId` is the step's queue. */
    caseServiceId: z.string().optional(),
  }),
);
export type Ticket = z.infer<typeof Ticket>;

export const WindowState = named(
  'WindowState',
  z.object({
    id: z.string(),
    number: z.number().int(),
    name: z.string(),
    departmentId: z.string(),
    status: WindowStatus,
    pauseReason: z.string().optional(),
    staffId: z.string().optional(),
    staffName: z.string().optional(),
    serviceIds: z.array(z.string()),
    current: Ticket.nullable(),
  }),
);
export type WindowState = z.infer<typeof WindowState>;

/** `called` event on `/display` (and the hall's recent calls). */
export const CalledEvent = named(
  'CalledEvent',
  z.object({
    ticketId: z.string(),
    ticketNumber: z.string(),
    windowId: z.string(),
    windowNumber: z.number().int(),
    windowName: z.string(),
    serviceId: z.string(),
    serviceName: z.string(),
    serviceNames: LocalizedText,
    calledAt: z.string(),
    recall: z.boolean(),
  }),
);
export type CalledEvent = z.infer<typeof CalledEvent>;

/** `GET /api/v1/queue` and the `state` snapshot on `/display`. */
export const HallSnapshot = named(
  'HallSnapshot',
  z.object({
    hallName: LocalizedText,
    businessDay: z.string(),
    services: z.array(
      z.object({
        id: z.string(),
        name: LocalizedText,
        prefix: z.string(),
        waiting: z.number().int(),
        estimatedWaitSeconds: z.number(),
        /** 收费透明, 按承诺办结: shown in the hall display's rotation. */
        fees: LocalizedText.optional(),
        promisedMinutes: z.number().int().optional(),
      }),
    ),
    windows: z.array(WindowState),
    recentCalls: z.array(CalledEvent),
    notices: z.array(LocalizedText),
    serverTime: z.string(),
    /** IANA zone of the hall, for clocks. */
    timeZone: z.string(),
    /** Spoken call, with {number} and {window} placeholders, per language. */
    voiceTemplate: LocalizedText,
    /** How many times each call is said (1–3). */
    voiceRepeat: z.number().int(),
  }),
);
export type HallSnapshot = z.infer<typeof HallSnapshot>;

export const RemoteTrack = named(
  'RemoteTrack',
  z.object({
    arrivalCode: z.string(),
    /** In the hall's time zone (ISO with offset); '' = at the end of the business day. */
    expiresAt: z.string(),
    arrivalRule: z.enum(['keep', 'join']),
    /** The hall has a door QR for checking in. */
    doorCheckIn: z.boolean(),
  }),
);
export type RemoteTrack = z.infer<typeof RemoteTrack>;

/** What the phone page (`/t/:token`) sees: nothing personal. */
export const TrackView = named(
  'TrackView',
  z.object({
    number: z.string(),
    status: TicketStatus,
    serviceName: LocalizedText,
    waitingAhead: z.number().int(),
    estimatedWaitSeconds: z.number(),
    windowNumber: z.number().int().optional(),
    windowName: z.string().optional(),
    calledAt: z.string().optional(),
    /** Recalls so far: with calledAt (to the second) it tells one call from the next, for the phone's alert. */
    recallCount: z.number().int().optional(),
    step: z.object({ index: z.number().int(), total: z.number().int() }).optional(),
    /** Fees and promised time of the ticket's service (收费透明, 按承诺办结). */
    fees: LocalizedText.optional(),
    promisedMinutes: z.number().int().optional(),
    /** A remote ticket not yet arrived: the code to show at the kiosk, when it expires, and how it will queue. */
    remote: RemoteTrack.optional(),
    /** The phone page alerts (after consent) when this few people are ahead (hall setting notify.aheadThreshold; 0 = only the call). */
    notifyAhead: z.number().int().optional(),
  }),
);
export type TrackView = z.infer<typeof TrackView>;

/** The server clock, in GET /api/v1/health: synchronised (null: cannot tell) and a recent jump. */
export const ClockHealth = named(
  'ClockHealth',
  z.object({
    synchronized: z.boolean().nullable(),
    lastJump: z.object({ at: z.string(), seconds: z.number() }).nullable(),
    warning: z.enum(['jumped', 'not-synchronized']).nullable(),
  }),
);
export type ClockHealth = z.infer<typeof ClockHealth>;

export const DeviceState = z.enum(['ok', 'warning', 'error', 'unavailable']);
export const DeviceHealth = z.object({ id: z.string(), kind: z.string(), state: DeviceState, detail: z.string().optional() });
export type DeviceHealth = z.infer<typeof DeviceHealth>;

/** One entry of the append-only event log, as `GET /api/v1/admin/audit` returns it. */
export const AuditEvent = named(
  'AuditEvent',
  z.object({
    id: z.number().int(),
    at: z.string(),
    type: z.string(),
    actorKind: z.string(),
    actorId: z.string().nullable(),
    windowId: z.string().nullable(),
    deviceId: z.string().nullable(),
    ticketId: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
  }),
);
export type AuditEvent = z.infer<typeof AuditEvent>;
