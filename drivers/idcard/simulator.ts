/**
 * A SAM ID-card reader on the device end of a Transport, speaking the exact
 * frames of drivers/idcard/README.md. Tests and the `sim:idcard` demo place
 * and remove cards and inject line faults (bad checksum, junk, split frames,
 * silence) to prove the reader copes.
 */
import { registerSimulator } from '../transport/sim.js';
import type { Transport } from '../transport/types.js';
import { DEMO_HMT_PERMIT, DEMO_RESIDENT } from './demo-cards.js';
import { COMMANDS, SW3, bodyToCommand, encodeReply, type FrameBody } from './frame.js';
import { SamFrameParser } from './sam-parser.js';
import { encodeIdText, type IdCardTextInput } from './text.js';

export type SimFault = 'bad-checksum' | 'junk' | 'split' | 'no-reply';

export const PHOTO_LENGTH = 1024;

/**
 * Stand-in for the WLT photo: opaque bytes that deliberately contain a frame
 * preamble, so a parser that scans instead of counting would break on it.
 */
export function fakePhoto(): Buffer {
  const p = Buffer.alloc(PHOTO_LENGTH);
  for (let i = 0; i < p.length; i++) p[i] = (i * 37 + 11) & 0xff;
  Buffer.from([0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x04]).copy(p, 100);
  return p;
}

/** The full reply to 30 01: SW 00 00 90, lengths 0100 0400, 256 text bytes, 1024 photo bytes (1295 bytes framed). */
export function readReply(text: Buffer, photo: Buffer = fakePhoto()): Buffer {
  const lens = Buffer.from([text.length >> 8, text.length & 0xff, photo.length >> 8, photo.length & 0xff]);
  return encodeReply(SW3.OK, Buffer.concat([lens, text, photo]));
}

export interface IdCardSimOptions {
  /** 16 bytes returned by 12 FF. */
  samId?: Buffer;
  /** SW3 answered to SAM status (0x90 ok, 0x60 self-test failed…). */
  samStatus?: number;
  /** Delay before each reply, like a real reader's RF time. */
  replyDelayMs?: number;
  /**
   * Find-card polls a lifted card stays off before the next one lands (default 2,
   * the reader's default `removeAfterMisses`): a hand swapping cards takes that
   * long, and a reader can only tell two placements apart by the gap between them.
   */
  swapPolls?: number;
  /** A card waiting for that gap lands after this long even if nobody polls (default 2000 ms). */
  swapTimeoutMs?: number;
}

export class IdCardSimulator {
  /** Commands received, as `cmd para` hex pairs ("20 01"). */
  readonly received: string[] = [];
  private card: Buffer | null = null;
  private selected = false;
  /** A card placed so soon after the last one was lifted that it is still "in the hand". */
  private pending: Buffer | null = null;
  private pendingTimer: NodeJS.Timeout | null = null;
  /** Find-card polls answered "no card" since the last removal (Infinity: none yet). */
  private offPolls = Number.POSITIVE_INFINITY;
  private landedWaiters: (() => void)[] = [];
  readonly swapPolls: number;
  private readonly swapTimeoutMs: number;
  private faults: { fault: SimFault; on?: string }[] = [];
  private parser: SamFrameParser;
  private readonly unsubscribe: () => void;
  samId: Buffer;
  samStatus: number;
  replyDelayMs: number;
  private lastCommand = '';
  /** When true, nothing is answered at all (reader powered off). */
  mute = false;

  constructor(
    readonly transport: Transport,
    opts: IdCardSimOptions = {},
  ) {
    this.samId = opts.samId ?? Buffer.from('0501000000000020231103000000001a', 'hex');
    this.samStatus = opts.samStatus ?? SW3.OK;
    this.replyDelayMs = opts.replyDelayMs ?? 0;
    this.swapPolls = opts.swapPolls ?? 2;
    this.swapTimeoutMs = opts.swapTimeoutMs ?? 2000;
    this.parser = new SamFrameParser({
      frame: (body) => this.onCommand(body),
      // A real reader answers a corrupt command with SW3 10.
      problem: (p) => (p.code === 'BAD_CHECKSUM' ? this.reply(encodeReply(SW3.CHECKSUM_ERROR)) : undefined),
    });
    this.unsubscribe = transport.onData((chunk) => this.parser.push(chunk));
  }

  placeCard(fields: IdCardTextInput): void {
    this.placeRawText(encodeIdText(fields));
  }

  /**
   * Place a card with an arbitrary text area (bad data tests). A card placed
   * while another lies on the reader, or right after one was lifted, lands only
   * once the reader has polled the empty reader `swapPolls` times, so the
   * reader sees the removal and reads the new card (see `whenOnReader`).
   */
  placeRawText(text: Buffer): void {
    if (this.card) this.removeCard();
    if (this.offPolls >= this.swapPolls) return this.land(text);
    this.pending = text;
    this.clearPendingTimer();
    this.pendingTimer = setTimeout(() => this.pending && this.land(this.pending), this.swapTimeoutMs);
    this.pendingTimer.unref?.();
  }

