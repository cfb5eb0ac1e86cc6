import { FileTransport } from './file.js';
import { HidTransport } from './hid.js';
import { SerialTransport, type SerialOptions } from './serial.js';
import { openSim } from './sim.js';
import { TcpTransport, type TcpOptions } from './tcp.js';
import type { Transport } from './types.js';
import { parseUri } from './uri.js';
import { UsbTransport } from './usb.js';
import { ReconnectingTransport, type ReconnectOptions } from './reconnecting.js';

export interface TransportOptions extends SerialOptions, TcpOptions {}

/**
 * Build the transport a device URI names. Nothing is opened and no native
 * module is loaded until `open()`, so a bad machine fails per device, later.
 * Throws UriError (a DeviceError, code BAD_URI) for malformed URIs.
 */
export function createTransport(uri: string, options: TransportOptions = {}): Transport {
  const cfg = parseUri(uri);
  switch (cfg.scheme) {
    case 'serial':
      return new SerialTransport(uri, cfg, options);
    case 'tcp':
      return new TcpTransport(uri, cfg, options);
    case 'file':
      return new FileTransport(uri, cfg);
    case 'usb':
      return new UsbTransport(uri, cfg);
    case 'hid':
      return new HidTransport(uri, cfg);
    case 'sim':
      return openSim(uri);
  }
}

/**
 * A transport for `uri` that reopens itself after unplug or error (see
 * ReconnectingTransport). A fresh inner transport is built per attempt so a
 * half-dead native handle is never reused.
 */
export function createReconnectingTransport(
  uri: string,
  options: TransportOptions & ReconnectOptions = {},
): ReconnectingTransport {
  parseUri(uri); // fail now on a malformed URI rather than on every retry
  const { initialDelayMs, maxDelayMs, factor, jitter, ...transportOptions } = options;
  const timing = Object.fromEntries(
    Object.entries({ initialDelayMs, maxDelayMs, factor, jitter }).filter(([, v]) => v !== undefined),
  ) as ReconnectOptions;
  // sim: URIs keep one pair so the simulator (and what it shows) survives a reconnect
  if (uri.startsWith('sim:')) return new ReconnectingTransport(createTransport(uri, transportOptions), timing);
  return new ReconnectingTransport(() => createTransport(uri, transportOptions), { ...timing, uri });
}
