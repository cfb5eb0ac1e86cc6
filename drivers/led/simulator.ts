import { registerSimulator } from '../transport/sim.js';
import type { Transport } from '../transport/types.js';
import { ackFrame, decodeCommand, type LedCommand } from './codec.js';
import { BusFrameParser, encodeFrame } from '../bus/frame.js';
import type { LedFrame, LedProfile } from './profile.js';
import { getProfile } from './profiles.js';

export interface LedSimulatorOptions {
  /** Addresses of boards on this simulated line; default: any address is a board. */
  addresses?: number[];
}

/** Knobs for tests and demos of the unhappy paths. */
export interface LedFaults {
  /** Swallow the next n acks (Infinity: a board that never answers). */
  dropAcks: number;
  /** Flip a bit in the next n acks so the host sees a bad checksum. */
  corruptAcks: number;
  /** NAK the next n commands instead of executing them. */
  nakNext: number;
}

export interface BoardState {
  lines: string[];
  brightness?: number;
}

/**
 * The device side of a board line, byte for byte with the same profile: parses
 * frames, updates what each address shows, acks when the profile says so.
 */
export class LedSimulator {
  readonly boards = new Map<number, BoardState>();
  readonly received: LedCommand[] = [];
  badFrames = 0;
  faults: LedFaults = { dropAcks: 0, corruptAcks: 0, nakNext: 0 };
  private readonly parser: BusFrameParser;
  private listeners = new Set<(address: number, state: BoardState) => void>();

  constructor(
    readonly device: Transport,
    readonly profile: LedProfile,
    private readonly options: LedSimulatorOptions = {},
  ) {
    this.parser = new BusFrameParser(
      profile.frame,
      (f) => this.onFrame(f),
      () => this.badFrames++,
    );
    device.onData((chunk) => this.parser.push(chunk));
  }

  /** Text shown by the board at `address`, lines joined by '\n' ('' when blank or unknown). */
  shown(address: number): string {
    return (this.boards.get(address)?.lines ?? []).join('\n').replace(/\n+$/, '');
  }

  lines(address: number): string[] {
    return [...(this.boards.get(address)?.lines ?? [])];
  }

  onChange(listener: (address: number, state: BoardState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private isBoard(address: number): boolean {
    return !this.options.addresses || this.options.addresses.includes(address);
  }

  private onFrame(frame: LedFrame): void {
    const broadcast = frame.address === this.profile.broadcastAddress;
    if (!broadcast && !this.isBoard(frame.address)) return; // another board's frame: stay silent
    if (!broadcast && this.faults.nakNext > 0) {
      this.faults.nakNext--;
      this.reply(frame, true);
      return;
    }
    const cmd = decodeCommand(this.profile, frame);
    this.received.push(cmd);
    const targets = broadcast ? (this.options.addresses ?? [...this.boards.keys()]) : [frame.address];
    for (const address of targets) this.apply(address, cmd);
    if (!broadcast) this.reply(frame, false);
  }

  private apply(address: number, cmd: LedCommand): void {
    const state = this.boards.get(address) ?? { lines: [] };
    if (cmd.kind === 'text') {
      while (state.lines.length < cmd.line) state.lines.push('');
      state.lines[cmd.line - 1] = cmd.text;
    } else if (cmd.kind === 'clear') state.lines = [];
    else if (cmd.kind === 'brightness') state.brightness = cmd.level;
    else return;
    this.boards.set(address, state);
    for (const l of this.listeners) l(address, state);
  }

  private reply(frame: LedFrame, nak: boolean): void {
    const ack = this.profile.ack;
    if (!ack) return;
    if (this.faults.dropAcks > 0) {
      this.faults.dropAcks--;
      return;
    }
    let bytes: Buffer | undefined;
    if (ack.kind === 'bytes') {
      const b = nak ? ack.nak : ack.bytes;
      bytes = b ? Buffer.from(b) : undefined;
    } else {
      const f = ackFrame(this.profile, frame.address, frame.command, nak);
      bytes = f ? encodeFrame(this.profile.frame, f) : undefined;
    }
    if (!bytes) return;
    if (this.faults.corruptAcks > 0) {
      this.faults.corruptAcks--;
      bytes[bytes.length - 1] ^= 0x01;
    }
    void this.device.write(bytes).catch(() => undefined); // an unplugged line just loses the ack, as a real one would
  }
}

/**
 * Make `sim:led` URIs work: `sim:led?profile=bus-crc16&address=3` (address may
 * be a comma list; default profile window-3a, any address).
 */
export function registerLedSimulator(): void {
  registerSimulator('led', (device, params) => {
    const addresses = params.address?.split(',').map((a) => Number(a));
    if (addresses?.some((a) => !Number.isInteger(a) || a < 0)) throw new Error(`sim:led: bad address list "${params.address}"`);
    return new LedSimulator(device, getProfile(params.profile ?? 'window-3a'), { addresses });
  });
}
