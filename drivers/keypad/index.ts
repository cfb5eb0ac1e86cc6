/**
 * Caller keypads (物理叫號器) and evaluators (評價器), serial RS-485 or USB HID.
 *
 *   const t = createReconnectingTransport('serial:/dev/ttyUSB2?baud=9600');   // or 'hid:0x1234:0x5678'
 *   await t.open();
 *   const pads = new KeypadBus(t, { mode: 'serial' });                       // { mode: 'hid', hidAddress: 5 }
 *   pads.onEvent((e) => e.kind === 'key' ? callUseCase(e.address, e.action) : saveRating(e.address, e.grade, e.reason));
 *   await pads.requestRating(5);          // evaluator at window 5 lights up
 *   await pads.showNumber(5, 'A012');     // keypad display line
 *
 * The wire format is documented in protocol.ts (serial) and hid-report.ts (HID).
 * Demo / tests: registerKeypadSimulators(), then 'sim:keypad' / 'sim:evaluator'.
 */
export {
  KEYPAD_FRAME,
  MSG,
  BROADCAST,
  DISPLAY_MAX_BYTES,
  KEY_CODES,
  GRADE_LABELS,
  actionOf,
  isGrade,
  decodeDeviceFrame,
  encodeKey,
  encodeEvaluation,
  encodeAck,
  encodeRateRequest,
  encodeDisplay,
  type KeyAction,
  type Grade,
  type KeypadEvent,
  type DeviceMessage,
} from './protocol.js';
export {
  decodeHidReport,
  encodeHidKey,
  encodeHidRating,
  encodeHidRateRequest,
  encodeHidDisplay,
  decodeHidOutput,
  HID_INPUT_REPORT_ID,
  HID_OUTPUT_REPORT_ID,
  HID_INPUT_LENGTH,
  HID_OUTPUT_LENGTH,
  type HidHostCommand,
} from './hid-report.js';
export { KeypadBus, type KeypadBusOptions } from './driver.js';
export { KeypadSimulator, registerKeypadSimulators, type KeypadSimulatorOptions, type KeypadFaults } from './simulator.js';
