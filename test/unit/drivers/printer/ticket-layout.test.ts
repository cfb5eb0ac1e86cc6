import { describe, expect, it } from 'vitest';
import { EscPosDecoder, type PrintedItem } from '../../../../drivers/printer/decoder.js';
import { PAPER, numberScale, renderTicket } from '../../../../drivers/printer/ticket-layout.js';
import { TICKET } from './fixtures.js';


function decode(bytes: Buffer): PrintedItem[] {
  const items: PrintedItem[] = [];
  const d = new EscPosDecoder((e) => {
    if (e.kind !== 'status-query') items.push(e);
  });
  d.push(bytes);
  expect(d.pendingBytes).toBe(0);
  return items;
}

const lines = (items: PrintedItem[]) => items.filter((i): i is Extract<PrintedItem, { kind: 'line' }> => i.kind === 'line');

describe('ticket layout', () => {
  it('starts with ESC @, FS & and ends with a partial cut', () => {
    const b = renderTicket(TICKET);
    expect(b.subarray(0, 4).toString('hex')).toBe('1b401c26');
    expect(b.subarray(-4).toString('hex')).toBe('1d564200');
  });

  for (const paperWidth of [58, 80] as const) {
    it(`prints every field, legibly, on ${paperWidth} mm paper`, () => {
      const items = decode(renderTicket({ ...TICKET, paperWidth }));
      expect(items.filter((i) => i.kind === 'unknown')).toEqual([]);
      const ls = lines(items);
      const text = ls.map((l) => l.text).join('\n');
      expect(text.replace(/\n/g, '')).toContain('某某县政务服务中心（一站式服务大厅）');
      expect(text).toContain('不动产登记（二手房转移登记）');
      expect(text).toContain('前面还有 3 人等候');
      expect(text).toContain('预计等待约 12 分钟');
      expect(text).toContain('取号时间：2026-03-02 09:15');
      expect(text).toContain('姓名：张*三');
      expect(text.replace(/\n/g, '')).toContain('本票当日有效');

      const num = ls.find((l) => l.text === 'A012')!;
      expect(num.align).toBe('center');
      expect(num.runs[0].width).toBeGreaterThanOrEqual(4);
      expect(num.runs[0].height).toBeGreaterThanOrEqual(4);
      expect(num.runs[0].bold).toBe(true);

      for (const l of ls) expect(l.dots, `line "${l.text}" overflows`).toBeLessThanOrEqual(PAPER[paperWidth].dots);

      const qr = items.find((i) => i.kind === 'qr');
      expect(qr).toMatchObject({ data: TICKET.qrUrl, align: 'center', errorLevel: 'M' });
      expect(items[items.length - 1]).toMatchObject({ kind: 'cut', partial: true });
      expect(items.filter((i) => i.kind === 'cut')).toHaveLength(1);
    });
  }

  it('wraps a long hall name at double width within the paper', () => {
    const items = decode(renderTicket({ ...TICKET, paperWidth: 58, hallName: '河南省某某市某某县人民政府政务服务中心一站式服务大厅' }));
    const hall = lines(items).filter((l) => l.runs[0]?.width === 2);
    expect(hall.length).toBeGreaterThan(1);
    for (const l of hall) expect(l.dots).toBeLessThanOrEqual(384);
  });

  it('omits the name line when no masked name is given, and the QR when there is no URL', () => {
    const items = decode(renderTicket({ ...TICKET, maskedName: undefined, qrUrl: '' }));
    expect(lines(items).some((l) => l.text.includes('姓名'))).toBe(false);
    expect(items.some((i) => i.kind === 'qr')).toBe(false);
  });

  it('uses the labels it is given (en ticket)', () => {
    const items = decode(
      renderTicket({
        ...TICKET,
        labels: { peopleAhead: '{n} people ahead of you', estimatedWait: 'About {minutes} min', issuedAt: 'Issued {time}', qrHint: 'Scan to follow' },
      }),
    );
    const text = lines(items).map((l) => l.text);
    expect(text).toContain('3 people ahead of you');
    expect(text).toContain('About 12 min');
    expect(text).toContain('Scan to follow');
  });

  it('shrinks only numbers that would not fit', () => {
    expect(numberScale('A012', 58)).toBeGreaterThanOrEqual(4);
    expect(numberScale('A012', 80)).toBeGreaterThanOrEqual(4);
    expect(numberScale('VIP-A0123', 58) * 9 * 12).toBeLessThanOrEqual(384);
  });

  it('rejects impossible values', () => {
    expect(() => renderTicket({ ...TICKET, peopleAhead: -1 })).toThrow(RangeError);
    expect(() => renderTicket({ ...TICKET, peopleAhead: 1.5 })).toThrow(RangeError);
    expect(() => renderTicket({ ...TICKET, number: '  ' })).toThrow(RangeError);
    expect(() => renderTicket({ ...TICKET, paperWidth: 76 as 80 })).toThrow(RangeError);
  });

  it('is deterministic', () => {
    expect(renderTicket(TICKET).equals(renderTicket({ ...TICKET }))).toBe(true);
  });
});
