/**
 * The installer pages drivers/{led,keypad,printer,idcard}/README.md give
 * example frames byte by byte: each row must be exactly what the encoder sends
 * (or, for a board's answer, what the driver accepts), so the docs stay true.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodeHidKey, encodeHidRateRequest, encodeHidRating } from '../../../drivers/keypad/hid-report.js';
import { encodeAck, encodeDisplay, encodeEvaluation, encodeKey, encodeRateRequest, MSG } from '../../../drivers/keypad/protocol.js';
import { ackFrame, decodeCommand, decodeFrame, encodeBrightness, encodeClear, encodeFrame, encodeText, PROFILES } from '../../../drivers/led/index.js';
import { COMMANDS, encodeCommand, encodeReply, SW3 } from '../../../drivers/idcard/frame.js';
import { notPrintable, statusHealth } from '../../../drivers/printer/readiness.js';
import { encodeStatus, parseStatus, type PrinterStatus } from '../../../drivers/printer/status.js';
import { renderTicket } from '../../../drivers/printer/ticket-layout.js';
import { formatLed } from '../../../server/devices/led-device.js';
import { TICKET } from './printer/fixtures.js';

const hex = (b: Uint8Array) => [...b].map((x) => x.toString(16).toUpperCase().padStart(2, '0')).join(' ');
const readme = (p: string) => readFileSync(new URL(`../../../${p}`, import.meta.url), 'utf8');

/** The frame in the table row whose first cell is `label`. */
function rowFrame(doc: string, label: string): string {
  const row = doc.split('\n').find((l) => l.startsWith(`| ${label} |`));
  if (!row) throw new Error(`no row "${label}"`);
  const m = /\|\s*`([0-9A-F ]+)`(.*)\|\s*$/.exec(row);
  if (!m) throw new Error(`row "${label}" has no frame`);
  return m[1].trim() + (m[2].includes('27 × `00`') ? ' 00'.repeat(27) : '');
}

describe('drivers/led/README.md example frames', () => {
  const doc = readme('drivers/led/README.md');
  const [w, b, s] = [PROFILES['window-3a'], PROFILES['bus-crc16'], PROFILES['strip-xor']];
  const rows: [string, Buffer][] = [
    ['line 1 `请A012号`', encodeText(w, 1, '请A012号')],
    ['line 2 `5号窗口`', encodeText(w, 1, '5号窗口', 2)],
    ['clear', encodeClear(w, 1)],
    ['brightness 8', encodeBrightness(w, 1, 8)],
    ['board 5, line 1 `请A012号`', encodeText(b, 5, '请A012号')],
    ['its ack', encodeFrame(b.frame, ackFrame(b, 5, 0x10)!)],
    ['its nak (refused)', encodeFrame(b.frame, ackFrame(b, 5, 0x10, true)!)],
    ['board 5, clear', encodeClear(b, 5)],
    ['board 1, `请A012号到5号窗口`', encodeText(s, 1, '请A012号到5号窗口')],
    ['board 1, clear', encodeClear(s, 1)],
  ];
  it.each(rows)('%s', (label, bytes) => {
    expect(rowFrame(doc, label)).toBe(hex(bytes));
  });

  it('the documented default texts are what the boards get', () => {
    const call = { ticketNumber: 'A012', windowNumber: 5 };
    expect(doc).toContain('`请{number}号` (`请A012号`)');
    expect(formatLed('请{number}号', call)).toBe('请A012号');
    expect(doc).toContain('`请{number}号到{window}号窗口` (`请A012号到5号窗口`)');
    expect(formatLed('请{number}号到{window}号窗口', call)).toBe('请A012号到5号窗口');
    // and a documented frame decodes back to its text
    const f = decodeFrame(w.frame, Buffer.from(rowFrame(doc, 'line 1 `请A012号`').split(' ').map((x) => parseInt(x, 16))));
    expect(decodeCommand(w, f)).toEqual({ kind: 'text', address: 1, line: 1, text: '请A012号' });
  });
});

