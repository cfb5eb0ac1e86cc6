/**
 * Second-generation ID card reader (SAM protocol, GA 467).
 *
 *   const reader = new IdCardReader(transport, { pollIntervalMs: 300 });
 *   reader.on('card', (c) => { maskName(c.name); maskIdNumber(c.idNumber); c.birthDate; });
 *   reader.on('error', (e) => log(e.code, e.message));   // DeviceError: TIMEOUT, SAM_FAULT,
 *   //   READ_FAILED, CARD_TYPE_UNSUPPORTED, INVALID_CARD_DATA, BAD_CHECKSUM, DISCONNECTED…
 *   reader.on('status', (s) => health(s.state));        // connecting | ready | disconnected | stopped
 *   reader.start();   // opens the transport if needed, checks the SAM, polls; reconnects by itself
 *   await reader.stop();
 *
 * A card is reported once per placement; the photo is never kept. The card
 * fields are in clear: mask / HMAC them before they go anywhere.
 * Demo and tests: registerIdCardSimulator() then 'sim:idcard?card=resident', or
 * `new IdCardSimulator(deviceEnd).placeCard(DEMO_RESIDENT)` on the device end of createPair().
 */
export { IdCardReader, type IdCardReaderOptions, type ReaderStatus, type ReaderState } from './reader.js';
export { decodeIdText, encodeIdText, TEXT_LENGTH, type IdCardText, type IdCardTextInput, type Gender, type CardType } from './text.js';
export { maskName, maskIdNumber, ageAt } from './mask.js';
export { isValidIdNumber, idCheckDigit } from './id-number.js';
export { NATIONS, nationName } from './nations.js';
export {
  PREAMBLE,
  COMMANDS,
  SW3,
  SW3_MEANING,
  describeSw3,
  encodeFrame,
  encodeCommand,
  encodeReply,
  decodeFrame,
  bodyToReply,
  bodyToCommand,
  splitReadData,
  type Command,
  type CommandName,
  type Reply,
} from './frame.js';
export { SamFrameParser, type ParserProblem } from './sam-parser.js';
export { DEMO_RESIDENT, DEMO_HMT_PERMIT } from './demo-cards.js';
export { IdCardSimulator, registerIdCardSimulator, fakePhoto, readReply, PHOTO_LENGTH, type SimFault, type IdCardSimOptions } from './simulator.js';
