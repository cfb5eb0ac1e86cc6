/**
 * Ticket printer (ESC/POS).
 *
 *   const printer = new Printer(transport);            // any Transport: serial, tcp, file, sim
 *   await printer.open();
 *   const s = await printer.status();                  // { online, coverOpen, paperOut, paperNearEnd, error }
 *   await printer.printTicket({ hallName, serviceName, number: 'A012', peopleAhead: 3,
 *     estimatedWaitMinutes: 12, issuedAtText: '2026-03-02 09:15', qrUrl, notice, paperWidth: 80 });
 *   // rejects with DeviceError code PAPER_OUT | COVER_OPEN | PRINTER_ERROR | OFFLINE | TIMEOUT | BAD_REPLY
 *   // before any ticket byte is sent; CLOSED when disposed while waiting for a status reply.
 *
 * Demo / tests: registerPrinterSimulator() then 'sim:printer?paper=near-end', or
 * `new PrinterSimulator(deviceEnd)` on the other end of createPair(),
 * then `renderAscii(ticket.items, 80)` or `renderSvg(...)` to see the ticket.
 */
export { Printer, type PrinterOptions, type PrintResult } from './printer.js';
export { assertPrintable, notPrintable, statusHealth } from './readiness.js';
export { renderTicket, numberScale, qrModuleSize, PAPER, DEFAULT_LABELS } from './ticket-layout.js';
export type { TicketLayout, TicketLabels, PaperWidth } from './ticket-layout.js';
export { EscPosBuilder, escpos, qrCommands } from './escpos.js';
export type { Align, QrErrorLevel } from './escpos.js';
export { STATUS_QUERIES, parseStatus, encodeStatus, isStatusByte, type PrinterStatus } from './status.js';
export { toPrintable, encodeText, displayWidth, wrapText, SUBSTITUTE } from './text.js';
export { EscPosDecoder, type PrintedItem, type TextRun, type DecoderEvent } from './decoder.js';
export { PrinterSimulator, registerPrinterSimulator, type PrinterSimState, type PrintedTicket, type PaperState } from './simulator.js';
export { renderAscii, renderSvg } from './render.js';
