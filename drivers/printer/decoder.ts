/**
 * ESC/POS stream decoder: the inverse of escpos.ts, as a printer's firmware
 * would read it. Incremental (a command or a double-byte character may be split
 * across chunks) and strict: anything it does not understand is reported as an
 * `unknown` item so tests notice bytes a real printer would misread.
 */
import iconv from 'iconv-lite';
import type { Align, QrErrorLevel } from './escpos.js';

export interface TextRun {
  text: string;
  width: number;
  height: number;
  bold: boolean;
}

export type PrintedItem =
  /** One printed line (LF-terminated). `dots` is its width on paper in font A. */
  | { kind: 'line'; align: Align; runs: TextRun[]; text: string; dots: number; height: number }
  | { kind: 'qr'; align: Align; data: string; moduleSize: number; errorLevel: QrErrorLevel }
  | { kind: 'cut'; partial: boolean; feed: number }
  | { kind: 'unknown'; bytes: number[] };

export type DecoderEvent = PrintedItem | { kind: 'status-query'; n: number };

const ALIGNS: Align[] = ['left', 'center', 'right'];
const LEVELS: Record<number, QrErrorLevel> = { 0x30: 'L', 0x31: 'M', 0x32: 'Q', 0x33: 'H' };

export interface DecoderOptions {
  /** Many Chinese printers power up in double-byte mode; the strict default catches a missing FS &. */
  chineseModeAtStart?: boolean;
}

/** Width on paper in font A: single-byte characters 12 dots, double-byte 24, times the width multiplier. */
export function runDots(r: TextRun): number {
  let w = 0;
  for (const ch of r.text) w += ch.codePointAt(0)! < 0x80 || ch === '\uFFFD' ? 12 : 24;
  return w * r.width;
}

/** Sentinel: the buffer ends inside a command, wait for more bytes. */
const MORE = -1;

export class EscPosDecoder {
  private buf: Buffer = Buffer.alloc(0);
  private width = 1;
  private height = 1;
  private bold = false;
  private align: Align = 'left';
  private chinese: boolean;
  private lineAlign: Align | null = null;
  private runs: TextRun[] = [];
  private runBytes: number[] = [];
  private qrData: Buffer | null = null;
  private qrModule = 3;
  private qrLevel: QrErrorLevel = 'L';

  constructor(
    private readonly emit: (e: DecoderEvent) => void,
    private readonly opts: DecoderOptions = {},
  ) {
    this.chinese = opts.chineseModeAtStart ?? false;
  }

