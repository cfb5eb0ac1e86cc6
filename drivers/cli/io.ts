/**
 * What every command shares: where output goes, how Ctrl-C arrives, the exit
 * codes and the usage error. Commands write through `Io` (never console.*) so
 * unit tests can run them in-process and read exactly what an installer sees.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DeviceError } from '../transport/types.js';
import { checkDeviceUri } from '../transport/file-policy.js';

export const EXIT = { ok: 0, device: 1, usage: 2 } as const;

export interface Io {
  out(line: string): void;
  err(line: string): void;
  /** Aborted on Ctrl-C: long-running commands stop cleanly and exit 0. */
  signal: AbortSignal;
}

/** Wrong arguments: exit 2 with the command's usage text. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs, strict, with its errors turned into UsageError. */
export function parse<O extends Options>(argv: string[], options: O, usage: string) {
  try {
    return parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message.split('\n')[0], usage);
  }
}

/** Exactly one positional argument: the device URI. */
export function oneUri(positionals: string[], usage: string): string {
  if (positionals.length === 0) throw new UsageError('missing device URI', usage);
  if (positionals.length > 1) throw new UsageError(`one device URI expected, got ${positionals.length}: ${positionals.join(' ')}`, usage);
  try {
    checkDeviceUri(positionals[0]); // a typo in the URI, or a file: path outside the allowed ones, is a usage error
  } catch (err) {
    throw new UsageError((err as Error).message, usage);
  }
  return positionals[0];
}

export function intOption(name: string, text: string | undefined, min: number, max: number, usage: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new UsageError(`--${name} must be a whole number, not "${text}"`, usage);
  const n = Number(text);
  if (n < min || n > max) throw new UsageError(`--${name} ${n} is out of range ${min}..${max}`, usage);
  return n;
}

/** Seconds as given on the command line (decimals allowed) → milliseconds. */
export function secondsOption(name: string, text: string | undefined, usage: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+(\.\d+)?$/.test(text) || Number(text) <= 0) throw new UsageError(`--${name} must be a positive number of seconds, not "${text}"`, usage);
  return Math.round(Number(text) * 1000);
}

/** Rejects with a DeviceError naming what was waited for. */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string, code = 'TIMEOUT'): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeviceError(code, `${what}: no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** Resolves when Ctrl-C was pressed (or at once if it already was). */
export function aborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export const yesNo = (b: boolean): string => (b ? 'yes' : 'no');

/** HH:MM:SS local time, for event lines. */
export function clock(d = new Date()): string {
  return d.toTimeString().slice(0, 8);
}

/** One CLI command: parses its own argv, returns the exit code. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(argv: string[], io: Io): Promise<number>;
}