  removeCard(): void {
    this.card = null;
    this.pending = null;
    this.clearPendingTimer();
    this.selected = false;
    this.offPolls = 0;
  }

  /** Resolves once the last placed card is really on the reader (at once when it already is). */
  whenOnReader(): Promise<void> {
    if (!this.pending) return Promise.resolve();
    return new Promise((resolve) => this.landedWaiters.push(resolve));
  }

  private land(text: Buffer): void {
    this.clearPendingTimer();
    this.pending = null;
    this.card = text;
    this.selected = false;
    for (const w of this.landedWaiters.splice(0)) w();
  }

  private clearPendingTimer(): void {
    if (this.pendingTimer) clearTimeout(this.pendingTimer);
    this.pendingTimer = null;
  }

  get hasCard(): boolean {
    return this.card !== null;
  }

  /**
   * The next reply gets this fault; with `onCommand` ("30 01") the next reply to
   * that command. Several injections apply in order, one per reply.
   */
  injectFault(fault: SimFault, onCommand?: string): void {
    this.faults.push({ fault, on: onCommand?.toUpperCase() });
  }

  dispose(): void {
    this.clearPendingTimer();
    this.unsubscribe();
  }

  private onCommand(body: FrameBody): void {
    const { cmd, para } = bodyToCommand(body);
    this.lastCommand = `${hex(cmd)} ${hex(para)}`;
    this.received.push(this.lastCommand);
    const is = (c: { cmd: number; para: number }): boolean => c.cmd === cmd && c.para === para;
    if (is(COMMANDS.samId)) return this.reply(encodeReply(SW3.OK, this.samId));
    if (is(COMMANDS.samStatus)) return this.reply(encodeReply(this.samStatus));
    if (is(COMMANDS.samReset)) return this.reply(encodeReply(SW3.OK));
    if (is(COMMANDS.findCard)) {
      if (!this.card) {
        this.offPolls++;
        // The reader has now seen the empty reader long enough to count the lift as a removal.
        if (this.pending && this.offPolls >= this.swapPolls) {
          this.reply(encodeReply(SW3.FIND_FAILED));
          return this.land(this.pending);
        }
      }
      return this.reply(this.card ? encodeReply(SW3.CARD_FOUND, Buffer.alloc(4)) : encodeReply(SW3.FIND_FAILED));
    }
    if (is(COMMANDS.selectCard)) {
      this.selected = this.card !== null;
      return this.reply(this.card ? encodeReply(SW3.OK, Buffer.alloc(8)) : encodeReply(SW3.SELECT_FAILED));
    }
    if (is(COMMANDS.readBase)) {
      return this.reply(this.card && this.selected ? readReply(this.card) : encodeReply(SW3.READ_FAILED));
    }
    this.reply(encodeReply(SW3.BAD_COMMAND));
  }

  private reply(frame: Buffer): void {
    if (this.mute) return;
    const i = this.faults.findIndex((f) => f.on === undefined || f.on === this.lastCommand);
    const fault = i >= 0 ? this.faults.splice(i, 1)[0].fault : undefined;
    if (fault === 'no-reply') return;
    let out = frame;
    if (fault === 'bad-checksum') {
      out = Buffer.from(frame);
      out[out.length - 1] ^= 0xff;
    }
    if (fault === 'junk') out = Buffer.concat([Buffer.from([0x00, 0xaa, 0x96, 0x13, 0xaa, 0xaa]), frame]);
    const chunks =
      fault === 'split'
        ? [out.subarray(0, 2), out.subarray(2, 6), out.subarray(6, Math.max(7, out.length >> 1)), out.subarray(Math.max(7, out.length >> 1))]
        : [out];
    void this.send(chunks.filter((c) => c.length > 0));
  }

  private async send(chunks: Buffer[]): Promise<void> {
    try {
      for (const [i, c] of chunks.entries()) {
        // Gaps between pieces make them arrive as separate reads, even over a pty.
        const delay = i === 0 ? this.replyDelayMs : 15;
        if (delay > 0) await new Promise((r) => setTimeout(r, delay));
        await this.transport.write(c);
      }
    } catch {
      // host end gone (unplugged): a real reader just talks into the void
    }
  }
}

const hex = (b: number): string => b.toString(16).toUpperCase().padStart(2, '0');

/**
 * Make `sim:idcard` URIs work: `sim:idcard?card=resident` starts with the demo
 * card on the reader (also `hmt`); reach the simulator with simulatorOf(transport)
 * to place and remove cards.
 */
export function registerIdCardSimulator(): void {
  registerSimulator('idcard', (device, params) => {
    const sim = new IdCardSimulator(device);
    if (params.card === 'resident') sim.placeCard(DEMO_RESIDENT);
    else if (params.card === 'hmt') sim.placeCard(DEMO_HMT_PERMIT);
    else if (params.card !== undefined) throw new Error(`sim:idcard: card must be resident|hmt, got "${params.card}"`);
    return sim;
  });
}
