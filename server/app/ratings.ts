import { randomUUID } from 'node:crypto';
import type { RateRequestEvent, RatingCase, RatingSource } from '../../common/supervision.js';
import { daysBetween } from '../domain/appointments.js';
import { DomainError } from '../domain/errors.js';
import {
  assertGrade,
  normalizeReasons,
  openRequest,
  reasonFromCode,
  requestIsOpen,
  type RatingRequest,
  GRADE_LABELS,
  RATING_REASONS,
} from '../domain/ratings.js';
import { toPlatformRecord, type PlatformRatingRecord } from '../domain/rating-platform.js';
import type { Actor } from '../store/event-log.js';
import type { RatingRecord } from '../store/rating-repo.js';
import type { AppContext } from './context.js';

const MAX_EXPORT_DAYS = 31;

/**
 * 好差评: staff ask for a rating after serving a ticket; the citizen answers on
 * the window's evaluator device or its citizen-facing screen. One rating per
 * ticket record, never linked to the citizen.
 */
export class RatingService {
  /** Open requests by window: short-lived, so memory is enough (a restart only closes them early). */
  private open = new Map<string, RatingRequest>();

  constructor(private ctx: AppContext) {}

  private ticketToRate(windowId: string) {
    const { store } = this.ctx;
    if (!store.config.window(windowId)) throw new DomainError('WINDOW_NOT_FOUND', `There is no window "${windowId}"`, 'windowId');
    const id = store.ratings.latestTicketAt(windowId);
    const t = id ? store.tickets.get(id) : null;
    if (!t) throw new DomainError('NOTHING_TO_RATE', 'This window has not served anyone yet, so there is nothing to rate', 'windowId');
    return t;
  }

  /** Opens a request for the window's current or last ticket; the bus tells its evaluator and screen. */
  request(windowId: string, actor: Actor): RateRequestEvent {
    const t = this.ticketToRate(windowId);
    if (this.ctx.store.ratings.forTicket(t.id)) {
      throw new DomainError('ALREADY_RATED', `Ticket ${t.number} has already been rated`, 'windowId');
    }
    const now = this.ctx.now();
    const req = openRequest(windowId, t.id, now, this.ctx.settings().ratingRequestSeconds);
    this.open.set(windowId, req);
    this.ctx.store.events.append({ type: 'rating.requested', at: req.openedAt, windowId, ticketId: t.id }, { ...actor, windowId }, {
      windowId,
      ticketId: t.id,
      expiresAt: req.expiresAt,
    });
    const ev: RateRequestEvent = {
      windowId,
      windowNumber: this.ctx.store.config.window(windowId)!.number,
      ticketNumber: t.number,
      expiresAt: req.expiresAt,
    };
    this.ctx.bus.emit('rateRequest', ev);
    return ev;
  }

  openRequestFor(windowId: string): RatingRequest | null {
    const r = this.open.get(windowId);
    return requestIsOpen(r, this.ctx.now()) ? r : null;
  }

  /**
   * From a citizen-facing screen: only the screen bound to that window (a display
   * client configured `{mode: 'window', window: <number>}`), only while the
   * window's request is open.
   */
  fromScreen(windowId: string, grade: number, reasons: string[] | undefined, actor: Actor, screen: { config: Record<string, unknown> }): RatingRecord {
    const window = this.ctx.store.config.window(windowId);
    if (!window) throw new DomainError('WINDOW_NOT_FOUND', `There is no window "${windowId}"`, 'windowId');
    const bound = screen.config.mode === 'window' ? Number(screen.config.window) : null;
    if (bound !== window.number) {
      throw new DomainError(
        'FORBIDDEN',
        bound === null ? 'Only a window’s own screen can send its ratings; this screen is not bound to a window' : `This screen belongs to window ${bound}; it cannot rate window ${window.number}`,
        'windowId',
      );
    }
    const req = this.openRequestFor(windowId);
    if (!req) {
      throw new DomainError('NO_RATING_REQUEST', 'This window is not asking for a rating right now (it may have expired)', 'windowId');
    }
    return this.record(windowId, req.ticketId, grade, reasons ?? [], 'screen', actor);
  }

