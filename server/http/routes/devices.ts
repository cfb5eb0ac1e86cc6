import { z } from 'zod';
import { KEYPAD_KEYS } from '../../../common/window-actions.js';
import { replies } from '../../../common/wire/replies.js';
import type { Deps } from '../../app/deps.js';
import { actorOf } from '../../auth/principal.js';
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
    key: z.enum(KEYPAD_KEYS),
  }),
  z.object({ action: z.literal('rate'), address: z.number().int().min(0).max(255), grade: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]) }),
]);

/** Devices: where they are bound, their health, and the demo's simulators. */
export function deviceRoutes(deps: Deps) {
  return defineRoutes([
    route(replies.Devices)({
      method: 'get',
      path: '/api/v1/admin/devices',
      summary: 'Configured devices with their health, and the devices kiosk agents host (agentDevices)',
      tag: 'devices',
      auth: 'config.read',
      handler: () => ({ ok: true, devices: deps.deviceAdmin.list(), agentDevices: deps.devices.agentDevices() }),
    }),
    route(replies.DeviceSaved)({
      method: 'put',
      path: '/api/v1/admin/devices/:id',
      summary: 'Bind a device (by transport URI) to a kiosk, window or the hall; applies at once',
      tag: 'devices',
      auth: 'config.write',
      body: deviceBody,
      handler: async (req) => ({ ok: true, device: await deps.deviceAdmin.bind(req.params.id, req.body, actorOf(req.principal)) }),
    }),
    route(replies.Ok)({
      method: 'delete',
      path: '/api/v1/admin/devices/:id',
      summary: 'Remove a device binding',
      tag: 'devices',
      auth: 'config.write',
      handler: async (req) => {
        await deps.deviceAdmin.unbind(req.params.id, actorOf(req.principal));
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
