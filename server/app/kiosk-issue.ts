import type { Lang, Ticket } from '../../common/types.js';
import type { TicketLayout } from '../../drivers/printer/index.js';
import { localParts } from '../domain/business-day.js';
import { DomainError } from '../domain/errors.js';
import type { TicketRecord } from '../domain/model.js';
import type { CardHolder } from './identity-service.js';
import { qrBaseUrl } from './public-url.js';
import type { Actor } from '../store/event-log.js';
import type { Hall } from './hall.js';
import type { IssueRequest } from './issue-ticket.js';

/** What the kiosk flow needs from the device layer (the DeviceManager or a kiosk agent). */
export interface KioskPrinter {
  readonly paperWidth: 58 | 80;
  check(): Promise<void>;
  print(layout: TicketLayout): Promise<void>;
}

export interface KioskDevicesPort {
  printerFor(kioskId: string): KioskPrinter | null;
  cardIdentity(kioskId: string, cardToken: string): CardHolder | null;
  /** Why the kiosk cannot take tickets now (its agent is expected but not connected), or null. */
  kioskUnavailable(kioskId: string): string | null;
}

const PRINTER_MESSAGES: Record<string, string> = {
  PAPER_OUT: 'The ticket printer is out of paper. Please go to the help desk; no ticket was taken.',
  COVER_OPEN: 'The ticket printer cover is open. Please go to the help desk; no ticket was taken.',
  OFFLINE: 'The ticket printer is not working. Please go to the help desk; no ticket was taken.',
  TIMEOUT: 'The ticket printer did not answer. Please go to the help desk; no ticket was taken.',
};

export function printerError(err: unknown): DomainError {
  const code = (err as { code?: string }).code ?? 'PRINTER_ERROR';
  const message = PRINTER_MESSAGES[code] ?? 'The ticket printer cannot print right now. Please go to the help desk; no ticket was taken.';
  return new DomainError(code.startsWith('PRINTER_') ? code : `PRINTER_${code}`, message);
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A kiosk's ticket: printer checked first, ticket committed, then printed; if
 * the print fails the ticket is cancelled at once, so no ghost waits in the queue.
 * A retried request (same Idempotency-Key) prints only a ticket never printed.
 */
export async function issueAtKiosk(
  hall: Hall,
  devices: KioskDevicesPort,
  req: IssueRequest & { kioskId: string; cardToken?: string; baseUrl: string; lang: Lang },
): Promise<{ ticket: Ticket; replayed: boolean; printed: boolean; trackUrl: string }> {
  const down = devices.kioskUnavailable(req.kioskId);
  if (down) throw new DomainError('KIOSK_AGENT_OFFLINE', down);
  let identity = req.identity;
  let birthDate = req.birthDate;
  if (req.cardToken) {
    const card = devices.cardIdentity(req.kioskId, req.cardToken);
    if (!card) throw new DomainError('CARD_EXPIRED', 'Please place your ID card on the reader again', 'cardToken');
    ({ identity, birthDate } = card);
  }
  const printer = devices.printerFor(req.kioskId);
  if (printer) {
    try {
      await printer.check();
    } catch (err) {
      throw printerError(err);
    }
  }
  const { ticket, record, replayed } = await hall.issue({ ...req, identity, birthDate, cardProven: !!req.cardToken });
  // The same link as on the paper, for the kiosk's screen (its own origin may be localhost).
  const trackUrl = `${qrBaseUrl(hall.ctx.settings().publicBaseUrl, req.baseUrl)}/t/${record.trackToken}`;
  if (!printer) return { ticket, replayed, printed: false, trackUrl };
  if (replayed && (record.status !== 'waiting' || hall.wasPrinted(record.id))) {
    if (record.status === 'cancelled') throw new DomainError('TICKET_CANCELLED', 'This ticket was cancelled because it could not be printed; please start again');
    return { ticket, replayed, printed: true, trackUrl };
  }
  try {
    await printer.print(layoutFor(hall, record, ticket, printer.paperWidth, req.baseUrl, req.lang));
  } catch (err) {
    hall.cancel(record.id, `print failed: ${(err as { code?: string }).code ?? 'error'}`, req.actor);
    throw printerError(err);
  }
  // The citizen holds the paper now: failing to note that it was printed (disk full) must not
  // cancel a valid ticket; at worst a retry of this very request prints it once more.
  try {
    hall.markPrinted(record.id, req.actor);
  } catch {
    // the ticket stands
  }
  return { ticket, replayed, printed: true, trackUrl };
}

function layoutFor(hall: Hall, record: TicketRecord, ticket: Ticket, paperWidth: 58 | 80, baseUrl: string, lang: Lang): TicketLayout {
  const s = hall.ctx.settings();
  const service = hall.ctx.store.config.service(record.serviceId);
  const p = localParts(new Date(record.issuedAt), s.timeZone);
  const base = qrBaseUrl(s.publicBaseUrl, baseUrl);
  return {
    hallName: s.hallName[lang] ?? s.hallName['zh-CN'],
    serviceName: service ? (service.name[lang] ?? service.name['zh-CN']) : record.serviceId,
    number: record.number,
    peopleAhead: ticket.waitingAhead,
    estimatedWaitMinutes: Math.ceil(ticket.estimatedWaitSeconds / 60),
    issuedAtText: `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`,
    qrUrl: `${base}/t/${record.trackToken}`, // the same as trackUrl
    notice: '请留意叫号，过号请到服务台',
    paperWidth,
    maskedName: record.identity?.maskedName,
  };
}
