import { LedBus } from '../../led/bus.js';
import { FrameError } from '../../bus/frame.js';
import { PROFILES } from '../../led/profiles.js';
import type { LedProfile } from '../../led/profile.js';
import type { LedSimulator } from '../../led/simulator.js';
import { simulatorOf } from '../../transport/sim.js';
import type { Transport } from '../../transport/types.js';
import { isSim, openPlain, withParam } from '../devices.js';
import { describeError } from '../hints.js';
import { EXIT, UsageError, intOption, oneUri, parse, secondsOption, type Command, type Io } from '../io.js';

const profileList = (): string => Object.values(PROFILES).map((p) => `  ${p.name.padEnd(10)} ${p.description}`).join('\n');

const usage = `usage: npm run devices -- led <uri> --profile P --address N [--text T] [--line L] [--clear] [--retries R] [--timeout S]

Sends text to one LED board and waits for its ack when the profile has one.
With sim:led the simulated board's display is shown. A serial URI without
?baud= gets the profile's baud rate.
  --profile P   board model (see below)
  --address N   board address (the window number it is set to)
  --text T      text for the line; with --clear, sent after clearing
  --line L      line number, 1-based (default 1)
  --clear       blank the board first
  --retries R   extra attempts after a missing ack (default 2)
  --timeout S   open timeout in seconds (default 3)
profiles:
${profileList()}
example: npm run devices -- led serial:/dev/ttyUSB1 --profile bus-crc16 --address 5 --text "A012 请到5号窗口"`;

export interface LedOptions {
  uri: string;
  /** As typed, before the profile's baud / name was added. */
  givenUri: string;
  profile: LedProfile;
  address: number;
  text?: string;
  line: number;
  clear: boolean;
  retries: number;
  timeoutMs: number;
}

export function parseLedArgs(argv: string[]): LedOptions | 'help' {
  const { values, positionals } = parse(
    argv,
    {
      profile: { type: 'string' },
      address: { type: 'string' },
      text: { type: 'string' },
      line: { type: 'string' },
      clear: { type: 'boolean' },
      retries: { type: 'string' },
      timeout: { type: 'string' },
    },
    usage,
  );
  if (values.help) return 'help';
  const uri = oneUri(positionals, usage);
  if (!values.profile) throw new UsageError(`--profile is required; known profiles:\n${profileList()}`, usage);
  const profile = PROFILES[values.profile];
  if (!profile) throw new UsageError(`unknown profile "${values.profile}"; known profiles:\n${profileList()}`, usage);
  if (values.address === undefined) throw new UsageError('--address is required', usage);
  const maxAddress = profile.frame.addressWidth === 2 ? 0xffff : 0xff;
  const address = intOption('address', values.address, 0, maxAddress, usage)!;
  const line = intOption('line', values.line, 1, profile.text.lines, usage) ?? 1;
  if (values.text === undefined && !values.clear) throw new UsageError('give --text, --clear, or both', usage);
  return {
    givenUri: uri,
    uri: isSim(uri) ? withParam(uri, 'profile', profile.name) : /^serial:/i.test(uri) && !/[?&]baud(Rate)?=/.test(uri) ? withParam(uri, 'baud', String(profile.serial.baudRate)) : uri,
    profile,
    address,
    ...(values.text !== undefined ? { text: values.text } : {}),
    line,
    clear: values.clear === true,
    retries: intOption('retries', values.retries, 0, 10, usage) ?? 2,
    timeoutMs: secondsOption('timeout', values.timeout, usage) ?? 3000,
  };
}

/** Counts frames written, so the report can say how many attempts an ack took. */
function counting(t: Transport): { transport: Transport; writes: () => number } {
  let n = 0;
  const transport: Transport = {
    get uri() {
      return t.uri;
    },
    get status() {
      return t.status;
    },
    open: () => t.open(),
    close: () => t.close(),
    onData: (l) => t.onData(l),
    onStatus: (l) => t.onStatus(l),
    write: (d) => (n++, t.write(d)),
  };
  return { transport, writes: () => n };
}

export function boardPicture(lines: string[], rows: number): string[] {
  const shown = Array.from({ length: rows }, (_, i) => lines[i] ?? '');
  const width = Math.max(8, ...shown.map((l) => [...l].reduce((w, ch) => w + (ch.codePointAt(0)! < 0x80 ? 1 : 2), 0)));
  const pad = (l: string) => l + ' '.repeat(width - [...l].reduce((w, ch) => w + (ch.codePointAt(0)! < 0x80 ? 1 : 2), 0));
  return [`+${'-'.repeat(width + 2)}+`, ...shown.map((l) => `| ${pad(l)} |`), `+${'-'.repeat(width + 2)}+`];
}

async function run(argv: string[], io: Io): Promise<number> {
  const opts = parseLedArgs(argv);
  if (opts === 'help') return io.out(usage), EXIT.ok;
  const { profile, address } = opts;
  if (opts.uri !== opts.givenUri) io.out(`using ${opts.uri}`);
  let t: Transport | undefined;
  let bus: LedBus | undefined;
  try {
    t = await openPlain(opts.uri, opts.timeoutMs);
    const c = counting(t);
    bus = new LedBus(c.transport, profile, { retries: opts.retries });
    const acked = profile.ack && address !== profile.broadcastAddress;
    const report = (what: string, before: number) => {
      const attempts = c.writes() - before;
      if (!acked) io.out(`${what}: sent${profile.ack ? ' (broadcast: boards never ack)' : ` (${profile.name} boards never ack: look at the board)`}`);
      else io.out(`${what}: acked by board ${address}${attempts > 1 ? ` after ${attempts} attempts (${attempts - 1} retr${attempts === 2 ? 'y' : 'ies'})` : ' on the first attempt'}`);
    };
    if (opts.clear) {
      const before = c.writes();
      await bus.clear(address);
      report('clear', before);
    }
    if (opts.text !== undefined) {
      const before = c.writes();
      await bus.showText(address, opts.text, opts.line);
      report(`line ${opts.line} "${opts.text}"`, before);
    }
    const sim = isSim(opts.uri) ? simulatorOf<LedSimulator>(t) : undefined;
    if (sim) {
      if (!profile.ack) await new Promise((r) => setTimeout(r, 30)); // no ack to wait for: let the board take the frame
      io.out(`Simulated board ${address} (${profile.name}) shows:`);
      for (const l of boardPicture(sim.lines(address), profile.text.lines)) io.out(l);
    }
    return EXIT.ok;
  } catch (err) {
    if (err instanceof FrameError) throw new UsageError(err.message, usage); // text too long / not encodable: the input, not the board
    io.err(describeError(err, opts.uri));
    return EXIT.device;
  } finally {
    bus?.dispose();
    await t?.close().catch(() => undefined);
  }
}

export const ledCommand: Command = { name: 'led', summary: 'send text to an LED board, check the ack', usage, run };
