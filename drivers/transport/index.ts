/**
 * Device transports: one small Promise interface over serial, TCP, usblp files,
 * USB bulk, HID and built-in simulators.
 *
 *   const t = createReconnectingTransport('serial:/dev/ttyUSB0?baud=9600');
 *   t.onStatus((s, err) => log.info({ s, err }, 'led bus'));
 *   await t.open();                      // never throws for an absent device
 *   const bus = new LedBus(t, PROFILES['bus-crc16']);
 *
 * `createTransport(uri)` gives a plain transport (open() throws DeviceError).
 * `sim:` URIs need the simulator registered first (registerLedSimulator(), …).
 */
export type { Transport, TransportStatus } from './types.js';
export { DeviceError } from './types.js';
export { createPair, PairEnd } from './pair.js';
export {
  parseUri,
  hexId,
  UriError,
  type TransportUri,
  type SerialUri,
  type TcpUri,
  type UsbUri,
  type FileUri,
  type HidUri,
  type SimUri,
  type Parity,
} from './uri.js';
export { createTransport, createReconnectingTransport, type TransportOptions } from './open.js';
export { ReconnectingTransport, type ReconnectOptions } from './reconnecting.js';
export { registerSimulator, unregisterSimulator, registeredSimulators, openSim, simulatorOf, type SimulatorFactory } from './sim.js';
export { SerialTransport, type SerialOptions, type BindingInterface } from './serial.js';
export { TcpTransport, type TcpOptions } from './tcp.js';
export { FileTransport } from './file.js';
export { checkDeviceFile, checkDeviceUri, deviceFileDir } from './file-policy.js';
export { UsbTransport } from './usb.js';
export { HidTransport } from './hid.js';
export { TransportBase } from './base.js';
export {
  listDevices,
  listSerialPorts,
  listHidDevices,
  listUsbDevices,
  type DeviceListing,
  type Listing,
  type SerialPortEntry,
  type HidEntry,
  type UsbEntry,
} from './list.js';
