/** What the admin, device, appointment, backup, uplink and voice calls return. */
import { z } from 'zod';
import { JsonObject, LocalizedText, named, Role } from './base.js';
import { DeviceState } from './hall.js';

export const StaffUser = named('StaffUser', z.object({ id: z.string(), username: z.string(), name: z.string(), role: Role, active: z.boolean() }));
export type StaffUser = z.infer<typeof StaffUser>;

/** A kiosk, display or booking platform (its token is shown once, when issued). */
export const Client = named(
  'Client',
  z.object({ id: z.string(), kind: z.enum(['kiosk', 'display', 'platform']), name: z.string(), config: JsonObject, revoked: z.boolean(), hasToken: z.boolean() }),
);
export type Client = z.infer<typeof Client>;

export const DeviceKind = z.enum(['printer', 'idcard', 'led', 'keypad', 'evaluator']);
export const DeviceOwnerKind = z.enum(['kiosk', 'window', 'hall']);
export const DeviceBinding = named(
  'DeviceBinding',
  z.object({ id: z.string(), kind: DeviceKind, uri: z.string(), ownerKind: DeviceOwnerKind, ownerId: z.string().nullable(), options: JsonObject, enabled: z.boolean() }),
);
export type DeviceBinding = z.infer<typeof DeviceBinding>;

/** A device's health with where it is plugged in (staff only). */
export const ManagedDeviceHealth = named(
  'ManagedDeviceHealth',
  z.object({ id: z.string(), kind: z.string(), state: DeviceState, detail: z.string().optional(), ownerKind: DeviceOwnerKind, ownerId: z.string().nullable(), uri: z.string() }),
);
export type ManagedDeviceHealth = z.infer<typeof ManagedDeviceHealth>;

/** A configured device with its health (`disabled` when switched off, `unavailable` when not running). */
export const DeviceWithHealth = named(
  'DeviceWithHealth',
  DeviceBinding.extend({
    health: z.union([ManagedDeviceHealth, z.object({ state: z.enum(['unavailable', 'disabled']) })]),
  }),
);

/** What driving a simulator did (which field depends on the action). */
export const SimulationResult = named(
  'SimulationResult',
  z.object({
    ok: z.literal(true),
    placed: z.boolean().optional(),
    removed: z.boolean().optional(),
    state: JsonObject.optional(),
    ticket: z.object({ text: z.string(), qr: z.array(z.string()), count: z.number().int() }).nullable().optional(),
    text: z.string().optional(),
    acked: z.boolean().optional(),
  }),
);

export const PriorityCategory = named(
  'PriorityCategory',
  z.object({ id: z.string(), name: LocalizedText, priorityClass: z.enum(['green', 'priority']), active: z.boolean(), sortOrder: z.number().int() }),
);
export type PriorityCategory = z.infer<typeof PriorityCategory>;

export const Slot = z.object({ start: z.string(), end: z.string(), capacity: z.number().int() });
export const SlotLeft = named('SlotLeft', Slot.extend({ booked: z.number().int(), available: z.number().int() }));

/** An appointment as staff and platforms see it: masked name and number only. */
export const Appointment = named(
  'Appointment',
  z.object({
    id: z.string(),
    code: z.string(),
    serviceId: z.string(),
    date: z.string(),
    slotStart: z.string(),
    slotEnd: z.string(),
    maskedName: z.string(),
    maskedIdNumber: z.string(),
    maskedPhone: z.string().nullable(),
    status: z.enum(['booked', 'checked_in', 'cancelled', 'no_show']),
    ticketId: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
);
export type Appointment = z.infer<typeof Appointment>;

/** `backup.json` in each backup folder. */
export const BackupManifest = z.object({
    format: z.literal(1),
    createdAt: z.string(),
    reason: z.enum(['manual', 'scheduled', 'cli', 'pre-upgrade']),
    serverVersion: z.string(),
    schemaVersion: z.number().int(),
    events: z.number().int(),
    lastEventId: z.number().int(),
    tickets: z.number().int(),
    bytes: z.number().int(),
    verified: z.object({ integrity: z.literal('ok'), replay: z.literal('ok') }),
});
export type BackupManifest = z.infer<typeof BackupManifest>;
/** A backup as listed: its manifest, folder name and path. */
export const Backup = named('Backup', BackupManifest.extend({ name: z.string(), path: z.string() }));
export type Backup = z.infer<typeof Backup>;

export const UplinkSettingsView = named('UplinkSettings', z.object({ enabled: z.boolean(), url: z.string(), hallId: z.string(), tokenSet: z.boolean() }));
export type UplinkSettingsView = z.infer<typeof UplinkSettingsView>;
/** A new epoch for a hall: the region set aside what followed `commonPoint` and takes the hall's log from there. */
export const UplinkEpoch = named(
  'UplinkEpoch',
  z.object({
    epoch: z.number().int(),
    commonPoint: z.number().int(),
    /** Events the region had after the common point, moved aside (kept, no longer counted). */
    superseded: z.number().int(),
    at: z.string(),
    requestedBy: z.string().nullable(),
  }),
);
export type UplinkEpoch = z.infer<typeof UplinkEpoch>;
export const UplinkState = named(
  'UplinkState',
  z.object({
    enabled: z.boolean(),
    connected: z.boolean(),
    acknowledged: z.number().int().nullable(),
    head: z.number().int(),
    lagEvents: z.number().int(),
    lagSeconds: z.number(),
    lastError: z.string().nullable(),
    lastSuccessAt: z.string().nullable(),
    /** The hall's epoch at the region (null until known) and, after a restore resolved by a region admin, what was done. */
    epoch: z.number().int().nullable(),
    lastEpoch: UplinkEpoch.nullable(),
  }),
);
export type UplinkState = z.infer<typeof UplinkState>;

export { ScreenVoice, VoiceTest } from './voice.js';

export const RetentionResult = named(
  'RetentionResult',
  z.object({
    beforeDay: z.string(),
    identities: z.number().int(),
    tickets: z.number().int(),
    idempotency: z.number().int(),
    appointments: z.number().int(),
    /** Remote tickets' arrival codes and device hashes (线上取号). */
    remoteTickets: z.number().int(),
    /** Delivered or failed outbound notifications (their payload may hold a track token). */
    notifications: z.number().int(),
  }),
);

/** A service a phone may take an online number for (线上取号): today's remote quota left, the queue, fees and promised time. */
export const RemoteOffer = named(
  'RemoteOffer',
  z.object({
    id: z.string(),
    name: LocalizedText,
    quotaLeft: z.number().int(),
    waiting: z.number().int(),
    estimatedWaitSeconds: z.number(),
    promisedMinutes: z.number().int(),
    fees: LocalizedText,
  }),
);
export type RemoteOffer = z.infer<typeof RemoteOffer>;

/** One outbound notification as supervisors see it: no payload, only the target's host. */
export const Notification = named(
  'Notification',
  z.object({
    key: z.string(),
    kind: z.string(),
    host: z.string(),
    status: z.enum(['pending', 'sent', 'failed', 'expired']),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
    nextAt: z.string().nullable(),
  }),
);
export type Notification = z.infer<typeof Notification>;
