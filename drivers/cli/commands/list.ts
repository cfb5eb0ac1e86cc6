import { hexId } from '../../transport/uri.js';
import { listDevices, type DeviceListing, type Listing } from '../../transport/list.js';
import { registeredSimulators } from '../../transport/sim.js';
import { registerSimulators } from '../devices.js';
import { EXIT, UsageError, parse, type Command, type Io } from '../io.js';

const usage = `usage: npm run devices -- list [--json]

Serial ports, HID devices and USB devices this machine sees, with the URI to
use for each. Each source answers on its own: a missing udevadm or libusb is
reported for that source only.`;

export interface ListOptions {
  json: boolean;
}

export function parseListArgs(argv: string[]): ListOptions | 'help' {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' } }, usage);
  if (values.help) return 'help';
  if (positionals.length) throw new UsageError(`list takes no arguments, got: ${positionals.join(' ')}`, usage);
  return { json: values.json === true };
}

function section<T>(title: string, listing: Listing<T>, line: (d: T) => string): string[] {
  if (!listing.ok) return [`${title}: cannot list — ${listing.reason}`];
  if (!listing.devices.length) return [`${title}: none found`];
  return [`${title} (${listing.devices.length}):`, ...listing.devices.map((d) => `  ${line(d)}`.trimEnd())];
}

const extra = (...parts: (string | undefined)[]): string => {
  const s = parts.filter(Boolean).join(', ');
  return s ? `  ${s}` : '';
};

export function formatListing(l: DeviceListing, simulators: string[]): string[] {
  const pad = (s: string) => s.padEnd(34);
  return [
    ...section('Serial ports', l.serial, (d) =>
      pad(d.uri) + extra(d.manufacturer, d.vendorId && d.productId ? `usb ${d.vendorId}:${d.productId}` : undefined, d.serialNumber ? `s/n ${d.serialNumber}` : undefined),
    ),
    '',
    ...section('HID devices', l.hid, (d) =>
      pad(d.uri) + extra(d.manufacturer, d.product, `interface ${d.interface}`, d.usagePage !== undefined ? `usage page ${hexId(d.usagePage)}` : undefined),
    ),
    '',
    ...section('USB devices', l.usb, (d) => pad(d.uri) + extra(`bus ${d.bus} address ${d.address}`, `class ${d.deviceClass}`)),
    '',
    `Built-in simulators: ${simulators.map((s) => `sim:${s}`).join(', ')}`,
  ];
}

async function run(argv: string[], io: Io): Promise<number> {
  const opts = parseListArgs(argv);
  if (opts === 'help') return io.out(usage), EXIT.ok;
  registerSimulators();
  const listing = await listDevices();
  if (opts.json) io.out(JSON.stringify(listing, null, 2));
  else for (const line of formatListing(listing, registeredSimulators())) io.out(line);
  // one source failing is normal on a kiosk without HID; nothing listable at all is not
  const allFailed = !listing.serial.ok && !listing.hid.ok && !listing.usb.ok;
  if (allFailed) io.err('error: no device source could be listed — check: udev (udevadm) and libusb-1.0-0 are installed');
  return allFailed ? EXIT.device : EXIT.ok;
}

export const listCommand: Command = { name: 'list', summary: 'serial ports, HID and USB devices found', usage, run };
