/**
 * One line an installer can act on: what went wrong on which URI, and what to
 * check (cable, permissions, udev rules, a missing system library). The driver
 * messages already say what happened; this adds where to look.
 */
import { DeviceError } from '../transport/types.js';

const scheme = (uri: string): string => /^([a-z]+):/i.exec(uri)?.[1]?.toLowerCase() ?? '';

/** What to check, or '' when the message says it all. */
export function hintFor(err: unknown, uri: string): string {
  const code = err instanceof DeviceError ? err.code : '';
  const text = `${(err as Error)?.message ?? err} ${String((err as { cause?: unknown })?.cause ?? '')}`;
  const s = scheme(uri);
  // case-sensitive: LIBUSB_ERROR_ACCESS is a permission problem, not a missing library
  if (/libusb-1\.0|libusb\.so|libudev|cannot open shared object/.test(text) || (code === 'DRIVER_UNAVAILABLE' && (s === 'usb' || s === 'hid'))) {
    return 'the native USB/HID library is missing: sudo apt-get install libusb-1.0-0 libudev1, then npm rebuild';
  }
  if (code === 'DRIVER_UNAVAILABLE') return 'the native serial binding did not load: run npm rebuild (needs build-essential)';
  if (/EACCES|permission denied|LIBUSB_ERROR_ACCESS|not permitted/i.test(text)) {
    if (s === 'serial') return 'permissions: add the user to the dialout group (sudo usermod -aG dialout $USER) and log in again';
    if (s === 'hid') return 'permissions: add a udev rule for hidraw (SUBSYSTEM=="hidraw", ATTRS{idVendor}=="…", MODE="0660", GROUP="plugdev") and replug';
    if (s === 'usb') return 'permissions: add a udev rule for the USB device (SUBSYSTEM=="usb", ATTR{idVendor}=="…", MODE="0660", GROUP="plugdev") and replug';
    if (s === 'file') return 'permissions: add the user to the lp group (sudo usermod -aG lp $USER) and log in again';
  }
  if (/EBUSY|resource busy|cannot lock|LIBUSB_ERROR_BUSY/i.test(text)) {
    return 'the device is in use: stop the hall server / device agent (or another program) that has it open';
  }
  switch (code) {
    case 'DEVICE_NOT_FOUND':
      if (s === 'serial') return 'is the cable plugged in and the port name right? (npm run devices -- list)';
      if (s === 'hid') return 'is the USB cable plugged in and are the ids right? (npm run devices -- list); without a udev rule the device is invisible';
      if (s === 'usb') return 'is the USB cable plugged in and are the ids right? (npm run devices -- list)';
      if (s === 'sim') return 'simulators: sim:printer, sim:idcard, sim:led, sim:keypad, sim:evaluator';
      return 'is the device connected and the address right?';
    case 'OPEN_FAILED':
      if (s === 'tcp') return 'the IP address, the network cable and that the device listens on that port';
      return 'the cable and the permissions';
    case 'TIMEOUT':
    case 'ACK_TIMEOUT':
      if (s === 'serial') return 'power, the cable (TX/RX; A/B on RS-485) and the baud rate (?baud=…)';
      if (s === 'tcp') return 'that the device is powered and the IP address is right';
      if (s === 'file' && code === 'TIMEOUT') {
        return 'this device file gives no status replies (usblp printers often do not): run again with --no-status, and bind the printer with ?read=0 and option checkStatus false';
      }
      return 'power and the cable';
    case 'NAK':
      return 'the board refused the command: check the profile and the address';
    case 'SAM_FAULT':
      return 'the reader\'s security module failed its self-test: power-cycle the reader, then call the vendor';
    case 'PAPER_OUT':
      return 'load a new paper roll';
    case 'COVER_OPEN':
      return 'close the printer cover';
    case 'PRINTER_ERROR':
      return 'clear the cutter jam or let the head cool, then power-cycle the printer';
    case 'OFFLINE':
      return 'that the printer is switched on and not held offline by the feed button';
    case 'BAD_REPLY':
      return 'the baud rate and that this port really is the printer (the reply is not ESC/POS status)';
    case 'DISCONNECTED':
      return 'the cable (the device went away)';
    default:
      return '';
  }
}

/** `error: <what happened, naming the URI> — check: <hint>` on one line. */
export function describeError(err: unknown, uri: string): string {
  const raw = err instanceof Error ? err.message : String(err);
  const message = raw.replace(/\s*\n\s*/g, ' ');
  const named = message.includes(uri) ? message : `${uri}: ${message}`;
  const hint = hintFor(err, uri);
  return `error: ${named}${hint ? ` — check: ${hint}` : ''}`;
}
