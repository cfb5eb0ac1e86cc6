import { z } from 'zod';
import { replies } from '../../../common/wire/replies.js';
import type { Deps } from '../../app/deps.js';
import { actorOf } from '../../auth/principal.js';
import { PREFIX_PATTERN } from '../../domain/numbering.js';
import { BACKUP_TIME_PATTERN } from '../../domain/backup-schedule.js';
import { MAX_NEAR_THRESHOLD } from '../../domain/priority.js';
import { route, defineRoutes } from '../route.js';
import { id, localized } from '../schemas.js';

const serviceBody = z.object({
  departmentId: id,
  name: localized,
  prefix: z.string().regex(PREFIX_PATTERN, 'a prefix is 1 to 3 capital letters'),
  numberWidth: z.number().int().min(2).max(5).default(3),
  dailyQuota: z.number().int().min(1).max(100_000).nullable().default(null),
  promisedMinutes: z.number().int().min(1).max(60 * 24 * 30).default(30),
  guide: z
    .object({ materials: z.array(localized).max(30), fees: localized, notes: localized.optional() })
    .default({ materials: [], fees: { 'zh-CN': '免费', 'zh-TW': '免費', en: 'Free' } }),
  open: z.boolean().default(true),
  sortOrder: z.number().int().min(0).max(10_000).default(0),
  idCardRequired: z.boolean().default(false),
  maxWaitingPerPerson: z.number().int().min(1).max(100).nullable().default(null),
  maxPerPersonPerDay: z.number().int().min(1).max(100).nullable().default(null),
  appointmentCapacity: z.number().int().min(0).max(1000).nullable().default(null),
  /** 政务服务事项编码: digits and capital letters (the catalogue's item or implementation code). */
  catalogueCode: z.string().regex(/^[0-9A-Z-]{4,64}$/, 'a catalogue code is 4 to 64 digits, capital letters or -').nullable().default(null),
  /** Joint handling: steps of other services; a step with several services runs them in parallel. */
  route: z
    .object({ steps: z.array(z.array(id).min(1).max(5)).min(1).max(10) })
    .nullable()
    .default(null),
});

const windowBody = z.object({
  number: z.number().int().min(1).max(9999),
  name: z.string().min(1).max(60),
  departmentId: id,
  services: z
    .array(z.object({ serviceId: id, order: z.number().int().min(0).max(1000), weight: z.number().min(0).max(100).default(1) }))
    .max(100),
  priorityOnly: z.boolean().default(false),
});

const settingsBody = z
  .object({
    hallName: localized,
    timeZone: z.string().min(1).max(64),
    resetHour: z.number().int().min(0).max(23),
    fairnessRatio: z.number().int().min(0).max(100),
    maxRecalls: z.number().int().min(0).max(10),
    selectionPolicy: z.enum(['strict', 'oldest', 'weighted']),
    serviceTimeWindow: z.number().int().min(1).max(1000),
    waitAlertMinutes: z.number().int().min(0).max(24 * 60),
    queueAlertLength: z.number().int().min(0).max(10_000),
    pauseAlertMinutes: z.number().int().min(0).max(24 * 60),
    idleAlertMinutes: z.number().int().min(0).max(24 * 60),
    retentionDays: z.number().int().min(1).max(3650),
    ratingRequestSeconds: z.number().int().min(10).max(3600),
    notices: z.array(localized).max(20),
    voiceTemplate: localized,
    voiceRepeat: z.number().int().min(1).max(3),
    publicBaseUrl: z.union([z.url().max(200), z.literal('')]),
    elderlyAge: z.number().int().min(0).max(120),
    appointmentEarlyMinutes: z.number().int().min(0).max(24 * 60),
    appointmentLateMinutes: z.number().int().min(0).max(24 * 60),
    lateRule: z.enum(['normal', 'refuse']),
    appointmentHours: z
      .array(z.object({ from: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/), to: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/) }))
      .max(10),
    appointmentSlotMinutes: z.number().int().min(5).max(24 * 60),
    appointmentCapacity: z.number().int().min(0).max(1000),
    appointmentWeekdays: z.array(z.number().int().min(1).max(7)).max(7),
    appointmentDaysAhead: z.number().int().min(0).max(365),
    restoreWithinMinutes: z.number().int().min(0).max(24 * 60),
    restoreAfter: z.number().int().min(0).max(1000),
    backupTime: z.string().regex(BACKUP_TIME_PATTERN, 'a time HH:MM, or empty for no scheduled backup'),
    backupFolder: z.union([z.literal(''), z.string().max(300).regex(/^\/[^\0]*$/, 'an absolute folder path, or empty for DATA_DIR/backups')]),
    backupKeep: z.number().int().min(1).max(365),
    greenExemptFromFairness: z.boolean(),
    personMaxWaiting: z.number().int().min(0).max(100),
    personMaxPerDay: z.number().int().min(0).max(100),
    notify: z.object({
      aheadThreshold: z.number().int().min(0).max(MAX_NEAR_THRESHOLD),
      webhookUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/ }).max(500)]),
      includeTrackToken: z.boolean(),
      maxAttempts: z.number().int().min(1).max(50),
      timeoutSeconds: z.number().int().min(1).max(60),
      parallelReceivers: z.number().int().min(1).max(16),
      expireMinutes: z.number().int().min(0).max(24 * 60),
    }).partial(),
    remoteQueue: z.object({
      enabled: z.boolean(),
      arrivalRule: z.enum(['keep', 'join']),
      expireMinutes: z.number().int().min(0).max(24 * 60),
      perDevicePerDay: z.number().int().min(1).max(20),
      perPersonPerDay: z.number().int().min(1).max(20),
      /** Optional for older clients: left out, the hall's default applies. */
      perAddressPerDay: z.number().int().min(0).max(1000).optional(),
      quotas: z.record(id, z.number().int().min(0).max(10_000)),
      // '' = off, 'new' = the hall makes a secret; left out or the current secret sent back leaves it (typed ones are refused by the app).
      doorCode: z.union([z.literal(''), z.string().regex(/^[\w-]{3,64}$/, '"new" to make a door secret, or empty for kiosk check-in only')]).optional(),
    }),
  })
  .partial();

