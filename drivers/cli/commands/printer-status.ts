import { Printer } from '../../printer/printer.js';
import { notPrintable } from '../../printer/readiness.js';
import type { PrinterStatus } from '../../printer/status.js';
import { openPlain } from '../devices.js';
import { describeError } from '../hints.js';
import { EXIT, oneUri, parse, secondsOption, yesNo, type Command, type Io } from '../io.js';

const usage = `usage: npm run devices -- printer-status <uri> [--json] [--timeout S]

Asks the printer DLE EOT 1, 2 and 4 and shows online, cover, paper and error.
Exit 0 when the printer can print (paper near end included), 1 when it cannot
or does not answer.
  --json        one JSON object
  --timeout S   open and per-query timeout in seconds (default 3)
example: npm run devices -- printer-status serial:/dev/ttyUSB0?baud=9600`;

export interface PrinterStatusOptions {
  uri: string;
  json: boolean;
  timeoutMs: number;
}

export function parsePrinterStatusArgs(argv: string[]): PrinterStatusOptions | 'help' {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' }, timeout: { type: 'string' } }, usage);
  if (values.help) return 'help';
  return { uri: oneUri(positionals, usage), json: values.json === true, timeoutMs: secondsOption('timeout', values.timeout, usage) ?? 3000 };
}

export function paperText(s: PrinterStatus): 'ok' | 'near-end' | 'out' {
  return s.paperOut ? 'out' : s.paperNearEnd ? 'near-end' : 'ok';
}

export function statusJson(uri: string, s: PrinterStatus) {
  return {
    uri,
    online: s.online,
    coverOpen: s.coverOpen,
    paper: paperText(s),
    error: s.error,
    printable: !notPrintable(s, uri),
    raw: s.raw.map((b) => `0x${b.toString(16).padStart(2, '0')}`),
  };
}

export function formatStatus(uri: string, s: PrinterStatus): string[] {
  const paper = paperText(s);
  return [
    `Printer ${uri}`,
    `  online   ${yesNo(s.online)}`,
    `  cover    ${s.coverOpen ? 'OPEN' : 'closed'}`,
    `  paper    ${paper === 'ok' ? 'ok' : paper === 'near-end' ? 'near end (change the roll soon)' : 'OUT'}`,
    `  error    ${s.error ? 'YES (cutter jam or head overheat)' : 'none'}`,
    `  raw      ${s.raw.map((b) => b.toString(16).padStart(2, '0')).join(' ')} (DLE EOT 1, 2, 4)`,
  ];
}

/** Open, query once, close. Throws DeviceError. */
export async function readPrinterStatus(uri: string, timeoutMs: number): Promise<PrinterStatus> {
  const t = await openPlain(uri, timeoutMs);
  const printer = new Printer(t, { statusTimeoutMs: timeoutMs });
  try {
    return await printer.status();
  } finally {
    printer.dispose();
    await t.close().catch(() => undefined);
  }
}

async function run(argv: string[], io: Io): Promise<number> {
  const opts = parsePrinterStatusArgs(argv);
  if (opts === 'help') return io.out(usage), EXIT.ok;
  let status: PrinterStatus;
  try {
    status = await readPrinterStatus(opts.uri, opts.timeoutMs);
  } catch (err) {
    io.err(describeError(err, opts.uri));
    return EXIT.device;
  }
  if (opts.json) io.out(JSON.stringify(statusJson(opts.uri, status)));
  else for (const line of formatStatus(opts.uri, status)) io.out(line);
  const reason = notPrintable(status, opts.uri);
  if (reason) {
    io.err(describeError(reason, opts.uri));
    return EXIT.device;
  }
  return EXIT.ok;
}

export const printerStatusCommand: Command = { name: 'printer-status', summary: 'printer online / cover / paper / error (DLE EOT)', usage, run };