  push(chunk: Uint8Array): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : Buffer.from(chunk);
    let i = 0;
    while (i < this.buf.length) {
      const used = this.step(i);
      if (used === MORE) break;
      i += used;
    }
    this.buf = this.buf.subarray(i);
  }

  /** Bytes still waiting for the rest of a command or character. */
  get pendingBytes(): number {
    return this.buf.length;
  }

  private reset(): void {
    this.width = this.height = 1;
    this.bold = false;
    this.align = 'left';
    this.chinese = this.opts.chineseModeAtStart ?? false;
    this.lineAlign = null;
    this.runs = [];
    this.runBytes = [];
    this.qrData = null;
  }

  /** Decode one command or character at i; returns bytes consumed or MORE. */
  private step(i: number): number {
    const b = this.buf;
    const avail = b.length - i;
    const at = (k: number): number => b[i + k];
    const c = at(0);

    if (c === 0x0a) {
      this.endLine();
      return 1;
    }
    if (c === 0x0d) return 1; // CR is a no-op when auto line feed is off
    if (c === 0x10) {
      if (avail < 3) return MORE;
      if (at(1) === 0x04) {
        this.emit({ kind: 'status-query', n: at(2) });
        return 3;
      }
      return this.unknown(i, 2);
    }
    if (c === 0x1b) return this.esc(i, avail, at);
    if (c === 0x1d) return this.gs(i, avail, at);
    if (c === 0x1c) {
      if (avail < 2) return MORE;
      if (at(1) === 0x26) this.chinese = true;
      else if (at(1) === 0x2e) this.chinese = false;
      else return this.unknown(i, 2);
      return 2;
    }
    if (c < 0x20 || c === 0x7f) return this.unknown(i, 1);
    return this.char(i, avail, at);
  }

  private esc(i: number, avail: number, at: (k: number) => number): number {
    if (avail < 2) return MORE;
    const cmd = at(1);
    if (cmd === 0x40) {
      this.reset();
      return 2;
    }
    if (cmd === 0x32) return 2; // default line spacing
    if (avail < 3) return MORE;
    const n = at(2);
    switch (cmd) {
      case 0x61: {
        const a = ALIGNS[n >= 0x30 ? n - 0x30 : n];
        if (!a) return this.unknown(i, 3);
        this.closeRun();
        this.align = a;
        return 3;
      }
      case 0x45:
        this.closeRun();
        this.bold = (n & 1) === 1;
        return 3;
      case 0x21: // ESC ! print mode: bit 3 bold, bit 4 double height, bit 5 double width
        this.closeRun();
        this.bold = (n & 0x08) !== 0;
        this.height = n & 0x10 ? 2 : 1;
        this.width = n & 0x20 ? 2 : 1;
        return 3;
      case 0x64:
        this.endLine();
        for (let k = 1; k < n; k++) this.endLine();
        return 3;
      case 0x4a: // feed n dots
      case 0x33: // line spacing
        return 3;
      default:
        return this.unknown(i, 2);
    }
  }

  private gs(i: number, avail: number, at: (k: number) => number): number {
    if (avail < 3) return MORE;
    const cmd = at(1);
    if (cmd === 0x21) {
      this.closeRun();
      this.width = ((at(2) >> 4) & 0x07) + 1;
      this.height = (at(2) & 0x07) + 1;
      return 3;
    }
    if (cmd === 0x56) {
      const m = at(2);
      if (m === 0x00 || m === 0x30 || m === 0x01 || m === 0x31) {
        this.cut(m === 0x01 || m === 0x31, 0);
        return 3;
      }
      if (m === 0x41 || m === 0x42) {
        if (avail < 4) return MORE;
        this.cut(m === 0x42, at(3));
        return 4;
      }
      return this.unknown(i, 3);
    }
    if (cmd === 0x28 && at(2) === 0x6b) {
      if (avail < 5) return MORE;
      const len = at(3) + 256 * at(4);
      if (avail < 5 + len) return MORE;
      this.qr(this.buf.subarray(i + 5, i + 5 + len));
      return 5 + len;
    }
    return this.unknown(i, 2);
  }

  private qr(fn: Buffer): void {
    const [cn, f, m] = [fn[0], fn[1], fn[2]];
    if (cn !== 0x31 || fn.length < 3) return void this.emit({ kind: 'unknown', bytes: [0x1d, 0x28, 0x6b, ...fn] });
    if (f === 0x41) return; // model: only model 2 is emitted, nothing to keep
    if (f === 0x43) this.qrModule = m;
    else if (f === 0x45) this.qrLevel = LEVELS[m] ?? 'L';
    else if (f === 0x50 && m === 0x30) this.qrData = Buffer.from(fn.subarray(3));
    else if (f === 0x51 && this.qrData) {
      if (this.hasLineContent()) this.endLine();
      this.emit({
        kind: 'qr',
        align: this.align,
        data: this.qrData.toString('utf8'),
        moduleSize: this.qrModule,
        errorLevel: this.qrLevel,
      });
    } else this.emit({ kind: 'unknown', bytes: [0x1d, 0x28, 0x6b, ...fn] });
  }

  private char(i: number, avail: number, at: (k: number) => number): number {
    const c = at(0);
    let len = 1;
    if (c >= 0x81 && c <= 0xfe && this.chinese) {
      if (avail < 2) return MORE;
      len = at(1) >= 0x30 && at(1) <= 0x39 ? 4 : 2;
      if (avail < len) return MORE;
    }
    this.lineAlign ??= this.align;
    if (c >= 0x80 && !this.chinese) {
      // Not in double-byte mode a real printer shows a code-page symbol; mark it.
      this.closeRun();
      this.runBytes = [];
      this.pushRunText('\uFFFD');
      return 1;
    }
    for (let k = 0; k < len; k++) this.runBytes.push(at(k));
    return len;
  }

  private pushRunText(text: string): void {
    const last = this.runs[this.runs.length - 1];
    if (last && last.width === this.width && last.height === this.height && last.bold === this.bold) last.text += text;
    else this.runs.push({ text, width: this.width, height: this.height, bold: this.bold });
  }

  private closeRun(): void {
    if (this.runBytes.length === 0) return;
    this.pushRunText(iconv.decode(Buffer.from(this.runBytes), 'gb18030'));
    this.runBytes = [];
  }

  private hasLineContent(): boolean {
    return this.runBytes.length > 0 || this.runs.length > 0;
  }

  private endLine(): void {
    this.closeRun();
    const runs = this.runs;
    const dots = runs.reduce((s, r) => s + runDots(r), 0);
    const height = runs.length ? Math.max(...runs.map((r) => r.height)) : this.height;
    this.emit({ kind: 'line', align: this.lineAlign ?? this.align, runs, text: runs.map((r) => r.text).join(''), dots, height });
    this.runs = [];
    this.lineAlign = null;
  }

  private cut(partial: boolean, feed: number): void {
    if (this.hasLineContent()) this.endLine();
    this.emit({ kind: 'cut', partial, feed });
  }

  private unknown(i: number, n: number): number {
    this.emit({ kind: 'unknown', bytes: [...this.buf.subarray(i, i + n)] });
    return n;
  }
}
