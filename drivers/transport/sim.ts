import { createPair, type PairEnd } from './pair.js';
import type { Transport } from './types.js';
import { DeviceError } from './types.js';
import { parseUri, UriError } from './uri.js';

/**
 * Built-in simulators behind `sim:<name>` URIs. Each driver package registers
 * its own (the transport layer must not know about LED boards or printers);
 * the factory gets the device end of an in-memory pair plus the URI options.
 */
export type SimulatorFactory = (device: Transport, params: Record<string, string>) => unknown;

const registry = new Map<string, SimulatorFactory>();
const attached = new WeakMap<Transport, unknown>();

export function registerSimulator(name: string, factory: SimulatorFactory): void {
  registry.set(name.toLowerCase(), factory);
}

export function unregisterSimulator(name: string): void {
  registry.delete(name.toLowerCase());
}

export function registeredSimulators(): string[] {
  return [...registry.keys()].sort();
}

/**
 * Host end of a pair whose device end is driven by the registered simulator.
 * The host end is returned closed, like every other transport.
 */
export function openSim(uri: string): PairEnd {
  const parsed = parseUri(uri);
  if (parsed.scheme !== 'sim') throw new UriError(uri, 'not a sim: URI');
  const factory = registry.get(parsed.name);
  if (!factory) {
    const known = registeredSimulators();
    throw new DeviceError(
      'DEVICE_NOT_FOUND',
      `${uri}: no simulator registered as "${parsed.name}"${known.length ? ` (registered: ${known.join(', ')})` : ' (none registered yet: call the driver\'s register…Simulator())'}`,
    );
  }
  const { host, device } = createPair(uri);
  void device.open();
  attached.set(host, factory(device, parsed.params));
  return host;
}

/** The simulator object behind a transport made by openSim, for demos and tests. */
export function simulatorOf<T = unknown>(transport: Transport): T | undefined {
  return attached.get(transport) as T | undefined;
}
