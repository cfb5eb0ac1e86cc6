import { describe, expect, it } from 'vitest';
import { parseIdCardArgs } from '../../../../drivers/cli/commands/idcard.js';
import { parseKeypadArgs } from '../../../../drivers/cli/commands/keypad.js';
import { parseLedArgs } from '../../../../drivers/cli/commands/led.js';
import { parseListArgs } from '../../../../drivers/cli/commands/list.js';
import { parsePrintTestArgs } from '../../../../drivers/cli/commands/print-test.js';
import { parsePrinterStatusArgs } from '../../../../drivers/cli/commands/printer-status.js';
import { withParam } from '../../../../drivers/cli/devices.js';
import { UsageError } from '../../../../drivers/cli/io.js';
import { BUS_CRC16 } from '../../../../drivers/led/profiles.js';

const usageError = (f: () => unknown, match: RegExp) => {
  let caught: unknown;
  try {
    f();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(UsageError);
  expect((caught as UsageError).message).toMatch(match);
  expect((caught as UsageError).usage).toMatch(/^usage: npm run devices -- /);
};

describe('list arguments', () => {
  it('takes only --json', () => {
    expect(parseListArgs([])).toEqual({ json: false });
    expect(parseListArgs(['--json'])).toEqual({ json: true });
    expect(parseListArgs(['-h'])).toBe('help');
    usageError(() => parseListArgs(['--jsn']), /Unknown option '--jsn'/);
    usageError(() => parseListArgs(['serial:/dev/ttyS0']), /no arguments/);
  });
});

describe('idcard arguments', () => {
  it('parses the URI, --once, --json and --timeout in seconds', () => {
    expect(parseIdCardArgs(['sim:idcard'])).toEqual({ uri: 'sim:idcard', once: false, json: false });
    expect(parseIdCardArgs(['serial:/dev/ttyUSB0?baud=115200', '--once', '--json', '--timeout', '2.5'])).toEqual({
      uri: 'serial:/dev/ttyUSB0?baud=115200',
      once: true,
      json: true,
      timeoutMs: 2500,
    });
  });
  it('refuses a missing or malformed URI and a bad timeout as usage errors', () => {
    usageError(() => parseIdCardArgs([]), /missing device URI/);
    usageError(() => parseIdCardArgs(['sim:idcard', 'sim:led']), /one device URI expected/);
    usageError(() => parseIdCardArgs(['serial:/dev/x?baud=11520']), /unusual baud rate/);
    usageError(() => parseIdCardArgs(['sim:idcard', '--timeout', 'soon']), /--timeout must be a positive number/);
    usageError(() => parseIdCardArgs(['sim:idcard', '--timeout', '0']), /--timeout/);
  });
});

describe('print-test and printer-status arguments', () => {
  it('defaults to 80 mm, the default hall and a status check', () => {
    expect(parsePrintTestArgs(['sim:printer'])).toEqual({ uri: 'sim:printer', width: 80, hall: '政务服务中心', checkStatus: true, timeoutMs: 3000 });
    expect(parsePrintTestArgs(['tcp:10.0.0.5:9100', '--width', '58', '--hall', '金水区', '--no-status'])).toMatchObject({
      width: 58,
      hall: '金水区',
      checkStatus: false,
    });
  });
  it('refuses other widths and an empty hall', () => {
    usageError(() => parsePrintTestArgs(['sim:printer', '--width', '76']), /--width must be 58 or 80/);
    usageError(() => parsePrintTestArgs(['sim:printer', '--hall', ' ']), /--hall must not be empty/);
    usageError(() => parsePrintTestArgs(['sim:printer', '--width']), /argument missing/);
  });
  it('printer-status takes --json and --timeout', () => {
    expect(parsePrinterStatusArgs(['sim:printer', '--json', '--timeout', '1'])).toEqual({ uri: 'sim:printer', json: true, timeoutMs: 1000 });
    usageError(() => parsePrinterStatusArgs(['--json']), /missing device URI/);
  });
});

describe('led arguments', () => {
  it('resolves the profile and adds it to a sim: URI', () => {
    expect(parseLedArgs(['sim:led', '--profile', 'bus-crc16', '--address', '5', '--text', 'A012', '--line', '2'])).toEqual({
      givenUri: 'sim:led',
      uri: 'sim:led?profile=bus-crc16',
      profile: BUS_CRC16,
      address: 5,
      text: 'A012',
      line: 2,
      clear: false,
      retries: 2,
      timeoutMs: 3000,
    });
  });
  it("gives a serial URI without baud the profile's baud rate, and leaves an explicit one alone", () => {
    const base = ['--profile', 'bus-crc16', '--address', '1', '--clear'];
    expect(parseLedArgs(['serial:/dev/ttyUSB1', ...base])).toMatchObject({ uri: 'serial:/dev/ttyUSB1?baud=19200' });
    expect(parseLedArgs(['serial:/dev/ttyUSB1?baud=9600', ...base])).toMatchObject({ uri: 'serial:/dev/ttyUSB1?baud=9600' });
    expect(parseLedArgs(['sim:led?profile=bus-crc16&address=1', ...base])).toMatchObject({ uri: 'sim:led?profile=bus-crc16&address=1' });
  });
  it('lists the profiles on a bad or missing --profile', () => {
    usageError(() => parseLedArgs(['sim:led', '--profile', 'nope', '--address', '1', '--text', 'x']), /unknown profile "nope".*\n.*window-3a[\s\S]*bus-crc16[\s\S]*strip-xor/);
    usageError(() => parseLedArgs(['sim:led', '--address', '1', '--text', 'x']), /--profile is required[\s\S]*window-3a/);
  });
  it('checks address, line range and that there is something to do', () => {
    const p = ['sim:led', '--profile', 'window-3a'];
    usageError(() => parseLedArgs([...p, '--text', 'x']), /--address is required/);
    usageError(() => parseLedArgs([...p, '--address', '256', '--text', 'x']), /--address 256 is out of range 0..255/);
    usageError(() => parseLedArgs([...p, '--address', '-1', '--text', 'x']), /--address/);
    usageError(() => parseLedArgs([...p, '--address', '1', '--text', 'x', '--line', '3']), /--line 3 is out of range 1..2/);
    usageError(() => parseLedArgs([...p, '--address', '1']), /give --text, --clear, or both/);
  });
});

describe('keypad arguments', () => {
  it('picks the mode from the URI and tells the simulator', () => {
    expect(parseKeypadArgs(['sim:keypad'])).toEqual({ uri: 'sim:keypad?mode=serial', mode: 'serial', hidAddress: 1, json: false });
    expect(parseKeypadArgs(['sim:evaluator', '--mode', 'hid', '--count', '3', '--json'])).toEqual({
      uri: 'sim:evaluator?mode=hid',
      mode: 'hid',
      hidAddress: 1,
      count: 3,
      json: true,
    });
    expect(parseKeypadArgs(['hid:0x1234:0x5678', '--hid-address', '7'])).toMatchObject({ mode: 'hid', hidAddress: 7 });
    expect(parseKeypadArgs(['serial:/dev/ttyUSB2'])).toMatchObject({ mode: 'serial' });
  });
  it('refuses an unknown mode and a zero count', () => {
    usageError(() => parseKeypadArgs(['sim:keypad', '--mode', 'usb']), /--mode must be serial or hid/);
    usageError(() => parseKeypadArgs(['sim:keypad', '--count', '0']), /--count 0 is out of range/);
  });
});

describe('withParam', () => {
  it('adds a query option only when it is absent', () => {
    expect(withParam('sim:led', 'profile', 'x')).toBe('sim:led?profile=x');
    expect(withParam('sim:led?address=3', 'profile', 'x')).toBe('sim:led?address=3&profile=x');
    expect(withParam('sim:led?profile=y', 'profile', 'x')).toBe('sim:led?profile=y');
  });
});
