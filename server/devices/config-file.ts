import { existsSync, readFileSync } from 'node:fs';
import { checkDeviceUri } from '../../drivers/transport/index.js';
import { fromZod } from '../edge/errors.js';
import type { HallDatabase } from '../store/store.js';
import { SYSTEM } from '../store/event-log.js';
import { devicesFile } from './schema.js';

/**
 * Installers may describe a hall's devices in a JSON file (ONESTOP_DEVICES, or
 * DATA_DIR/devices.json) instead of clicking them into the admin UI. At start
 * the file's bindings are written over those of the same id; others are kept.
 * A broken file stops nothing: it is reported and ignored.
 */
export function applyDevicesFile(store: HallDatabase, file: string, at: string): { applied: number; error?: string } {
  if (!existsSync(file)) return { applied: 0 };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    return { applied: 0, error: `${file}: not valid JSON (${(err as Error).message})` };
  }
  const parsed = devicesFile.safeParse(raw);
  if (!parsed.success) return { applied: 0, error: `${file}: ${fromZod(parsed.error).error.message}` };
  for (const [i, d] of parsed.data.entries()) {
    try {
      checkDeviceUri(d.uri);
    } catch (err) {
      return { applied: 0, error: `${file}: [${i}].uri: ${(err as Error).message}` };
    }
  }
  store.tx(() => {
    for (const d of parsed.data) {
      const device = { ...d, ownerId: d.ownerKind === 'hall' ? null : d.ownerId };
      store.devices.save(device);
      store.events.append({ type: 'config.device.saved', at }, SYSTEM, { ...device, source: file });
    }
  });
  return { applied: parsed.data.length };
}