const userBody = z.object({
  username: z.string().regex(/^[a-z0-9_.-]{2,40}$/i, '2–40 letters, digits, _ . -'),
  name: z.string().min(1).max(60),
  role: z.enum(['admin', 'supervisor', 'clerk']),
  password: z.string().min(8, 'at least 8 characters').max(200),
});

const clientBody = z.object({
  kind: z.enum(['kiosk', 'display', 'platform']),
  name: z.string().min(1).max(60),
  config: z.record(z.string(), z.unknown()).default({}),
  revoked: z.boolean().optional(),
});

/** Configuration, staff, device clients and the audit log. Changes apply live. */
export function adminRoutes(deps: Deps) {
  const { config, accounts } = deps;
  return defineRoutes([
    route(replies.Settings)({ method: 'get', path: '/api/v1/admin/settings', summary: 'Hall settings', tag: 'admin', auth: 'config.read', handler: () => {
      deps.hall.notify.checkTargets();
      return { ok: true, settings: deps.settings.get(), serverUrl: deps.ownBaseUrl() };
    } }),
    route(replies.Settings)({
      method: 'patch', path: '/api/v1/admin/settings', summary: 'Change hall settings', tag: 'admin', auth: 'config.write', body: settingsBody,
      handler: (req) => ({ ok: true, settings: config.updateSettings(req.body, actorOf(req.principal)) }),
    }),
    route(replies.DepartmentSaved)({
      method: 'put', path: '/api/v1/admin/departments/:id', summary: 'Create or change a department', tag: 'admin', auth: 'config.write',
      body: z.object({ name: localized, zone: z.string().max(40).optional() }),
      handler: (req) => ({ ok: true, department: config.saveDepartment({ id: req.params.id, ...req.body }, actorOf(req.principal)) }),
    }),
    route(replies.ServiceDefs)({ method: 'get', path: '/api/v1/admin/services', summary: 'Services with full configuration', tag: 'admin', auth: 'config.read', handler: () => ({ ok: true, services: config.services() }) }),
    route(replies.ServiceSaved)({
      method: 'post', path: '/api/v1/admin/services', summary: 'Create a service', tag: 'admin', auth: 'config.write', body: serviceBody, status: 201,
      handler: (req) => ({ ok: true, service: config.saveService(req.body, actorOf(req.principal)) }),
    }),
    route(replies.ServiceSaved)({
      method: 'put', path: '/api/v1/admin/services/:id', summary: 'Change a service', tag: 'admin', auth: 'config.write', body: serviceBody,
      handler: (req) => ({ ok: true, service: config.saveService({ ...req.body, id: req.params.id }, actorOf(req.principal), true) }),
    }),
    route(replies.WindowDefs)({ method: 'get', path: '/api/v1/admin/windows', summary: 'Windows with full configuration', tag: 'admin', auth: 'config.read', handler: () => ({ ok: true, windows: config.windows() }) }),
    route(replies.WindowSaved)({
      method: 'post', path: '/api/v1/admin/windows', summary: 'Create a window', tag: 'admin', auth: 'config.write', body: windowBody, status: 201,
      handler: (req) => ({ ok: true, window: config.saveWindow(req.body, actorOf(req.principal)) }),
    }),
    route(replies.WindowSaved)({
      method: 'put', path: '/api/v1/admin/windows/:id', summary: 'Change a window', tag: 'admin', auth: 'config.write', body: windowBody,
      handler: (req) => ({ ok: true, window: config.saveWindow({ ...req.body, id: req.params.id }, actorOf(req.principal), true) }),
    }),
    route(replies.Users)({ method: 'get', path: '/api/v1/admin/users', summary: 'Staff accounts', tag: 'admin', auth: 'users.manage', handler: () => ({ ok: true, users: accounts.users() }) }),
    route(replies.User)({
      method: 'post', path: '/api/v1/admin/users', summary: 'Create a staff account', tag: 'admin', auth: 'users.manage', body: userBody, status: 201,
      handler: async (req) => ({ ok: true, user: await accounts.createUser(req.body, actorOf(req.principal)) }),
    }),
    route(replies.User)({
      method: 'patch', path: '/api/v1/admin/users/:id', summary: 'Change a staff account (name, role, active, password)', tag: 'admin', auth: 'users.manage',
      body: userBody.omit({ username: true }).partial().extend({ active: z.boolean().optional() }),
      handler: async (req) => ({ ok: true, user: await accounts.updateUser(req.params.id, req.body, actorOf(req.principal)) }),
    }),
    route(replies.Clients)({ method: 'get', path: '/api/v1/admin/clients', summary: 'Kiosks and displays', tag: 'admin', auth: 'clients.manage', handler: () => ({ ok: true, clients: accounts.clients() }) }),
    route(replies.ClientSaved)({
      method: 'post', path: '/api/v1/admin/clients', summary: 'Register a kiosk or display', tag: 'admin', auth: 'clients.manage', body: clientBody, status: 201,
      handler: (req) => ({ ok: true, client: config.saveClient(req.body, actorOf(req.principal)) }),
    }),
    route(replies.ClientSaved)({
      method: 'put', path: '/api/v1/admin/clients/:id/agent', summary: 'Bind a kiosk to its kiosk agent (true: tickets are refused with KIOSK_AGENT_OFFLINE while the agent is away) or unbind it', tag: 'admin', auth: 'clients.manage',
      body: z.object({ agent: z.boolean() }),
      handler: (req) => ({ ok: true, client: config.setKioskAgent(req.params.id, req.body.agent, actorOf(req.principal)) }),
    }),
    route(replies.ClientToken)({
      method: 'post', path: '/api/v1/admin/clients/:id/token', summary: 'Issue a new device token (shown once; the old one stops working)', tag: 'admin', auth: 'clients.manage',
      handler: (req) => {
        const r = accounts.issueClientToken(req.params.id, actorOf(req.principal));
        return { ok: true, token: r.token, client: r.client };
      },
    }),
    route(replies.ClientSaved)({
      method: 'post', path: '/api/v1/admin/clients/:id/revoke', summary: 'Revoke a kiosk, display or platform: its token gets 401 and its open sockets end at once (a new token brings it back)', tag: 'admin', auth: 'clients.manage',
      handler: (req) => ({ ok: true, client: accounts.revokeClient(req.params.id, actorOf(req.principal)) }),
    }),
    route(replies.Audit)({
      method: 'get', path: '/api/v1/admin/audit', summary: 'The event log, newest first', tag: 'admin', auth: 'audit.read',
      query: z.object({
        limit: z.coerce.number().int().min(1).max(1000).default(100),
        beforeId: z.coerce.number().int().min(1).optional(),
        type: z.string().max(60).optional(),
        from: z.string().max(40).optional(),
        to: z.string().max(40).optional(),
      }),
      handler: (req) => ({ ok: true, events: config.auditLog(req.query) }),
    }),
  ]);
}
