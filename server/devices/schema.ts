import { z } from 'zod';

/** A device binding, as the admin API and the devices file accept it. */
export const deviceBinding = z.object({
  kind: z.enum(['printer', 'idcard', 'led', 'keypad', 'evaluator']),
  uri: z.string().min(4).max(300),
  ownerKind: z.enum(['kiosk', 'window', 'hall']),
  ownerId: z.string().min(1).max(100).nullable().default(null),
  options: z.record(z.string(), z.unknown()).default({}),
  enabled: z.boolean().default(true),
});

export const devicesFile = z.array(deviceBinding.extend({ id: z.string().regex(/^[\w.-]{1,60}$/, 'letters, digits, _ . - (up to 60)') })).max(500);
