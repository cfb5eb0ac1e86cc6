/**
 * The queue ticket, as ESC/POS bytes. Pure: the same layout always gives the
 * same bytes, so tests can pin them and the virtual printer can read them back.
 *
 * The driver never sees a ticket, only this plain layout; labels are passed in
 * (zh-CN defaults) so the server can print zh-TW / en tickets without the
 * driver knowing about locales.
 */
import QRCode from 'qrcode';
import { escpos, type QrErrorLevel } from './escpos.js';
import { displayWidth, toPrintable, wrapText } from './text.js';

export type PaperWidth = 58 | 80;

/** Font A is 12x24 dots; a 58 mm head has 384 dots, an 80 mm head 576. */
export const PAPER: Record<PaperWidth, { columns: number; dots: number; maxNumberScale: number }> = {
  58: { columns: 32, dots: 384, maxNumberScale: 5 },
  80: { columns: 48, dots: 576, maxNumberScale: 6 },
};
export const FONT_A_HALF_WIDTH_DOTS = 12;

/** `{n}`, `{minutes}`, `{time}`, `{name}` are replaced; everything else is printed as given. */
export interface TicketLabels {
  peopleAhead: string;
  estimatedWait: string;
  issuedAt: string;
  name: string;
  qrHint: string;
}

export const DEFAULT_LABELS: TicketLabels = {
  peopleAhead: '前面还有 {n} 人等候',
  estimatedWait: '预计等待约 {minutes} 分钟',
  issuedAt: '取号时间：{time}',
  name: '姓名：{name}',
  qrHint: '微信/手机扫码查看排队进度',
};

export interface TicketLayout {
  hallName: string;
  serviceName: string;
  /** The ticket number as called, e.g. "A012". */
  number: string;
  peopleAhead: number;
  estimatedWaitMinutes: number;
  /** Already formatted in the hall's time zone and language. */
  issuedAtText: string;
  /** Empty string: no QR code. */
  qrUrl: string;
  notice: string;
  paperWidth: PaperWidth;
  /** Already masked (张*三); the driver never sees a full name. */
  maskedName?: string;
  labels?: Partial<TicketLabels>;
}

const QR_LEVEL: QrErrorLevel = 'M';

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

/** Largest multiplier (up to the paper's cap) at which the number fits on one line. */
export function numberScale(number: string, paperWidth: PaperWidth): number {
  const { dots, maxNumberScale } = PAPER[paperWidth];
  const w = displayWidth(toPrintable(number)) * FONT_A_HALF_WIDTH_DOTS;
  for (let m = maxNumberScale; m > 1; m--) if (w * m <= dots) return m;
  return 1;
}

/** Module size so the symbol (with its 4-module quiet zone each side) takes about half the paper width. */
export function qrModuleSize(url: string, paperWidth: PaperWidth): number {
  const modules = QRCode.create(url, { errorCorrectionLevel: QR_LEVEL }).modules.size + 8;
  return Math.max(2, Math.min(8, Math.floor((PAPER[paperWidth].dots * 0.55) / modules)));
}

function validate(t: TicketLayout): void {
  if (!(t.paperWidth in PAPER)) throw new RangeError(`paperWidth must be 58 or 80, got ${t.paperWidth}`);
  if (!Number.isInteger(t.peopleAhead) || t.peopleAhead < 0) {
    throw new RangeError(`peopleAhead must be a non-negative integer, got ${t.peopleAhead}`);
  }
  if (!Number.isFinite(t.estimatedWaitMinutes) || t.estimatedWaitMinutes < 0) {
    throw new RangeError(`estimatedWaitMinutes must be >= 0, got ${t.estimatedWaitMinutes}`);
  }
  if (toPrintable(t.number).trim() === '') throw new RangeError('ticket number is empty');
}

export function renderTicket(t: TicketLayout): Buffer {
  validate(t);
  const { columns } = PAPER[t.paperWidth];
  const labels = { ...DEFAULT_LABELS, ...t.labels };
  const b = escpos().initialize().chineseMode(true).align('center');

  b.bold(true).size(2);
  for (const l of wrapText(t.hallName, columns / 2)) b.line(l);
  b.size(1).bold(false);
  b.line('-'.repeat(columns));

  b.bold(true).size(1, 2);
  for (const l of wrapText(t.serviceName, columns)) b.line(l);
  b.size(1).bold(false);

  const scale = numberScale(t.number, t.paperWidth);
  b.feed().bold(true).size(scale).line(t.number.trim()).size(1).bold(false).feed();

  const info: string[] = [];
  if (t.maskedName) info.push(fill(labels.name, { name: t.maskedName }));
  info.push(fill(labels.peopleAhead, { n: t.peopleAhead }));
  info.push(fill(labels.estimatedWait, { minutes: Math.round(t.estimatedWaitMinutes) }));
  info.push(fill(labels.issuedAt, { time: t.issuedAtText }));
  for (const text of info) for (const l of wrapText(text, columns)) b.line(l);

  if (t.qrUrl) {
    b.feed().qr(t.qrUrl, qrModuleSize(t.qrUrl, t.paperWidth), QR_LEVEL).feed();
    for (const l of wrapText(labels.qrHint, columns)) b.line(l);
  }

  if (t.notice.trim()) {
    b.line('-'.repeat(columns)).align('left');
    for (const l of wrapText(t.notice, columns)) b.line(l);
  }

  // Feed past the tear bar before the partial cut, so the notice is not cut through.
  return b.feed(3).cut(0).bytes();
}
