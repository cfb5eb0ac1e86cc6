/**
 * The reply of every HTTP operation, by name. Route definitions point at these
 * (so handlers are type-checked against them), the OpenAPI document is made from
 * them, and the UIs import their types (`Reply<'TicketIssued'>`).
 */
import { z } from 'zod';
import { named, ok, Role } from './base.js';
import { HallSettings, ServiceDef, WindowDef } from './config.js';
import { AuditEvent, Department, DeviceHealth, ClockHealth, HallSnapshot, ServiceSummary, Ticket, TrackView, WindowState } from './hall.js';
import {
  Appointment,
  Backup,
  Client,
  DeviceBinding,
  DeviceWithHealth,
  ManagedDeviceHealth,
  PriorityCategory,
  RetentionResult,
  ScreenVoice,
  SimulationResult,
  SlotLeft,
  StaffUser,
  UplinkSettingsView,
  UplinkState,
  VoiceTest,
  Notification,
  RemoteOffer,
} from './admin.js';
import { Grade, OverdueCase, PlatformRatingRecord, RateRequestEvent, RatingCase, RatingReason, ReportResult, SupervisionAlert } from './supervision.js';

const SessionUser = z.object({ id: z.string(), name: z.string(), role: Role });
const PriorityGrant = z.object({
  reason: z.enum(['staff', 'elderly', 'appointment']),
  categoryId: z.string().nullable(),
  grantedBy: z.string().nullable(),
  appointmentId: z.string().optional(),
});

