/**
 * Pictures of what the virtual printer printed: monospace text for logs and
 * test failure messages, SVG for the demo and the admin UI's device page.
 * Works from decoded items, so it shows what the printer understood, not what
 * we meant to send.
 */
import QRCode from 'qrcode';
import { runDots, type PrintedItem } from './decoder.js';
import { PAPER, type PaperWidth } from './ticket-layout.js';

const cols = (ch: string): number => (ch.codePointAt(0)! < 0x80 || ch === '\uFFFD' ? 1 : 2);

function qrRows(data: string, level: 'L' | 'M' | 'Q' | 'H'): boolean[][] {
  const m = QRCode.create(data, { errorCorrectionLevel: level }).modules;
  const rows: boolean[][] = [];
  for (let y = 0; y < m.size; y++) {
    const row: boolean[] = [];
    for (let x = 0; x < m.size; x++) row.push(m.data[y * m.size + x] === 1);
    rows.push(row);
  }
  return rows;
}

function place(content: string, width: number, columns: number, align: 'left' | 'center' | 'right'): string {
  const free = Math.max(0, columns - width);
  const left = align === 'left' ? 0 : align === 'right' ? free : Math.floor(free / 2);
  return ' '.repeat(left) + content + ' '.repeat(Math.max(0, free - left));
}

/**
 * One text row per printed line inside a paper-width box. A character printed
 * n times wide is followed by spaces so alignment matches the paper; a
 * height multiplier is noted after the box (`x4`), an overflowing line with `!`.
 */
export function renderAscii(items: PrintedItem[], paperWidth: PaperWidth): string {
  const { columns, dots } = PAPER[paperWidth];
  const out: string[] = [];
  const box = (s: string, note = ''): void => void out.push(`|${s}|${note}`);
  for (const it of items) {
    if (it.kind === 'line') {
      let content = '';
      let width = 0;
      for (const r of it.runs) {
        for (const ch of r.text) {
          content += ch + ' '.repeat((r.width - 1) * cols(ch));
          width += cols(ch) * r.width;
        }
      }
      const notes = [it.height > 1 ? `x${it.height}` : '', it.dots > dots ? '!overflow' : ''].filter(Boolean).join(' ');
      box(place(content, width, columns, it.align), notes ? ` ${notes}` : '');
    } else if (it.kind === 'qr') {
      const rows = qrRows(it.data, it.errorLevel);
      // Two modules per character cell vertically keeps the symbol roughly square.
      for (let y = 0; y < rows.length; y += 2) {
        let s = '';
        for (let x = 0; x < rows.length; x++) {
          const top = rows[y][x];
          const bottom = rows[y + 1]?.[x] ?? false;
          s += top && bottom ? '█' : top ? '▀' : bottom ? '▄' : ' ';
        }
        box(place(s, rows.length, columns, it.align));
      }
      // The payload in full under the symbol, wrapped at the paper's width.
      const label = `[QR ${it.errorLevel}] ${it.data}`;
      for (let i = 0; i < label.length; i += columns) box(label.slice(i, i + columns).padEnd(columns));
    } else if (it.kind === 'cut') {
      out.push(`${'-'.repeat(columns / 2 - 2)} 8< ${'-'.repeat(columns / 2 - 2)}`);
    } else {
      box(`<? ${it.bytes.map((b) => b.toString(16).padStart(2, '0')).join(' ')}>`.slice(0, columns).padEnd(columns));
    }
  }
  return out.join('\n');
}

const esc = (s: string): string => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** An SVG the size of the paper in printer dots (1 unit = 1 dot). */
export function renderSvg(items: PrintedItem[], paperWidth: PaperWidth): string {
  const { dots } = PAPER[paperWidth];
  const body: string[] = [];
  let y = 8;
  const xFor = (w: number, align: 'left' | 'center' | 'right'): number =>
    align === 'left' ? 0 : align === 'right' ? dots - w : Math.floor((dots - w) / 2);
  for (const it of items) {
    if (it.kind === 'line') {
      const lineH = 24 * it.height;
      let x = xFor(it.dots, it.align);
      for (const r of it.runs) {
        const w = runDots(r);
        if (r.text.trim()) {
          body.push(
            `<text x="${x}" y="${y + lineH - 4 * r.height}" font-size="${24 * r.height}" textLength="${w}" lengthAdjust="spacingAndGlyphs"${r.bold ? ' font-weight="bold"' : ''}>${esc(r.text)}</text>`,
          );
        }
        x += w;
      }
      y += lineH + 6;
    } else if (it.kind === 'qr') {
      const rows = qrRows(it.data, it.errorLevel);
      const m = it.moduleSize;
      const x0 = xFor(rows.length * m, it.align);
      let d = '';
      rows.forEach((row, ry) => row.forEach((dark, rx) => (d += dark ? `M${x0 + rx * m} ${y + ry * m}h${m}v${m}h-${m}z` : '')));
      body.push(`<path d="${d}" fill="#000"/>`);
      y += rows.length * m + 6;
    } else if (it.kind === 'cut') {
      body.push(`<line x1="0" y1="${y + 4}" x2="${dots}" y2="${y + 4}" stroke="#888" stroke-dasharray="8 6"/>`);
      y += 12;
    }
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${dots}" height="${y + 8}" viewBox="0 0 ${dots} ${y + 8}" font-family="'Noto Sans Mono CJK SC', 'WenQuanYi Zen Hei Mono', monospace">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    ...body,
    '</svg>',
  ].join('\n');
}
