import { describe, expect, it } from 'vitest';
import { formatEvent } from '../../../../drivers/cli/commands/keypad.js';
import { boardPicture } from '../../../../drivers/cli/commands/led.js';
import { formatListing } from '../../../../drivers/cli/commands/list.js';
import { sampleTicket } from '../../../../drivers/cli/commands/print-test.js';
import { formatStatus, statusJson } from '../../../../drivers/cli/commands/printer-status.js';
import { notPrintable } from '../../../../drivers/printer/readiness.js';
import { describeError, hintFor } from '../../../../drivers/cli/hints.js';
import { parseStatus, encodeStatus } from '../../../../drivers/printer/status.js';
import { DeviceError } from '../../../../drivers/transport/types.js';

const status = (s: Partial<{ online: boolean; coverOpen: boolean; paperOut: boolean; paperNearEnd: boolean; error: boolean }>) =>
  parseStatus(...encodeStatus({ online: true, coverOpen: false, paperOut: false, paperNearEnd: false, error: false, ...s }));

describe('printer status output', () => {
  it('shows every field in words and the raw bytes', () => {
    expect(formatStatus('sim:printer', status({}))).toEqual([
      'Printer sim:printer',
      '  online   yes',
      '  cover    closed',
      '  paper    ok',
      '  error    none',
      '  raw      12 12 12 (DLE EOT 1, 2, 4)',
    ]);
    const lines = formatStatus('x', status({ paperNearEnd: true })).join('\n');
    expect(lines).toMatch(/paper {4}near end/);
    expect(formatStatus('x', status({ coverOpen: true })).join('\n')).toMatch(/cover {4}OPEN/);
    expect(formatStatus('x', status({ error: true })).join('\n')).toMatch(/error {4}YES/);
  });
  it('JSON says paper ok / near-end / out and whether it can print', () => {
    expect(statusJson('u', status({}))).toMatchObject({ online: true, paper: 'ok', printable: true, raw: ['0x12', '0x12', '0x12'] });
    expect(statusJson('u', status({ paperNearEnd: true }))).toMatchObject({ paper: 'near-end', printable: true });
    expect(statusJson('u', status({ paperOut: true }))).toMatchObject({ paper: 'out', printable: false, online: false });
  });
  it('names the most specific reason a printer cannot print', () => {
    expect(notPrintable(status({}), 'u')).toBeUndefined();
    expect(notPrintable(status({ paperOut: true, coverOpen: true }), 'u')?.code).toBe('PAPER_OUT');
    expect(notPrintable(status({ coverOpen: true }), 'u')?.code).toBe('COVER_OPEN');
  });
});

describe('one-line device errors', () => {
  it('name the URI and say what to check', () => {
    const perm = new DeviceError('OPEN_FAILED', 'serial:/dev/ttyUSB0: cannot open serial port /dev/ttyUSB0: Error: Permission denied');
    expect(describeError(perm, 'serial:/dev/ttyUSB0')).toMatch(/^error: serial:\/dev\/ttyUSB0: .*Permission denied — check: .*dialout group/);
    expect(hintFor(new DeviceError('OPEN_FAILED', 'hid:0x1:0x2: cannot open HID device: EACCES'), 'hid:0x1:0x2')).toMatch(/udev rule for hidraw/);
    expect(hintFor(new DeviceError('OPEN_FAILED', 'x: LIBUSB_ERROR_ACCESS'), 'usb:0x1:0x2')).toMatch(/udev rule for the USB device/);
    expect(hintFor(new DeviceError('DRIVER_UNAVAILABLE', 'x: cannot load usb: libusb-1.0.so.0: cannot open shared object file'), 'usb:0x1:0x2')).toMatch(
      /libusb-1.0-0/,
    );
    expect(hintFor(new DeviceError('DEVICE_NOT_FOUND', 'x'), 'serial:/dev/ttyUSB9')).toMatch(/cable.*port name.*list/);
    expect(hintFor(new DeviceError('TIMEOUT', 'x'), 'serial:/dev/ttyUSB0')).toMatch(/baud rate/);
    expect(hintFor(new DeviceError('OPEN_FAILED', 'x: EBUSY'), 'serial:/dev/ttyUSB0')).toMatch(/in use/);
    expect(hintFor(new DeviceError('PAPER_OUT', 'x'), 'sim:printer')).toMatch(/paper roll/);
  });
  it('stay on one line and add the URI when the message lacks it', () => {
    const line = describeError(new Error('first\nsecond'), 'tcp:10.0.0.5:9100');
    expect(line).toBe('error: tcp:10.0.0.5:9100: first second');
    expect(line).not.toContain('\n');
  });
});

describe('listing output', () => {
  it('shows the URI per device and each failing source with its own reason', () => {
    const lines = formatListing(
      {
        serial: { ok: false, reason: 'cannot list serial ports (Linux needs udevadm, Debian package udev): spawn udevadm ENOENT', devices: [] },
        hid: {
          ok: true,
          devices: [{ uri: 'hid:0x1234:0x5678', vendorId: 0x1234, productId: 0x5678, product: 'Evaluator', manufacturer: 'ACME', interface: 0 }],
        },
        usb: { ok: true, devices: [] },
      },
      ['idcard', 'printer'],
    );
    expect(lines[0]).toBe('Serial ports: cannot list — cannot list serial ports (Linux needs udevadm, Debian package udev): spawn udevadm ENOENT');
    expect(lines).toContain('HID devices (1):');
    expect(lines.find((l) => l.includes('hid:0x1234:0x5678'))).toMatch(/ACME, Evaluator, interface 0/);
    expect(lines).toContain('USB devices: none found');
    expect(lines.at(-1)).toBe('Built-in simulators: sim:idcard, sim:printer');
  });
});

describe('keypad, LED and ticket output', () => {
  const at = new Date(2026, 2, 2, 9, 15, 7);
  it('prints one line per event with the grade label', () => {
    expect(formatEvent({ kind: 'key', address: 5, action: 'call-next' }, at)).toBe('09:15:07  window   5  key     call-next');
    expect(formatEvent({ kind: 'rating', address: 12, grade: 5 }, at)).toBe('09:15:07  window  12  rating  5 非常满意');
    expect(formatEvent({ kind: 'rating', address: 1, grade: 1, reason: 3 }, at)).toMatch(/1 非常不满意 \(reason 3\)$/);
  });
  it('draws the board with every line, CJK counted double width', () => {
    expect(boardPicture(['A012', '请到5号窗口'], 2)).toEqual(['+-------------+', '| A012        |', '| 请到5号窗口 |', '+-------------+']);
    expect(boardPicture([], 1)).toEqual(['+----------+', '|          |', '+----------+']);
  });
  it('fills the sample ticket with the hall and a test notice', () => {
    const t = sampleTicket('金水区政务服务中心', 58, at);
    expect(t).toMatchObject({ hallName: '金水区政务服务中心', number: 'A001', paperWidth: 58, issuedAtText: '2026-03-02 09:15' });
    expect(t.notice).toMatch(/测试票/);
  });
});