  /** From an evaluator device: the open request's ticket, else the window's current or last ticket. */
  fromEvaluator(windowId: string, grade: number, reasonCode: number | null | undefined, actor: Actor): RatingRecord {
    const ticketId = this.openRequestFor(windowId)?.ticketId ?? this.ticketToRate(windowId).id;
    const g = assertGrade(grade);
    const reason = g <= 2 ? reasonFromCode(reasonCode) : null;
    return this.record(windowId, ticketId, g, reason ? [reason] : [], 'evaluator', actor);
  }

  private record(windowId: string, ticketId: string, grade: number, reasons: string[], source: RatingSource, actor: Actor): RatingRecord {
    const { store } = this.ctx;
    const g = assertGrade(grade);
    const why = normalizeReasons(g, reasons);
    const rec = store.tx(() => {
      const t = store.tickets.get(ticketId);
      if (!t) throw new DomainError('TICKET_NOT_FOUND', 'The ticket to rate no longer exists');
      if (store.ratings.forTicket(t.id)) throw new DomainError('ALREADY_RATED', `Ticket ${t.number} has already been rated`);
      const called = store.events.forTicket(t.id).filter((e) => e.type === 'ticket.called').pop();
      const rec: RatingRecord = {
        id: randomUUID(),
        ticketId: t.id,
        ticketNumber: t.number,
        businessDay: t.businessDay,
        serviceId: t.serviceId,
        windowId,
        staffId: (called?.data.staffId as string | null | undefined) ?? null,
        grade: g,
        reasons: why,
        source,
        at: this.ctx.now().toISOString(),
      };
      store.ratings.save(rec);
      const { id: ratingId, ticketNumber: _n, businessDay: _d, at: _a, ...data } = rec;
      store.events.append({ type: 'rating.given', at: rec.at, windowId, ticketId: t.id }, { ...actor, windowId }, { ratingId, ...data });
      return rec;
    });
    const req = this.open.get(windowId);
    if (req?.ticketId === ticketId) this.open.delete(windowId);
    return rec;
  }

  /**
   * Per-case export for the provincial rating platform (business days from..to, at
   * most 31 of them: every case is held and serialised in the hall's own heap).
   */
  /** The cases as "一次一评" records with the platform field names (server/domain/rating-platform.ts). */
  platformRecords(cases: RatingCase[]): PlatformRatingRecord[] {
    const codes = new Map(this.ctx.store.config.services().map((s) => [s.id, s.catalogueCode ?? null]));
    const zone = this.ctx.settings().timeZone;
    return cases.map((c) => toPlatformRecord(c, codes.get(c.serviceId) ?? null, zone));
  }

  cases(from: string, to: string): RatingCase[] {
    const days = daysBetween(from, to);
    if (!(days >= 0)) throw new DomainError('INVALID_DATE', '"to" is before "from"', 'to');
    if (days > MAX_EXPORT_DAYS - 1) throw new DomainError('INVALID_DATE', `A rating export covers at most ${MAX_EXPORT_DAYS} days; export month by month`, 'to');
    const { store } = this.ctx;
    const services = new Map(store.config.services().map((s) => [s.id, s]));
    const windows = new Map(store.config.windows().map((w) => [w.id, w]));
    return store.ratings.between(from, to).map((r) => ({
      ticketNumber: r.ticketNumber,
      businessDay: r.businessDay,
      serviceId: r.serviceId,
      serviceName: services.get(r.serviceId)?.name['zh-CN'] ?? r.serviceId,
      windowId: r.windowId,
      windowNumber: windows.get(r.windowId)?.number ?? null,
      staffId: r.staffId,
      grade: r.grade,
      gradeLabel: GRADE_LABELS[r.grade]['zh-CN'],
      reasons: r.reasons,
      reasonLabels: r.reasons.map((id) => RATING_REASONS.find((x) => x.id === id)?.label['zh-CN'] ?? id),
      source: r.source,
      at: r.at,
    }));
  }
}