describe('drivers/keypad/README.md example frames', () => {
  const doc = readme('drivers/keypad/README.md');
  const rows: [string, Buffer][] = [
    ['key press: call next, seq 1', encodeKey(5, 1, 'call-next')],
    ['host’s ack of it', encodeAck(5, MSG.key, 1)],
    ['evaluation: grade 5, seq 2, no reason', encodeEvaluation(5, 2, 5)],
    ['please rate, 30 s', encodeRateRequest(5, 30)],
    ['display `A012`', encodeDisplay(5, 'A012')],
    ['key press: call next', encodeHidKey(0, 'call-next')],
    ['rating: grade 4', encodeHidRating(0, 4)],
    ['please rate at address 5, 30 s', encodeHidRateRequest(5, 30)],
  ];
  it.each(rows)('%s', (label, bytes) => {
    expect(rowFrame(doc, label)).toBe(hex(bytes));
  });

  it('the evaluation ack row follows the evaluation row', () => {
    const lines = doc.split('\n');
    const i = lines.findIndex((l) => l.startsWith('| evaluation: grade 5, seq 2, no reason |'));
    expect(lines[i + 1]).toContain(`\`${hex(encodeAck(5, MSG.evaluation, 2))}\``);
  });
});

/** The cells of the table row whose first cell is `label`, without the backticks. */
function rowCells(doc: string, label: string): string[] {
  const row = doc.split('\n').find((l) => l.startsWith(`| ${label} |`));
  if (!row) throw new Error(`no row "${label}"`);
  return row.split('|').slice(1, -1).map((c) => c.trim().replace(/`/g, ''));
}

describe('drivers/printer/README.md', () => {
  const doc = readme('drivers/printer/README.md');

  it('gives the bytes a ticket starts and ends with', () => {
    const ticket = hex(renderTicket(TICKET));
    expect(ticket.startsWith(rowFrame(doc, 'ticket start: initialise, Chinese mode on'))).toBe(true);
    expect(ticket.endsWith(rowFrame(doc, 'ticket end: feed 3 lines, then partial cut'))).toBe(true);
  });

  const idle = { online: true, coverOpen: false, paperOut: false, paperNearEnd: false, error: false };
  const states: [string, Omit<PrinterStatus, 'raw'>][] = [
    ['ready', idle],
    ['paper near end', { ...idle, paperNearEnd: true }],
    ['paper out', { ...idle, paperOut: true }],
    ['cover open', { ...idle, coverOpen: true }],
    ['error (cutter jam, head too hot)', { ...idle, error: true }],
    ['offline (feed button held)', { ...idle, online: false }],
  ];
  it.each(states)('status row "%s": the replies, the refusal and the health shown', (label, state) => {
    const [, replies, refused, health] = rowCells(doc, label);
    const bytes = encodeStatus(state);
    expect(replies).toBe(hex(Uint8Array.from(bytes)));
    const status = parseStatus(...bytes);
    expect(refused.startsWith('—') ? undefined : refused).toBe(notPrintable(status)?.code);
    const h = statusHealth(status);
    expect(health).toBe(`${h.state}: ${h.detail}`);
  });
});

describe('drivers/idcard/README.md example frames', () => {
  const doc = readme('drivers/idcard/README.md');
  const rows: [string, Buffer][] = [
    ['find card', encodeCommand(COMMANDS.findCard)],
    ['select card', encodeCommand(COMMANDS.selectCard)],
    ['read base info (text + photo)', encodeCommand(COMMANDS.readBase)],
    ['read SAM id', encodeCommand(COMMANDS.samId)],
    ['SAM status', encodeCommand(COMMANDS.samStatus)],
    ['ok (SW3 `90`)', encodeReply(SW3.OK)],
    ['no card (find failed, SW3 `80`)', encodeReply(SW3.FIND_FAILED)],
    ['read failed (SW3 `41`)', encodeReply(SW3.READ_FAILED)],
  ];
  it.each(rows)('%s', (label, bytes) => {
    expect(rowFrame(doc, label)).toBe(hex(bytes));
  });
});
