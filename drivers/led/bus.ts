import { ReplyWaiter } from '../bus/reply-waiter.js';
import { SendQueue } from '../bus/send-queue.js';
import type { Transport } from '../transport/types.js';
import { DeviceError } from '../transport/types.js';
import { brightnessFrame, clearFrame, textFrame } from './codec.js';
import { BusFrameParser, encodeFrame, FrameError } from '../bus/frame.js';
import type { LedFrame, LedProfile } from './profile.js';

export interface LedBusOptions {
  /** Extra attempts after a missing ack or a NAK (default 2). */
  retries?: number;
  /** Overrides the profile's ack timeout. */
  ackTimeoutMs?: number;
  /** Pause after each frame for boards that never ack, so a slow MCU is not overrun (default 20 ms when the profile has no ack). */
  gapMs?: number;
}

type Reply = 'ack' | 'nak';
/** What a board says: a whole frame (frame acks) or the bytes heard since the command went out (byte acks). */
type Heard = { frame: LedFrame } | { bytes: Buffer };
const hex = (n: number) => `0x${n.toString(16).padStart(2, '0')}`;

/**
 * Several addressed boards on one RS-485 line. Half duplex: one command in
 * flight, the next waits; a missing ack is retried, then reported with what
 * was waited for and from whom.
 */
export class LedBus {
  private readonly queue = new SendQueue();
  private readonly replies = new ReplyWaiter<Heard>();
  private rx: Buffer = Buffer.alloc(0);
  private readonly parser: BusFrameParser;
  private readonly off: () => void;
  private readonly retries: number;
  private readonly gapMs: number;
  private readonly ackTimeoutMs?: number;
  private disposed = false;

  constructor(
    readonly transport: Transport,
    readonly profile: LedProfile,
    options: LedBusOptions = {},
  ) {
    this.retries = options.retries ?? 2;
    this.gapMs = options.gapMs ?? (profile.ack ? 0 : 20);
    this.ackTimeoutMs = options.ackTimeoutMs;
    this.parser = new BusFrameParser(profile.frame, (frame) => this.replies.offer({ frame }));
    this.off = transport.onData((chunk) => this.onBytes(chunk));
  }

  async showText(address: number, text: string, line = 1): Promise<void> {
    return this.send(textFrame(this.profile, address, text, line));
  }

  /** Write every line (missing ones blank), e.g. ['A012 号', '请到 5 号窗口']. */
  async showLines(address: number, lines: string[]): Promise<void> {
    if (lines.length > this.profile.text.lines) {
      throw new FrameError(`${lines.length} lines given, ${this.profile.name} shows ${this.profile.text.lines}`);
    }
    for (let i = 0; i < this.profile.text.lines; i++) await this.showText(address, lines[i] ?? '', i + 1);
  }

  async clear(address: number): Promise<void> {
    return this.send(clearFrame(this.profile, address));
  }

  async setBrightness(address: number, level: number): Promise<void> {
    return this.send(brightnessFrame(this.profile, address, level));
  }

  /** Queue one frame; resolves once the board acked it (or was written, for boards without ack). */
  async send(frame: LedFrame): Promise<void> {
    const bytes = encodeFrame(this.profile.frame, frame); // a bad frame is refused before it waits in the queue
    return this.queue.run(() => this.exchange(frame, bytes));
  }

  /** Stop listening to the transport (a command waiting for its ack fails with CLOSED); the owner of the transport closes it. */
  dispose(): void {
    this.off();
    this.disposed = true;
    this.replies.failAll(new DeviceError('CLOSED', `LED bus on ${this.transport.uri} was closed while waiting for an ack`));
  }

  private async exchange(frame: LedFrame, bytes: Buffer): Promise<void> {
    const ack = this.profile.ack;
    const expectAck = ack && frame.address !== this.profile.broadcastAddress;
    const attempts = expectAck ? this.retries + 1 : 1;
    let lastReply: Reply | 'timeout' = 'timeout';
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (this.disposed) throw new DeviceError('CLOSED', `LED bus on ${this.transport.uri} is closed`);
      this.rx = Buffer.alloc(0);
      this.parser.reset();
      const write = () => this.write(bytes);
      if (!expectAck) {
        await write();
        if (this.gapMs > 0) await new Promise((r) => setTimeout(r, this.gapMs));
        return;
      }
      lastReply = await this.replies.request(write, {
        timeoutMs: this.timeoutMs(),
        match: (heard) => this.replyIn(heard, frame),
        onTimeout: () => 'timeout' as const,
      });
      if (lastReply === 'ack') return;
    }
    throw new DeviceError(
      lastReply === 'nak' ? 'NAK' : 'ACK_TIMEOUT',
      `LED board ${frame.address} (${this.profile.name}) on ${this.transport.uri}: ` +
        (lastReply === 'nak'
          ? `rejected command ${hex(frame.command)} (NAK) ${attempts} time(s)`
          : `no ack (${this.describeAck(frame)}) within ${this.timeoutMs()} ms, ${attempts} attempt(s)`),
    );
  }

  private async write(bytes: Buffer): Promise<void> {
    try {
      await this.transport.write(bytes);
    } catch (err) {
      throw err instanceof DeviceError ? err : new DeviceError('WRITE_FAILED', `${this.transport.uri}: ${String(err)}`, err);
    }
  }

  private timeoutMs(): number {
    return this.ackTimeoutMs ?? this.profile.ack?.timeoutMs ?? 0;
  }

  private describeAck(frame: LedFrame): string {
    const ack = this.profile.ack!;
    if (ack.kind === 'bytes') return `bytes ${ack.bytes.map(hex).join(' ')}`;
    return `frame cmd ${hex(ack.command)}${ack.echoCommand ? ` echoing ${hex(frame.command)}` : ''} from address ${frame.address}`;
  }

  private onBytes(chunk: Buffer): void {
    const ack = this.profile.ack;
    if (!ack || this.replies.waiting === 0) return; // boards speak only when spoken to; anything else is line noise
    if (ack.kind === 'frame') return this.parser.push(chunk);
    this.rx = Buffer.concat([this.rx, chunk]);
    this.replies.offer({ bytes: this.rx });
  }

  /** Whether what was heard acks or naks `sent` (undefined: not an answer to it). */
  private replyIn(heard: Heard, sent: LedFrame): Reply | undefined {
    const ack = this.profile.ack;
    if ('bytes' in heard) {
      if (ack?.kind !== 'bytes') return undefined;
      if (heard.bytes.includes(Buffer.from(ack.bytes))) return 'ack';
      return ack.nak && heard.bytes.includes(Buffer.from(ack.nak)) ? 'nak' : undefined;
    }
    const f = heard.frame;
    if (ack?.kind !== 'frame' || f.address !== sent.address) return undefined;
    const echoes = !ack.echoCommand || f.payload[0] === sent.command;
    if (f.command === ack.command && echoes) return 'ack';
    return ack.nakCommand !== undefined && f.command === ack.nakCommand && echoes ? 'nak' : undefined;
  }
}
