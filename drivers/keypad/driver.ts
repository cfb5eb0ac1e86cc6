import { SendQueue } from '../bus/send-queue.js';
import type { Transport } from '../transport/types.js';
import { BusFrameParser, FrameError } from '../bus/frame.js';
import type { BusFrame } from '../bus/frame-spec.js';
import { decodeHidReport, encodeHidDisplay, encodeHidRateRequest, HID_INPUT_LENGTH } from './hid-report.js';
import {
  decodeDeviceFrame,
  encodeAck,
  encodeDisplay,
  encodeRateRequest,
  KEYPAD_FRAME,
  MSG,
  type KeypadEvent,
} from './protocol.js';

const HOST_TYPES: number[] = [MSG.ack, MSG.rateRequest, MSG.display];

export interface KeypadBusOptions {
  /** 'serial' (RS-485 framing, default) or 'hid' (one input report per data chunk). */
  mode?: 'serial' | 'hid';
  /** HID only: address used when a report says 0, i.e. the window this USB device belongs to. */
  hidAddress?: number;
}

/**
 * Caller keypads (物理叫號器) and evaluators (評價器) on one line. Emits typed
 * events; the server maps `address` to a window and `action` to a use case.
 */
export class KeypadBus {
  readonly mode: 'serial' | 'hid';
  /** Protocol problems seen (bad checksum, unknown code): for the device health page. */
  readonly stats = { events: 0, duplicates: 0, errors: 0 };
  private listeners = new Set<(e: KeypadEvent) => void>();
  private errorListeners = new Set<(e: Error) => void>();
  private lastSeq = new Map<string, number>();
  private readonly queue = new SendQueue();
  private readonly parser: BusFrameParser;
  private readonly off: () => void;

  constructor(
    readonly transport: Transport,
    private readonly options: KeypadBusOptions = {},
  ) {
    this.mode = options.mode ?? 'serial';
    this.parser = new BusFrameParser(
      KEYPAD_FRAME,
      (f) => this.onFrame(f),
      (e) => this.fail(e),
    );
    this.off = transport.onData((chunk) => (this.mode === 'hid' ? this.onReports(chunk) : this.parser.push(chunk)));
  }

  onEvent(listener: (e: KeypadEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onError(listener: (e: Error) => void): () => void {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }

  /** Ask the evaluator at `address` to light up and take a rating. */
  async requestRating(address: number, timeoutSec = 0): Promise<void> {
    return this.write(this.mode === 'hid' ? encodeHidRateRequest(address, timeoutSec) : encodeRateRequest(address, timeoutSec));
  }

  /** Put a short line (e.g. the ticket number being served, 'A012') on a keypad's display. */
  async showNumber(address: number, text: string): Promise<void> {
    return this.write(this.mode === 'hid' ? encodeHidDisplay(address, text) : encodeDisplay(address, text));
  }

  dispose(): void {
    this.off();
  }

  private write(bytes: Buffer): Promise<void> {
    return this.queue.run(() => this.transport.write(bytes));
  }

  private onFrame(f: BusFrame): void {
    // our own host → device frames, heard back on a 2-wire bus, are not errors
    if (HOST_TYPES.includes(f.command)) return;
    let msg;
    try {
      msg = decodeDeviceFrame(f);
    } catch (e) {
      return this.fail(e as Error);
    }
    // ack every copy: the device repeats until it hears one, even if we reported the first
    void this.write(encodeAck(f.address, f.command, msg.seq)).catch((e) => this.fail(e as Error));
    const key = `${f.address}/${f.command}`;
    if (this.lastSeq.get(key) === msg.seq) {
      this.stats.duplicates++;
      return;
    }
    this.lastSeq.set(key, msg.seq);
    this.emit(msg.event);
  }

  private onReports(chunk: Buffer): void {
    // node-hid gives one report per chunk; an in-memory pair may batch several
    const n = chunk.length > HID_INPUT_LENGTH && chunk.length % HID_INPUT_LENGTH === 0 ? chunk.length / HID_INPUT_LENGTH : 1;
    const size = n === 1 ? chunk.length : HID_INPUT_LENGTH;
    for (let i = 0; i < n; i++) {
      try {
        const event = decodeHidReport(chunk.subarray(i * size, (i + 1) * size), this.options.hidAddress ?? 1);
        if (event) this.emit(event);
      } catch (e) {
        this.fail(e as Error);
      }
    }
  }

  private emit(event: KeypadEvent): void {
    this.stats.events++;
    for (const l of [...this.listeners]) {
      try {
        l(event);
      } catch (e) {
        this.fail(e as Error);
      }
    }
  }

  private fail(e: Error): void {
    if (e instanceof FrameError && /junk/.test(e.message)) return; // line noise before a frame is normal on RS-485
    this.stats.errors++;
    for (const l of [...this.errorListeners]) l(e);
  }
}
