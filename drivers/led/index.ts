/**
 * Window and strip LED boards: one configurable framing described as data.
 *
 *   const t = createReconnectingTransport('serial:/dev/ttyUSB1?baud=19200');
 *   await t.open();
 *   const bus = new LedBus(t, getProfile('bus-crc16'), { retries: 2 });
 *   await bus.showLines(5, ['A012', '请到5号窗口']);   // rejects with DeviceError ACK_TIMEOUT / NAK / NOT_OPEN / CLOSED
 *
 * Demo / tests: registerLedSimulator(), then 'sim:led?profile=bus-crc16'; the
 * simulator behind it is `simulatorOf<LedSimulator>(transport)`.
 */
export type { LedProfile, FrameSpec, AckSpec, LedFrame, ChecksumKind, HeaderField, Endian } from './profile.js';
export { WINDOW_3A, BUS_CRC16, STRIP_XOR, PROFILES, getProfile } from './profiles.js';
export { encodeFrame, decodeFrame, BusFrameParser, FrameError } from '../bus/frame.js';
export { sum8, xor8, crc16Modbus } from '../bus/checksum.js';
export {
  encodeText,
  encodeClear,
  encodeBrightness,
  textFrame,
  clearFrame,
  brightnessFrame,
  ackFrame,
  decodeCommand,
  encodeTextBytes,
  decodeTextBytes,
  type LedCommand,
} from './codec.js';
export { LedBus, type LedBusOptions } from './bus.js';
export { LedSimulator, registerLedSimulator, type LedSimulatorOptions, type LedFaults, type BoardState } from './simulator.js';
