import { ReplyWaiter } from '../bus/reply-waiter.js';
import { BusFrameParser } from '../bus/frame.js';
import type { BusFrame } from '../bus/frame-spec.js';
import { registerSimulator } from '../transport/sim.js';
import type { Transport } from '../transport/types.js';
import { decodeHidOutput, encodeHidKey, encodeHidRating } from './hid-report.js';
import { decodeDisplayText, encodeEvaluation, encodeKey, isGrade, KEYPAD_FRAME, MSG, type Grade, type KeyAction } from './protocol.js';

export interface KeypadSimulatorOptions {
  mode?: 'serial' | 'hid';
  /** Serial: wait for an ack before repeating (default 150 ms; real devices use a random 100–300 ms). */
  retryMs?: number;
  /** Serial: repeats after the first transmission (default 3). */
  maxRetries?: number;
}

/** Knobs for the unhappy paths. */
export interface KeypadFaults {
  /** Do not put the next n transmissions on the wire (a collision): the device must repeat. */
  loseTransmissions: number;
  /** Ignore the next n acks from the host: the host sees the same seq twice and must report it once. */
  ignoreAcks: number;
}

/**
 * Device side of a keypad/evaluator line: any number of addresses, both kinds.
 * press()/rate() resolve true once the host acked (serial) or at once (HID).
 */
export class KeypadSimulator {
  readonly mode: 'serial' | 'hid';
  /** What each keypad's display shows. */
  readonly displays = new Map<number, string>();
  /** "Please rate" requests received, in order. */
  readonly rateRequests: Array<{ address: number; timeoutSec: number }> = [];
  /** Frames put on the wire, counting repeats. */
  transmissions = 0;
  faults: KeypadFaults = { loseTransmissions: 0, ignoreAcks: 0 };
  private seq = new Map<number, number>();
  /** The host's acks, offered to the transmissions waiting for them. */
  private readonly acks = new ReplyWaiter<BusFrame>();
  private readonly parser: BusFrameParser;

  constructor(
    readonly device: Transport,
    private readonly options: KeypadSimulatorOptions = {},
  ) {
    this.mode = options.mode ?? 'serial';
    this.parser = new BusFrameParser(KEYPAD_FRAME, (f) => this.onFrame(f));
    device.onData((chunk) => (this.mode === 'hid' ? this.onHidOutput(chunk) : this.parser.push(chunk)));
  }

  press(address: number, action: KeyAction): Promise<boolean> {
    if (this.mode === 'hid') return this.sendHid(encodeHidKey(address, action));
    const seq = this.nextSeq(address);
    return this.transmit(address, MSG.key, seq, encodeKey(address, seq, action));
  }

  rate(address: number, grade: Grade, reason = 0): Promise<boolean> {
    if (!isGrade(grade)) throw new RangeError(`grade ${grade} is not 1..5`);
    if (this.mode === 'hid') return this.sendHid(encodeHidRating(address, grade, reason));
    const seq = this.nextSeq(address);
    return this.transmit(address, MSG.evaluation, seq, encodeEvaluation(address, seq, grade, reason));
  }

  private nextSeq(address: number): number {
    const s = ((this.seq.get(address) ?? 0) % 255) + 1; // 1..255; 0 is never sent so a fresh host cannot mistake it
    this.seq.set(address, s);
    return s;
  }

  private async sendHid(report: Buffer): Promise<boolean> {
    await this.device.write(report);
    this.transmissions++;
    return true;
  }

  private async transmit(address: number, type: number, seq: number, bytes: Buffer): Promise<boolean> {
    const retryMs = this.options.retryMs ?? 150;
    const tries = 1 + (this.options.maxRetries ?? 3);
    const send = async (): Promise<void> => {
      this.transmissions++;
      if (this.faults.loseTransmissions > 0) this.faults.loseTransmissions--;
      else await this.device.write(bytes).catch(() => undefined);
    };
    for (let i = 0; i < tries; i++) {
      const acked = await this.acks.request(send, {
        timeoutMs: retryMs,
        match: (f) => (f.address === address && f.payload[0] === type && f.payload[1] === seq ? true : undefined),
        onTimeout: () => false,
      });
      if (acked) return true;
    }
    return false;
  }

  private onFrame(f: BusFrame): void {
    if (f.command === MSG.ack && f.payload.length === 2) {
      if (this.faults.ignoreAcks > 0) {
        this.faults.ignoreAcks--;
        return;
      }
      this.acks.offer(f);
    } else if (f.command === MSG.rateRequest) {
      this.rateRequests.push({ address: f.address, timeoutSec: f.payload[0] ?? 0 });
    } else if (f.command === MSG.display) {
      this.displays.set(f.address, decodeDisplayText(f.payload));
    }
  }

  private onHidOutput(chunk: Buffer): void {
    const cmd = decodeHidOutput(chunk);
    if (cmd?.kind === 'rate-request') this.rateRequests.push({ address: cmd.address, timeoutSec: cmd.timeoutSec });
    else if (cmd?.kind === 'display') this.displays.set(cmd.address, cmd.text);
  }
}

/**
 * Make `sim:keypad` and `sim:evaluator` URIs work (`?mode=hid` for the HID
 * variant). Both are the same line simulator: real halls often wire both kinds
 * to one RS-485 pair.
 */
export function registerKeypadSimulators(): void {
  const factory = (device: Transport, params: Record<string, string>) =>
    new KeypadSimulator(device, { mode: params.mode === 'hid' ? 'hid' : 'serial' });
  registerSimulator('keypad', factory);
  registerSimulator('evaluator', factory);
}
