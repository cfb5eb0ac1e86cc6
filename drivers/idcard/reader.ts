/**
 * The ID-card reader loop over any Transport: SAM check at open, then
 * find → select → read, one command at a time, each with a timeout that names
 * the command. A card is reported once per placement; the photo is measured and
 * dropped, never kept. Recovers by itself after unplug / power loss.
 */
import type { Transport } from '../transport/types.js';
import { DeviceError } from '../transport/types.js';
import { asDeviceError, CommandChannel } from './channel.js';
import { COMMANDS, SW3, describeSw3, splitReadData, type Command, type Reply } from './frame.js';
import { decodeIdText, type IdCardText } from './text.js';

export interface IdCardReaderOptions {
  /** Pause between find-card polls. */
  pollIntervalMs?: number;
  /** Timeout for short commands (find, select, SAM). */
  commandTimeoutMs?: number;
  /** Reading the card over RF takes about a second on real readers. */
  readTimeoutMs?: number;
  /** Wait between attempts to reopen a lost transport / re-check the SAM. */
  reconnectIntervalMs?: number;
  /** Consecutive "no card" answers before a card counts as removed (one RF miss is not a removal). */
  removeAfterMisses?: number;
  /** Failed select/read attempts on one placement before giving up and reporting READ_FAILED. */
  maxReadAttempts?: number;
}

export type ReaderState = 'stopped' | 'connecting' | 'ready' | 'disconnected';

export interface ReaderStatus {
  state: ReaderState;
  /** SAM id as hex, once read. */
  samId?: string;
  message?: string;
}

interface Events {
  card: (card: IdCardText) => void;
  removed: () => void;
  error: (err: DeviceError) => void;
  status: (status: ReaderStatus) => void;
}

export class IdCardReader {
  private readonly o: Required<IdCardReaderOptions>;
  private listeners: { [K in keyof Events]: Set<Events[K]> } = {
    card: new Set(),
    removed: new Set(),
    error: new Set(),
    status: new Set(),
  };
  private channel: CommandChannel;
  private running = false;
  private ready = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private unsubs: (() => void)[] = [];
  private current: ReaderStatus = { state: 'stopped' };
  private lastErrorKey = '';
  // per placement
  private reported = false;
  private present = false;
  private misses = 0;
  private attempts = 0;

  constructor(
    readonly transport: Transport,
    opts: IdCardReaderOptions = {},
  ) {
    this.o = {
      pollIntervalMs: 300,
      commandTimeoutMs: 1000,
      readTimeoutMs: 3000,
      reconnectIntervalMs: 2000,
      removeAfterMisses: 2,
      maxReadAttempts: 3,
      ...opts,
    };
    this.channel = new CommandChannel(transport);
  }

  on<K extends keyof Events>(event: K, listener: Events[K]): () => void {
    this.listeners[event].add(listener);
    return () => this.listeners[event].delete(listener);
  }

  get status(): ReaderStatus {
    return { ...this.current };
  }

  /** Starts the loop; returns at once. Connection problems arrive as `error` / `status` events. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubs.push(
      this.transport.onData((chunk) => this.channel.push(chunk)),
      this.transport.onStatus((s, err) => {
        if (s === 'disconnected' || s === 'error') this.lost(err);
      }),
    );
    this.loop = this.run();
  }

  /** Stops polling and waits for the command in flight; the caller still owns (and closes) the transport. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake?.();
    await this.loop;
    for (const u of this.unsubs.splice(0)) u();
    this.ready = false;
    this.setStatus({ state: 'stopped' });
  }

  private emit<K extends keyof Events>(event: K, ...args: Parameters<Events[K]>): void {
    for (const l of [...this.listeners[event]]) {
      try {
        (l as (...a: Parameters<Events[K]>) => void)(...args);
      } catch {
        // a listener bug must not stop the reader
      }
    }
  }

  private setStatus(s: ReaderStatus): void {
    if (s.state === this.current.state && s.message === this.current.message && s.samId === this.current.samId) return;
    this.current = s;
    this.emit('status', { ...s });
  }

  /** Errors repeat every poll while a fault lasts; report each distinct one once until something succeeds. */
  private report(err: DeviceError): void {
    const key = `${err.code}:${err.message}`;
    if (key === this.lastErrorKey) return;
    this.lastErrorKey = key;
    this.emit('error', err);
  }

