/**
 * A virtual ESC/POS printer on the device end of a Transport: answers DLE EOT
 * from a settable state and "prints" what it decodes, ticket by ticket (a cut
 * ends a ticket). Used by tests, by the `sim:printer` demo device and over a pty.
 */
import { registerSimulator } from '../transport/sim.js';
import type { Transport } from '../transport/types.js';
import { EscPosDecoder, type DecoderEvent, type PrintedItem } from './decoder.js';
import { encodeStatus } from './status.js';

export type PaperState = 'ok' | 'near-end' | 'out';

export interface PrinterSimState {
  paper: PaperState;
  coverOpen: boolean;
  /** Offline for another reason (e.g. feed button held). */
  offline: boolean;
  /** Error bit (cutter jam). */
  error: boolean;
  /** Powered off / cable cut: DLE EOT goes unanswered. */
  noReply: boolean;
}

export interface PrintedTicket {
  items: PrintedItem[];
}

export class PrinterSimulator {
  state: PrinterSimState = { paper: 'ok', coverOpen: false, offline: false, error: false, noReply: false };
  /** Finished tickets (ended by a cut). */
  readonly tickets: PrintedTicket[] = [];
  /** Items printed since the last cut. */
  current: PrintedItem[] = [];
  /** Status queries received, in order (1, 2, 4…). */
  readonly queries: number[] = [];
  /** Decoded items that were not status queries (lines, QR, cuts, unknown bytes), printed or lost. */
  itemsReceived = 0;
  /** Items decoded while not printable: a real printer would have lost or delayed them. */
  readonly lost: PrintedItem[] = [];
  private decoder: EscPosDecoder;
  private ticketListeners = new Set<(t: PrintedTicket) => void>();
  private readonly unsubscribe: () => void;

  constructor(
    readonly transport: Transport,
    opts: { chineseModeAtStart?: boolean; state?: Partial<PrinterSimState> } = {},
  ) {
    Object.assign(this.state, opts.state);
    this.decoder = new EscPosDecoder((e) => this.onEvent(e), { chineseModeAtStart: opts.chineseModeAtStart });
    this.unsubscribe = transport.onData((chunk) => this.receive(chunk));
  }

  setState(patch: Partial<PrinterSimState>): void {
    Object.assign(this.state, patch);
  }

  onTicket(listener: (t: PrintedTicket) => void): () => void {
    this.ticketListeners.add(listener);
    return () => this.ticketListeners.delete(listener);
  }

  /** Resolves with the next ticket that gets cut. */
  nextTicket(): Promise<PrintedTicket> {
    return new Promise((resolve) => {
      const off = this.onTicket((t) => {
        off();
        resolve(t);
      });
    });
  }

  dispose(): void {
    this.unsubscribe();
  }

  /** Feed bytes as if they came down the wire (also used directly by tests). */
  receive(chunk: Uint8Array): void {
    this.decoder.push(chunk);
  }

  private printable(): boolean {
    const s = this.state;
    return s.paper !== 'out' && !s.coverOpen && !s.offline && !s.error && !s.noReply;
  }

  private onEvent(e: DecoderEvent): void {
    if (e.kind === 'status-query') {
      this.queries.push(e.n);
      this.answer(e.n);
      return;
    }
    this.itemsReceived++;
    if (!this.printable()) {
      this.lost.push(e);
      return;
    }
    if (e.kind === 'cut') {
      const t = { items: this.current };
      this.current = [];
      this.tickets.push(t);
      for (const l of [...this.ticketListeners]) l(t);
      return;
    }
    this.current.push(e);
  }

  private answer(n: number): void {
    const s = this.state;
    if (s.noReply) return;
    const [printer, cause, paper] = encodeStatus({
      online: !s.offline,
      coverOpen: s.coverOpen,
      paperOut: s.paper === 'out',
      paperNearEnd: s.paper === 'near-end',
      error: s.error,
    });
    const reply = n === 1 ? printer : n === 2 ? cause : n === 4 ? paper : null;
    if (reply === null) return; // n = 3 (error cause) is not modelled: stay silent like many clones
    this.transport.write(Buffer.from([reply])).catch(() => {
      // the host end went away; a real printer would not notice either
    });
  }
}

const PAPER_STATES: PaperState[] = ['ok', 'near-end', 'out'];

/**
 * Make `sim:printer` URIs work: `sim:printer?paper=near-end&cover=open`.
 * The simulator behind a transport is reachable with simulatorOf(transport).
 */
export function registerPrinterSimulator(): void {
  registerSimulator('printer', (device, params) => {
    const paper = (params.paper ?? 'ok') as PaperState;
    if (!PAPER_STATES.includes(paper)) throw new Error(`sim:printer: paper must be ${PAPER_STATES.join('|')}, got "${params.paper}"`);
    return new PrinterSimulator(device, { state: { paper, coverOpen: params.cover === 'open' } });
  });
}
