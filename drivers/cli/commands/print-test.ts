import { stat } from 'node:fs/promises';
import { Printer } from '../../printer/printer.js';
import { renderAscii } from '../../printer/render.js';
import type { PrinterSimulator, PrintedTicket } from '../../printer/simulator.js';
import type { PaperWidth, TicketLayout } from '../../printer/ticket-layout.js';
import { simulatorOf } from '../../transport/sim.js';
import type { Transport } from '../../transport/types.js';
import { parseUri } from '../../transport/uri.js';
import { isSim, openPlain } from '../devices.js';
import { describeError } from '../hints.js';
import { EXIT, UsageError, oneUri, parse, secondsOption, withTimeout, type Command, type Io } from '../io.js';
import { assertPrintable } from '../../printer/readiness.js';
import { formatStatus } from './printer-status.js';

const usage = `usage: npm run devices -- print-test <uri> [--width 58|80] [--hall NAME] [--no-status] [--timeout S]

Checks the printer status, then prints a sample ticket (number A001). With
sim:printer the virtual printer's rendering is shown here instead of on paper.
  --width 58|80   paper width in mm (default 80)
  --hall NAME     hall name on the ticket (default 政务服务中心)
  --no-status     skip the status check (write-only printers, e.g. file:/dev/usb/lp0?read=0)
  --timeout S     open and status timeout in seconds (default 3)
example: npm run devices -- print-test tcp:192.168.1.50:9100 --width 58 --hall "金水区政务服务中心"`;

export interface PrintTestOptions {
  uri: string;
  width: PaperWidth;
  hall: string;
  checkStatus: boolean;
  timeoutMs: number;
}

export function parsePrintTestArgs(argv: string[]): PrintTestOptions | 'help' {
  const { values, positionals } = parse(
    argv,
    { width: { type: 'string' }, hall: { type: 'string' }, 'no-status': { type: 'boolean' }, timeout: { type: 'string' } },
    usage,
  );
  if (values.help) return 'help';
  const width = values.width ?? '80';
  if (width !== '58' && width !== '80') throw new UsageError(`--width must be 58 or 80, not "${width}"`, usage);
  const hall = values.hall ?? '政务服务中心';
  if (!hall.trim()) throw new UsageError('--hall must not be empty', usage);
  return {
    uri: oneUri(positionals, usage),
    width: Number(width) as PaperWidth,
    hall,
    checkStatus: values['no-status'] !== true,
    timeoutMs: secondsOption('timeout', values.timeout, usage) ?? 3000,
  };
}

export function sampleTicket(hall: string, width: PaperWidth, now = new Date()): TicketLayout {
  const p = (n: number) => String(n).padStart(2, '0');
  return {
    hallName: hall,
    serviceName: '打印测试 Test print',
    number: 'A001',
    peopleAhead: 3,
    estimatedWaitMinutes: 12,
    issuedAtText: `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())} ${p(now.getHours())}:${p(now.getMinutes())}`,
    qrUrl: 'https://onestop.invalid/t/TEST-A001',
    notice: '测试票，请勿使用 / Test ticket, not valid',
    paperWidth: width,
  };
}

/**
 * Why a `file:` URI is opened write-only (so no status reply can ever come back),
 * or null: a plain file (a capture, or a mistyped device path) or `?read=0`.
 */
export async function writeOnlyFile(uri: string): Promise<string | null> {
  let u;
  try {
    u = parseUri(uri);
  } catch {
    return null; // the open reports the bad URI
  }
  if (u.scheme !== 'file') return null;
  if (!u.read) return 'the URI says read=0';
  try {
    return (await stat(u.path)).isCharacterDevice() ? null : `${u.path} is a plain file, not a printer device`;
  } catch {
    return u.path.startsWith('/dev/') ? null : `${u.path} is a plain file, not a printer device`; // a missing /dev node: the open says so
  }
}

async function run(argv: string[], io: Io): Promise<number> {
  const opts = parsePrintTestArgs(argv);
  if (opts === 'help') return io.out(usage), EXIT.ok;
  let t: Transport | undefined;
  let printer: Printer | undefined;
  try {
    if (opts.checkStatus) {
      const why = await writeOnlyFile(opts.uri);
      if (why) {
        io.out(`note: ${opts.uri} is write-only (${why}): no status check, as with --no-status; paper-out cannot be detected on it`);
        opts.checkStatus = false;
      }
    }
    t = await openPlain(opts.uri, opts.timeoutMs);
    printer = new Printer(t, { statusTimeoutMs: opts.timeoutMs, checkStatus: opts.checkStatus });
    if (opts.checkStatus) {
      const status = await printer.status();
      for (const line of formatStatus(opts.uri, status)) io.out(line);
      assertPrintable(status, opts.uri); // refused like any device error below
      if (status.paperNearEnd) io.out('warning: paper near end — printing anyway, change the roll soon');
    }
    const sim = isSim(opts.uri) ? simulatorOf<PrinterSimulator>(t) : undefined;
    const printed: Promise<PrintedTicket> | undefined = sim?.nextTicket();
    const result = await printer.printTicket(sampleTicket(opts.hall, opts.width));
    io.out(`sent sample ticket A001 (${result.bytesWritten} bytes, ${opts.width} mm paper) to ${opts.uri}`);
    if (printed) {
      const ticket = await withTimeout(printed, opts.timeoutMs, `${opts.uri}: virtual printer cutting the ticket`);
      io.out('');
      io.out(`What the virtual printer printed (${opts.width} mm):`);
      for (const line of renderAscii(ticket.items, opts.width).split('\n')) io.out(line);
    }
    return EXIT.ok;
  } catch (err) {
    io.err(describeError(err, opts.uri));
    return EXIT.device;
  } finally {
    printer?.dispose();
    await t?.close().catch(() => undefined);
  }
}

export const printTestCommand: Command = { name: 'print-test', summary: 'print a sample ticket (status checked first)', usage, run };
