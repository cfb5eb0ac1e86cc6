/**
 * Opening devices for the CLI: one-shot commands get a plain transport opened
 * under a timeout; long-running ones (keypad, ID reader) a reconnecting one
 * that must connect once before we start, so a wrong port fails at once.
 */
import { registerIdCardSimulator } from '../idcard/simulator.js';
import { registerKeypadSimulators } from '../keypad/simulator.js';
import { registerLedSimulator } from '../led/simulator.js';
import { registerPrinterSimulator } from '../printer/simulator.js';
import { createTransport, createReconnectingTransport } from '../transport/open.js';
import { ReconnectingTransport } from '../transport/reconnecting.js';
import type { Transport } from '../transport/types.js';
import { DeviceError } from '../transport/types.js';
import { withTimeout } from './io.js';

let registered = false;

/** sim:printer, sim:idcard, sim:led, sim:keypad, sim:evaluator. */
export function registerSimulators(): void {
  if (registered) return;
  registered = true;
  registerPrinterSimulator();
  registerIdCardSimulator();
  registerLedSimulator();
  registerKeypadSimulators();
}

export const isSim = (uri: string): boolean => /^sim:/i.test(uri);

/** Add `key=value` to a URI's query unless the key is already there. */
export function withParam(uri: string, key: string, value: string): string {
  const [base, query = ''] = uri.split(/\?(.*)/s, 2);
  const parts = query.split('&').filter(Boolean);
  if (parts.some((p) => p.split('=')[0] === key)) return uri;
  return `${base}?${[...parts, `${key}=${encodeURIComponent(value)}`].join('&')}`;
}

/** Plain transport, opened within `timeoutMs`; closed again if the open fails. */
export async function openPlain(uri: string, timeoutMs: number): Promise<Transport> {
  registerSimulators();
  const t = createTransport(uri);
  try {
    await withTimeout(t.open(), timeoutMs, `${uri}: opening the device`);
  } catch (err) {
    await t.close().catch(() => undefined);
    throw err;
  }
  return t;
}

/**
 * A reconnecting transport whose first open must succeed. Returns the plain
 * inner transport too for sim: URIs, so the simulator behind it can be reached.
 */
export async function openReconnecting(uri: string, timeoutMs: number): Promise<{ transport: ReconnectingTransport; sim?: Transport }> {
  registerSimulators();
  let sim: Transport | undefined;
  let transport: ReconnectingTransport;
  if (isSim(uri)) {
    sim = createTransport(uri);
    transport = new ReconnectingTransport(sim, { initialDelayMs: 500, maxDelayMs: 5000 });
  } else {
    transport = createReconnectingTransport(uri, { initialDelayMs: 500, maxDelayMs: 5000 });
  }
  await withTimeout(transport.open(), timeoutMs, `${uri}: opening the device`).catch(async (err) => {
    await transport.close();
    throw err;
  });
  if (transport.status !== 'connected') {
    const cause = transport.lastError;
    await transport.close();
    throw cause ?? new DeviceError('OPEN_FAILED', `${uri}: could not open the device`);
  }
  return { transport, sim };
}