  private lost(err?: Error): void {
    if (!this.ready && this.current.state === 'disconnected') return;
    this.ready = false;
    this.channel.fail(new DeviceError('DISCONNECTED', `${this.transport.uri}: connection lost${err ? `: ${err.message}` : ''}`));
    this.setStatus({ state: 'disconnected', message: err?.message ?? 'connection lost' });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      function done(): void {
        clearTimeout(t);
        resolve();
      }
      this.wake = done;
    });
  }

  private async run(): Promise<void> {
    while (this.running) {
      if (!this.ready) {
        try {
          await this.connect();
        } catch (err) {
          this.report(asDeviceError(err, this.transport.uri));
          if (this.current.state !== 'disconnected') this.setStatus({ state: 'disconnected', message: (err as Error).message });
          await this.sleep(this.o.reconnectIntervalMs);
          continue;
        }
      }
      try {
        await this.poll();
      } catch (err) {
        const e = asDeviceError(err, this.transport.uri);
        this.report(e);
        // Silence may mean the reader was power-cycled: check the SAM again before polling on.
        if (e.code === 'TIMEOUT') this.ready = false;
      }
      if (this.running) await this.sleep(this.o.pollIntervalMs);
    }
  }

  private async connect(): Promise<void> {
    // Retries while unplugged stay 'disconnected' rather than flapping through 'connecting'.
    if (this.current.state === 'stopped') this.setStatus({ state: 'connecting' });
    const s = this.transport.status;
    if (s === 'idle' || s === 'disconnected' || s === 'error') await this.transport.open();
    this.channel.reset();
    const id = await this.command(COMMANDS.samId, this.o.commandTimeoutMs);
    if (id.sw3 !== SW3.OK) throw new DeviceError('SAM_FAULT', `${this.transport.uri}: SAM id: ${describeSw3(id.sw3)}`);
    const st = await this.command(COMMANDS.samStatus, this.o.commandTimeoutMs);
    if (st.sw3 !== SW3.OK) throw new DeviceError('SAM_FAULT', `${this.transport.uri}: SAM status: ${describeSw3(st.sw3)}`);
    this.ready = true;
    this.lastErrorKey = '';
    // After a gap we cannot know whether the card was swapped: a re-report is harmless, a missed citizen is not.
    this.present = this.reported = false;
    this.misses = this.attempts = 0;
    this.setStatus({ state: 'ready', samId: id.data.toString('hex') });
  }

  private command(c: Command, timeoutMs: number): Promise<Reply> {
    return this.channel.send(c, timeoutMs);
  }

  private async poll(): Promise<void> {
    const find = await this.command(COMMANDS.findCard, this.o.commandTimeoutMs);
    this.lastErrorKey = '';
    if (find.sw3 !== SW3.CARD_FOUND) {
      if (find.sw3 !== SW3.FIND_FAILED) throw new DeviceError('READER_ERROR', `${this.transport.uri}: find card: ${describeSw3(find.sw3)}`);
      if (this.present && ++this.misses >= this.o.removeAfterMisses) {
        this.present = this.reported = false;
        this.attempts = 0;
        this.emit('removed');
      }
      return;
    }
    this.misses = 0;
    this.present = true;
    if (this.reported) return; // same placement, already reported (or given up on)
    try {
      await this.readCard();
    } catch (err) {
      const e = asDeviceError(err, this.transport.uri);
      if (e.code === 'TIMEOUT' || e.code === 'DISCONNECTED') throw e;
      if (++this.attempts >= this.o.maxReadAttempts || e.code === 'CARD_TYPE_UNSUPPORTED' || e.code === 'INVALID_CARD_DATA') {
        // Report once per placement; the citizen must take the card off and try again.
        this.reported = true;
        this.emit('error', e);
      }
    }
  }

  private async readCard(): Promise<void> {
    const sel = await this.command(COMMANDS.selectCard, this.o.commandTimeoutMs);
    if (sel.sw3 !== SW3.OK) throw new DeviceError('READ_FAILED', `${this.transport.uri}: select card: ${describeSw3(sel.sw3)}`);
    const rd = await this.command(COMMANDS.readBase, this.o.readTimeoutMs);
    if (rd.sw3 !== SW3.OK) throw new DeviceError('READ_FAILED', `${this.transport.uri}: read base info: ${describeSw3(rd.sw3)}`);
    let text: Buffer;
    try {
      text = splitReadData(rd.data, false).text; // photo bytes are not copied out
    } catch (err) {
      throw new DeviceError('READ_FAILED', `${this.transport.uri}: ${(err as Error).message}`, err);
    }
    const card = decodeIdText(text);
    this.reported = true;
    this.attempts = 0;
    this.emit('card', card);
  }
}