export const replies = {
  // hall (public)
  Health: named(
    'Health',
    z.union([
      ok({ version: z.string(), devices: z.array(DeviceHealth.omit({ detail: true })) }),
      ok({ version: z.string(), businessDay: z.string(), devices: z.array(ManagedDeviceHealth), clock: ClockHealth, uplink: UplinkState }),
    ]),
    'Status for anyone; device detail, clock and uplink for supervisors and admins',
  ),
  Services: named('Services', z.array(ServiceSummary)),
  Departments: named('Departments', z.array(Department)),
  Queue: HallSnapshot,
  Track: named('TrackReply', ok({ view: TrackView })),
  // auth
  Login: named('LoginReply', ok({ token: z.string(), expiresAt: z.string(), user: SessionUser.extend({ username: z.string() }) })),
  Ok: named('Ok', ok({})),
  Me: named('MeReply', ok({ user: SessionUser, windowId: z.string().nullable() })),
  // tickets
  TicketIssued: named(
    'TicketIssued',
    ok({ ticket: Ticket, replayed: z.boolean(), printed: z.boolean().optional(), trackUrl: z.string().optional() }),
    'A new ticket (201), or the same one again for a retried Idempotency-Key (200, replayed: true). printed and trackUrl: at a kiosk',
  ),
  TicketDetail: named('TicketDetail', ok({ ticket: Ticket, history: z.array(AuditEvent), grant: PriorityGrant.nullable() })),
  TicketReply: named('TicketReply', ok({ ticket: Ticket })),
  // windows
  Windows: named('WindowsReply', ok({ windows: z.array(WindowState) })),
  Tickets: named('TicketsReply', ok({ tickets: z.array(Ticket) })),
  NoShows: named('NoShowsReply', ok({ tickets: z.array(Ticket.extend({ restorableUntil: z.string() })) })),
  WindowAction: named(
    'WindowActionReply',
    ok({ ticket: Ticket.nullable(), window: WindowState, autoNoShow: z.literal(true).optional() }),
    'The ticket the action concerned (null when none) and the window afterwards; autoNoShow when a recall ran out of recalls',
  ),
  // admin
  Settings: named('SettingsReply', ok({ settings: HallSettings, serverUrl: z.string().optional() })),
  DepartmentSaved: named('DepartmentReply', ok({ department: Department })),
  ServiceDefs: named('ServiceDefsReply', ok({ services: z.array(ServiceDef) })),
  ServiceSaved: named('ServiceDefReply', ok({ service: ServiceDef })),
  WindowDefs: named('WindowDefsReply', ok({ windows: z.array(WindowDef) })),
  WindowSaved: named('WindowDefReply', ok({ window: WindowDef })),
  Users: named('UsersReply', ok({ users: z.array(StaffUser) })),
  User: named('UserReply', ok({ user: StaffUser })),
  Clients: named('ClientsReply', ok({ clients: z.array(Client) })),
  ClientSaved: named('ClientReply', ok({ client: Client })),
  ClientToken: named('ClientTokenReply', ok({ token: z.string(), client: Client }), 'The new device token, shown this once'),
  Audit: named('AuditReply', ok({ events: z.array(AuditEvent) })),
  // devices
  Devices: named('DevicesReply', ok({ devices: z.array(DeviceWithHealth), agentDevices: z.array(ManagedDeviceHealth) })),
  DeviceSaved: named('DeviceReply', ok({ device: DeviceBinding })),
  Simulated: SimulationResult,
  // ratings, supervision, reports
  RateRequest: named('RateRequestReply', ok({ request: RateRequestEvent })),
  Rating: named('RatingReply', ok({ rating: z.object({ grade: Grade, reasons: z.array(RatingReason), ticketNumber: z.string().nullable(), at: z.string() }) })),
  RatingCases: named(
    'RatingCasesReply',
    z.union([
      ok({ from: z.string(), to: z.string(), ratings: z.array(RatingCase) }),
      ok({ from: z.string(), to: z.string(), profile: z.literal('haochaping'), records: z.array(PlatformRatingRecord) }),
    ]),
    'profile=hall: the hall\'s own cases (ratings); profile=haochaping: records in the provincial 好差评 platform\'s fields',
  ),
  Alerts: named('AlertsReply', ok({ alerts: z.array(SupervisionAlert) })),
  Alert: named('AlertReply', ok({ alert: SupervisionAlert })),
  Report: ReportResult,
  Retention: named('RetentionReply', ok({ purged: RetentionResult })),
  // priority categories
  Categories: named('CategoriesReply', ok({ categories: z.array(PriorityCategory) })),
  Category: named('CategoryReply', ok({ category: PriorityCategory })),
  Deleted: named('DeletedReply', ok({ deleted: z.string() })),
  // appointments
  Slots: named('SlotsReply', ok({ serviceId: z.string(), date: z.string(), slots: z.array(SlotLeft) })),
  SlotsSet: named('SlotsSetReply', ok({ slots: z.array(SlotLeft) })),
  Booked: named('BookedReply', ok({ appointment: Appointment, replayed: z.boolean() })),
  Appointments: named('AppointmentsReply', ok({ appointments: z.array(Appointment) })),
  AppointmentReply: named('AppointmentReply', ok({ appointment: Appointment })),
  CheckedIn: named(
    'CheckedInReply',
    z.union([
      ok({ ticket: Ticket, appointment: Appointment, late: z.boolean(), replayed: z.boolean(), printed: z.boolean(), trackUrl: z.string().optional() }),
      ok({ arrived: z.literal(true), ticket: Ticket, printed: z.literal(false), replayed: z.literal(false), trackUrl: z.string().optional() }),
    ]),
    'An appointment checked in (its ticket issued), or an online number (线上取号) that arrived (arrived: true: it joins the queue, nothing printed)',
  ),
  // remote queueing (线上取号)
  RemoteOffers: named('RemoteOffersReply', ok({ enabled: z.boolean(), doorCheckIn: z.boolean(), arrivalRule: z.enum(['keep', 'join']), services: z.array(RemoteOffer) })),
  RemoteTaken: named(
    'RemoteTicketReply',
    ok({ ticket: Ticket, view: TrackView, replayed: z.boolean() }),
    'A new online number (201), or the same one again for a retried Idempotency-Key (200, replayed: true)',
  ),
  RemoteDoor: named(
    'RemoteDoorReply',
    ok({ enabled: z.boolean(), businessDay: z.string(), code: z.string(), url: z.string() }),
    "Today's door QR (HMAC of the hall's door secret and the business day): code and the /r?door= link; enabled false (code '') when remote queueing or door check-in is off",
  ),
  RemoteArrived: named('RemoteArrivedReply', ok({ ticket: Ticket }), 'The online number checked in by staff: it joins the queue by the hall\'s arrival rule'),
  // promised time, notifications
  Overdue: named('OverdueReply', ok({ at: z.string(), cases: z.array(OverdueCase), byService: z.array(z.object({ serviceId: z.string(), count: z.number().int() })), byWindow: z.array(z.object({ windowId: z.string(), count: z.number().int() })) })),
  Notifications: named('NotificationsReply', ok({ notifications: z.array(Notification) })),
  // voice, uplink, backups
  VoiceScreens: named('VoiceScreensReply', ok({ screens: z.array(ScreenVoice) })),
  VoiceTest: named('VoiceTestReply', ok({ test: VoiceTest })),
  Uplink: named('UplinkReply', ok({ uplink: UplinkSettingsView, state: UplinkState })),
  Backups: named('BackupsReply', ok({ folder: z.string(), backups: z.array(Backup) })),
  BackupMade: named('BackupReply', ok({ backup: Backup })),
} as const;

export type ReplyName = keyof typeof replies;
/** The body of a reply, e.g. `Reply<'TicketIssued'>`. */
export type Reply<N extends ReplyName> = z.infer<(typeof replies)[N]>;

