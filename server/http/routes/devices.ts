import { z } from 'zod';
import { KEYPAD_WINDOW_ACTIONS } from '../../../common/window-actions.js';
import { replies } from '../../../common/wire/replies.js';
import { checkDeviceUri, DeviceError } from '../../../drivers/transport/index.js';
import type { Deps } from '../../app/deps.js';
import { actorOf } from '../../auth/principal.js';
import { DomainError } from '../../domain/errors.js';
import { simulate, type SimAction } from '../../devices/simulate.js';
import { deviceBinding } from '../../devices/schema.js';
import { route, defineRoutes } from '../route.js';

const deviceBody = deviceBinding;

const simBody = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('place-card'),
    card: z
      .union([
        z.enum(['resident', 'hmt']),
        z.object({
          name: z.string().min(1).max(15),
          idNumber: z.string().length(18),
          birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
          gender: z.enum(['male', 'female']).default('male'),
          nationCode: z.string().regex(/^\d{2}$/).default('01'),
          address: z.string().max(35).default('河南省'),
          authority: z.string().max(15).default('公安局'),
          validFrom: z.string().default('2020-01-01'),
          validTo: z.string().default('2040-01-01'),
        }),
      ])
      .optional(),
  }),
  z.object({ action: z.literal('remove-card') }),
  z.object({ action: z.literal('paper'), paper: z.enum(['ok', 'near-end', 'out']) }),
  z.object({ action: z.literal('cover'), open: z.boolean() }),
  z.object({ action: z.literal('offline'), offline: z.boolean() }),
  z.object({ action: z.literal('last-ticket') }),
  z.object({ action: z.literal('shown'), address: z.number().int().min(0).max(255).optional() }),
  z.object({
    action: z.literal('press'),
    address: z.number().int().min(0).max(255),
    key: z.enum([...KEYPAD_WINDOW_ACTIONS, 'rate-request']),
  }),
  z.object({ action: z.literal('rate'), address: z.number().int().min(0).max(255), grade: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]) }),
]);

/** Devices: where they are bound, their health, and the demo's simulators. */
export function deviceRoutes(deps: Deps) {
  const { store } = deps.ctx;
  return defineRoutes([
    route(replies.Devices)({
      method: 'get',
      path: '/api/v1/admin/devices',
      summary: 'Configured devices with their health, and the devices kiosk agents host (agentDevices)',
      tag: 'devices',
      auth: 'config.read',
      handler: () => {
        const all = deps.devices.health();
        const health = new Map(all.map((h) => [h.id, h]));
        const devices = store.devices.list().map((d) => ({ ...d, health: health.get(d.id) ?? { state: d.enabled ? 'unavailable' : 'disabled' } }));
        return { ok: true, devices, agentDevices: deps.devices.agentDevices() };
      },
    }),
    route(replies.DeviceSaved)({
      method: 'put',
      path: '/api/v1/admin/devices/:id',
      summary: 'Bind a device (by transport URI) to a kiosk, window or the hall; applies at once',
      tag: 'devices',
      auth: 'config.write',
      body: deviceBody,
      handler: async (req) => {
        try {
          checkDeviceUri(req.body.uri);
        } catch (err) {
          const refused = err instanceof DeviceError && err.code === 'FILE_NOT_ALLOWED';
          throw new DomainError(refused ? 'INVALID_DEVICE_FILE' : 'INVALID_DEVICE_URI', (err as Error).message, 'uri');
        }
        const { ownerKind, ownerId } = req.body;
        if (ownerKind === 'kiosk' && !(ownerId && store.auth.client(ownerId)?.kind === 'kiosk')) {
          throw new DomainError('KIOSK_NOT_FOUND', `There is no kiosk "${ownerId}"`, 'ownerId');
        }
        if (ownerKind === 'window' && !(ownerId && store.config.window(ownerId))) {
          throw new DomainError('WINDOW_NOT_FOUND', `There is no window "${ownerId}"`, 'ownerId');
        }
        const device = { id: req.params.id, ...req.body, ownerId: ownerKind === 'hall' ? null : ownerId };
        store.tx(() => {
          store.devices.save(device);
          store.events.append({ type: 'config.device.saved', at: deps.ctx.now().toISOString() }, actorOf(req.principal), device);
        });
        await deps.devices.reload();
        return { ok: true, device };
      },
    }),
    route(replies.Ok)({
      method: 'delete',
      path: '/api/v1/admin/devices/:id',
      summary: 'Remove a device binding',
      tag: 'devices',
      auth: 'config.write',
      handler: async (req) => {
        if (!store.devices.remove(req.params.id)) throw new DomainError('DEVICE_NOT_FOUND', `There is no device "${req.params.id}"`, 'id');
        store.events.append({ type: 'config.device.removed', at: deps.ctx.now().toISOString() }, actorOf(req.principal), { id: req.params.id });
        await deps.devices.reload();
        return { ok: true };
      },
    }),
    route(replies.Simulated)({
      method: 'post',
      path: '/api/v1/admin/devices/:id/simulate',
      summary: 'Drive a sim: device (place an ID card, paper out, press a keypad key…)',
      tag: 'devices',
      auth: 'config.write',
      body: simBody,
      handler: async (req) => ({ ok: true, ...(await simulate(deps.devices.handle(req.params.id), req.body as SimAction)) }),
    }),
  ]);
}
