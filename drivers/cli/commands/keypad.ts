import { KeypadBus } from '../../keypad/driver.js';
import { GRADE_LABELS, type KeyAction, type KeypadEvent } from '../../keypad/protocol.js';
import type { KeypadSimulator } from '../../keypad/simulator.js';
import { simulatorOf } from '../../transport/sim.js';
import type { Transport } from '../../transport/types.js';
import { isSim, openReconnecting, withParam } from '../devices.js';
import { describeError } from '../hints.js';
import { EXIT, UsageError, aborted, clock, intOption, oneUri, parse, sleep, type Command, type Io } from '../io.js';

const usage = `usage: npm run devices -- keypad <uri> [--mode serial|hid] [--hid-address N] [--count N] [--json]

Shows caller-keypad key presses and evaluator ratings as they arrive, until
Ctrl-C. With sim:keypad / sim:evaluator a demo sequence is pressed by itself.
  --mode serial|hid  wire format (default hid for hid: URIs, serial otherwise)
  --hid-address N    window number reported for a HID device (default 1)
  --count N          exit after N events
  --json             one JSON object per line: {"event":"key"|"rating",…}
example: npm run devices -- keypad serial:/dev/ttyUSB2?baud=9600 --count 3`;

export interface KeypadOptions {
  uri: string;
  mode: 'serial' | 'hid';
  hidAddress: number;
  count?: number;
  json: boolean;
}

export function parseKeypadArgs(argv: string[]): KeypadOptions | 'help' {
  const { values, positionals } = parse(
    argv,
    { mode: { type: 'string' }, 'hid-address': { type: 'string' }, count: { type: 'string' }, json: { type: 'boolean' } },
    usage,
  );
  if (values.help) return 'help';
  let uri = oneUri(positionals, usage);
  const mode = values.mode ?? (/^hid:/i.test(uri) || /[?&]mode=hid\b/.test(uri) ? 'hid' : 'serial');
  if (mode !== 'serial' && mode !== 'hid') throw new UsageError(`--mode must be serial or hid, not "${mode}"`, usage);
  if (isSim(uri)) uri = withParam(uri, 'mode', mode); // the simulated device must speak what we listen for
  const count = intOption('count', values.count, 1, 1_000_000, usage);
  return {
    uri,
    mode,
    hidAddress: intOption('hid-address', values['hid-address'], 1, 254, usage) ?? 1,
    ...(count !== undefined ? { count } : {}),
    json: values.json === true,
  };
}

export function formatEvent(e: KeypadEvent, at = new Date()): string {
  if (e.kind === 'key') return `${clock(at)}  window ${String(e.address).padStart(3)}  key     ${e.action}`;
  return `${clock(at)}  window ${String(e.address).padStart(3)}  rating  ${e.grade} ${GRADE_LABELS[e.grade]}${e.reason ? ` (reason ${e.reason})` : ''}`;
}

/** What the simulator does by itself so the command demonstrates itself. */
const DEMO: Array<[number, KeyAction | 1 | 2 | 3 | 4 | 5]> = [
  [5, 'call-next'],
  [5, 'recall'],
  [5, 'rate-request'],
  [5, 5],
  [3, 'call-next'],
  [3, 'finish'],
  [3, 4],
];

async function demo(sim: KeypadSimulator, signal: AbortSignal, stop: () => boolean): Promise<void> {
  for (let i = 0; !signal.aborted && !stop(); i++) {
    await sleep(i === 0 ? 100 : 400);
    const [address, what] = DEMO[i % DEMO.length];
    if (typeof what === 'number') await sim.rate(address, what);
    else await sim.press(address, what);
  }
}

async function run(argv: string[], io: Io): Promise<number> {
  const opts = parseKeypadArgs(argv);
  if (opts === 'help') return io.out(usage), EXIT.ok;
  let transport, sim: Transport | undefined;
  try {
    ({ transport, sim } = await openReconnecting(opts.uri, 5000));
  } catch (err) {
    io.err(describeError(err, opts.uri));
    return EXIT.device;
  }
  const bus = new KeypadBus(transport, { mode: opts.mode, hidAddress: opts.hidAddress });
  let events = 0;
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  bus.onEvent((e) => {
    if (opts.count !== undefined && events >= opts.count) return;
    events++;
    io.out(opts.json ? JSON.stringify({ event: e.kind, ...e, kind: undefined, at: new Date().toISOString() }) : formatEvent(e));
    if (events === opts.count) finish();
  });
  bus.onError((e) => io.err(`warning: ${opts.uri}: ${e.message}`));
  const offStatus = transport.onStatus((s, err) => {
    if (s === 'disconnected' || s === 'error') io.err(describeError(err ?? new Error(`device ${s}, reconnecting…`), opts.uri));
    else if (s === 'connected') io.err(`${opts.uri}: connected again`);
  });
  if (!opts.json) io.out(`Listening on ${opts.uri} (${opts.mode})${opts.count ? `, ${opts.count} event(s)` : ''} — press keys, Ctrl-C to stop`);
  const device = sim ? simulatorOf<KeypadSimulator>(sim) : undefined;
  if (device) void demo(device, io.signal, () => opts.count !== undefined && events >= opts.count).catch(() => undefined);
  void aborted(io.signal).then(finish);
  await done;
  offStatus();
  bus.dispose();
  await transport.close();
  return EXIT.ok;
}

export const keypadCommand: Command = { name: 'keypad', summary: 'show keypad presses and evaluator ratings', usage, run };
