import { describe, expect, it } from 'vitest';
import { EscPosDecoder, type DecoderEvent } from '../../../../drivers/printer/decoder.js';
import { escpos } from '../../../../drivers/printer/escpos.js';
import { renderTicket } from '../../../../drivers/printer/ticket-layout.js';
import { TICKET } from './fixtures.js';

function run(chunks: Buffer[], opts = {}): DecoderEvent[] {
  const out: DecoderEvent[] = [];
  const d = new EscPosDecoder((e) => out.push(e), opts);
  for (const c of chunks) d.push(c);
  return out;
}

describe('ESC/POS decoder', () => {
  it('decodes the same ticket whether it arrives whole or one byte at a time', () => {
    const bytes = renderTicket(TICKET);
    const whole = run([bytes]);
    const bytewise = run([...bytes].map((b) => Buffer.from([b])));
    expect(bytewise).toEqual(whole);
    expect(whole.length).toBeGreaterThan(10);
  });

  it('keeps a GB18030 character split across chunks intact', () => {
    const b = escpos().chineseMode().line('请').bytes(); // 1c 26 c7 eb 0a
    const out = run([b.subarray(0, 3), b.subarray(3)]);
    expect(out).toEqual([{ kind: 'line', align: 'left', runs: [{ text: '请', width: 1, height: 1, bold: false }], text: '请', dots: 24, height: 1 }]);
  });

  it('records size, bold and alignment per run', () => {
    const b = escpos().chineseMode().align('right').bold().size(2, 3).text('大').bold(false).size(1).text('a').feed().bytes();
    const [line] = run([b]);
    expect(line).toMatchObject({ kind: 'line', align: 'right', text: '大a', dots: 48 + 12, height: 3 });
    expect(line.kind === 'line' && line.runs).toEqual([
      { text: '大', width: 2, height: 3, bold: true },
      { text: 'a', width: 1, height: 1, bold: false },
    ]);
  });

  it('reports DLE EOT queries mid-stream', () => {
    const out = run([Buffer.from([0x10, 0x04]), Buffer.from([0x01, 0x41, 0x10, 0x04, 0x04, 0x0a])]);
    expect(out.map((e) => e.kind)).toEqual(['status-query', 'status-query', 'line']);
    expect(out[0]).toEqual({ kind: 'status-query', n: 1 });
    expect(out[1]).toEqual({ kind: 'status-query', n: 4 });
  });

  it('shows what a printer without FS & would print: not Chinese', () => {
    const [line] = run([Buffer.concat([escpos().text('号').bytes(), Buffer.from([0x0a])])]);
    expect(line.kind === 'line' && line.text).toBe('\uFFFD\uFFFD');
  });

  it('reports unknown commands instead of printing them', () => {
    const out = run([Buffer.from([0x1b, 0x7a, 0x41, 0x0a])]);
    expect(out[0]).toEqual({ kind: 'unknown', bytes: [0x1b, 0x7a] });
  });

  it('decodes both cut forms', () => {
    const out = run([Buffer.from([0x1d, 0x56, 0x00, 0x1d, 0x56, 0x42, 0x05])]);
    expect(out).toEqual([
      { kind: 'cut', partial: false, feed: 0 },
      { kind: 'cut', partial: true, feed: 5 },
    ]);
  });
});
