import { DEMO_RESIDENT } from '../../idcard/demo-cards.js';
import { IdCardReader } from '../../idcard/reader.js';
import type { IdCardSimulator } from '../../idcard/simulator.js';
import { simulatorOf } from '../../transport/sim.js';
import { DeviceError } from '../../transport/types.js';
import { formatCard, maskedCard } from '../card-format.js';
import { isSim, openReconnecting } from '../devices.js';
import { describeError } from '../hints.js';
import { EXIT, aborted, clock, oneUri, parse, secondsOption, type Command, type Io } from '../io.js';

const usage = `usage: npm run devices -- idcard <uri> [--once] [--json] [--timeout S]

Opens the ID-card reader, shows its SAM id, then shows every card placed on it
(name and number masked; address and authority never shown) until Ctrl-C.
With sim:idcard a demo card is placed by itself (sim:idcard?card=hmt: a
HK/Macao/Taiwan residence permit).
  --once        exit after the first card
  --json        one JSON object per line: {"event":"ready"|"card"|"removed"|"error",…}
  --timeout S   stop after S seconds; exit 1 if no card was read by then
example: npm run devices -- idcard serial:/dev/ttyUSB0?baud=115200 --once`;

export interface IdCardOptions {
  uri: string;
  once: boolean;
  json: boolean;
  timeoutMs?: number;
}

export function parseIdCardArgs(argv: string[]): IdCardOptions | 'help' {
  const { values, positionals } = parse(argv, { once: { type: 'boolean' }, json: { type: 'boolean' }, timeout: { type: 'string' } }, usage);
  if (values.help) return 'help';
  const timeoutMs = secondsOption('timeout', values.timeout, usage);
  return { uri: oneUri(positionals, usage), once: values.once === true, json: values.json === true, ...(timeoutMs ? { timeoutMs } : {}) };
}

/** Connecting (SAM check included) must work within this, even without --timeout. */
const CONNECT_MS = 5000;

async function run(argv: string[], io: Io): Promise<number> {
  const opts = parseIdCardArgs(argv);
  if (opts === 'help') return io.out(usage), EXIT.ok;
  const emit = (event: string, human: string[], data: Record<string, unknown> = {}) => {
    if (opts.json) io.out(JSON.stringify({ event, ...data }));
    else for (const line of human) io.out(line);
  };
  let opened;
  try {
    opened = await openReconnecting(opts.uri, CONNECT_MS);
  } catch (err) {
    io.err(describeError(err, opts.uri));
    return EXIT.device;
  }
  const { transport, sim } = opened;
  const reader = new IdCardReader(transport, { pollIntervalMs: 300, reconnectIntervalMs: 1000 });
  let everReady = false;
  let cards = 0;
  let finish!: (code: number) => void;
  const done = new Promise<number>((resolve) => (finish = resolve));

  reader.on('status', (s) => {
    if (s.state === 'ready') {
      everReady = true;
      emit('ready', [`Reader ready on ${opts.uri}`, `  SAM id      ${s.samId}`, 'Waiting for a card… (Ctrl-C to stop)'], { uri: opts.uri, samId: s.samId });
      const demo = sim ? simulatorOf<IdCardSimulator>(sim) : undefined;
      if (demo && !demo.hasCard) demo.placeCard(DEMO_RESIDENT); // the simulator demonstrates itself
    } else if (s.state === 'disconnected' && everReady) {
      emit('disconnected', [`${clock()}  reader disconnected (${s.message ?? 'connection lost'}), reconnecting…`], { message: s.message });
    }
  });
  reader.on('card', (c) => {
    cards++;
    const m = maskedCard(c); // nothing below this line ever sees the clear fields
    emit('card', [`${clock()}  ${formatCard(m)[0]}`, ...formatCard(m).slice(1)], { card: m });
    if (opts.once) finish(EXIT.ok);
  });
  reader.on('removed', () => emit('removed', [`${clock()}  card removed`]));
  reader.on('error', (e) => {
    if (!everReady) {
      // a diagnostics tool fails fast: the first connect problem is the answer
      io.err(describeError(e, opts.uri));
      finish(EXIT.device);
      return;
    }
    if (opts.json) io.out(JSON.stringify({ event: 'error', code: e.code, message: describeError(e, opts.uri) }));
    else io.err(describeError(e, opts.uri));
  });

  const timers: NodeJS.Timeout[] = [];
  timers.push(
    setTimeout(() => {
      if (everReady) return;
      io.err(describeError(new DeviceError('TIMEOUT', `${opts.uri}: reader did not answer the SAM check within ${CONNECT_MS / 1000} s`), opts.uri));
      finish(EXIT.device);
    }, CONNECT_MS),
  );
  if (opts.timeoutMs) {
    timers.push(
      setTimeout(() => {
        if (opts.once || cards === 0) {
          io.err(`error: ${opts.uri}: no card read within ${opts.timeoutMs! / 1000} s — check: place the card flat on the reader`);
          finish(EXIT.device);
        } else finish(EXIT.ok);
      }, opts.timeoutMs),
    );
  }
  void aborted(io.signal).then(() => finish(EXIT.ok));

  reader.start();
  const code = await done;
  for (const t of timers) clearTimeout(t);
  await reader.stop();
  await transport.close();
  return code;
}

export const idcardCommand: Command = { name: 'idcard', summary: 'read ID cards (masked) from a SAM reader', usage, run };
