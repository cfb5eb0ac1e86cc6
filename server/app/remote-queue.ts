import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Constant-time text comparison (door codes). */
function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
import type { Lang, LocalizedText, RemoteTrack, Ticket } from '../../common/types.js';
import { isoInZone } from '../domain/business-day.js';
import { DomainError } from '../domain/errors.js';
import type { ArrivalWay } from '../domain/events.js';
import { addressCapKey } from './address-key.js';
import { commitHall } from './hall-commit.js';
import type { TicketRecord } from '../domain/model.js';
import { arrivalCodeFrom, arrivalQueuedAt, assertRemoteTake, isArrivalCode, isRemoteExpired, remoteExpiresAt } from '../domain/remote.js';
import { checkAtArrival } from '../domain/limits.js';
import { personHolding } from './issue-rules.js';
import { DOOR_CODE_OLD_DAYS, doorCodeFor, previousDays } from './door-code.js';
import { normalizeCode } from '../domain/appointments.js';
import { SYSTEM, type Actor } from '../store/event-log.js';
import type { Hall } from './hall.js';

export interface RemoteOffer {
  id: string;
  name: LocalizedText;
  quotaLeft: number;
  waiting: number;
  estimatedWaitSeconds: number;
  promisedMinutes: number;
  fees: LocalizedText;
}

export interface RemoteTakeRequest {
  serviceId: string;
  name: string;
  idNumber: string;
  /** The phone's own random id (browser storage): the honest meaning of "per device" without accounts. */
  deviceId: string;
  /** The caller's network address as the edge resolves it (behind TRUST_PROXY the forwarded one): the per-address cap. */
  address: string;
  idempotencyKey?: string;
  lang: Lang;
}

const ANONYMOUS_PHONE: Actor = { kind: 'api', id: 'remote-phone' };

/**
 * Remote queueing (线上取号): numbers taken from a phone, checked in at the
 * kiosk (arrival code or ID card) or at the door QR, expired when not arrived
 * in time. Rules in server/domain/remote.ts; docs/hall-features.md.
 */
const NO_COUNTS = { service: 0, device: 0, person: 0 };
/** The refusals that say something about a person's tickets today. */
const PERSON_LIMITS = new Set(['PERSON_LIMIT_REACHED', 'PERSON_DAILY_LIMIT_REACHED', 'PERSON_HALL_LIMIT_REACHED', 'PERSON_HALL_DAILY_LIMIT_REACHED', 'REMOTE_PERSON_LIMIT']);

export class RemoteQueue {
  private timer: NodeJS.Timeout | null = null;

  constructor(private hall: Hall) {}

  private get ctx() {
    return this.hall.ctx;
  }

  /** Services a phone may take a number for now (empty when the hall has it off). */
  offers(): { enabled: boolean; doorCheckIn: boolean; arrivalRule: 'keep' | 'join'; services: RemoteOffer[] } {
    const rq = this.ctx.settings().remoteQueue;
    const day = this.hall.businessDay();
    const view = this.hall.view();
    const services = !rq.enabled
      ? []
      : view.services
          .filter((s) => s.open && !s.route && (rq.quotas[s.id] ?? 0) > 0)
          .map((s) => ({
            id: s.id,
            name: s.name,
            quotaLeft: Math.max(0, rq.quotas[s.id] - this.ctx.store.remote.counts(day, s.id, '', '').service),
            waiting: view.waitingCount(s.id),
            estimatedWaitSeconds: view.estimateForNew(s.id),
            promisedMinutes: s.promisedMinutes,
            fees: s.guide.fees,
          }));
    return { enabled: rq.enabled, doorCheckIn: rq.doorCode !== '', arrivalRule: rq.arrivalRule, services };
  }

  async take(req: RemoteTakeRequest): Promise<{ ticket: Ticket; replayed: boolean }> {
    // Off or not offered is said before anything looks at the ID number: a closed feature is no oracle
    // for who holds a ticket today (review of this session's remote queueing).
    const service = this.ctx.store.config.service(req.serviceId);
    if (service) assertRemoteTake(this.ctx.settings().remoteQueue, { id: service.id, name: service.name['zh-CN'], joint: !!service.route }, NO_COUNTS);
    const deviceHash = createHmac('sha256', this.ctx.idHmacKey).update(`remote-device:${req.deviceId}`).digest('hex');
    // Only the keyed hash of the address is kept (per-address cap), never the address itself; IPv6 counts by its /64.
    const addressHash = createHmac('sha256', this.ctx.idHmacKey).update(`remote-address:${addressCapKey(req.address)}`).digest('hex');
    try {
      return await this.issueRemote(req, deviceHash, addressHash);
    } catch (err) {
      // Whichever per-person limit refused, a phone learns only that this ID number may take no more today:
      // not which service the person holds a ticket for, nor how many.
      if (err instanceof DomainError && PERSON_LIMITS.has(err.code)) {
        throw new DomainError('REMOTE_PERSON_LIMIT', 'This ID number cannot take another number today; please ask at the hall', 'idNumber');
      }
      throw err;
    }
  }

  private async issueRemote(req: RemoteTakeRequest, deviceHash: string, addressHash: string): Promise<{ ticket: Ticket; replayed: boolean }> {
    const { ticket, replayed } = await this.hall.issue({
      serviceId: req.serviceId,
      idCard: { name: req.name, idNumber: req.idNumber },
      idempotencyKey: req.idempotencyKey,
      scope: `remote:${deviceHash}`,
      actor: ANONYMOUS_PHONE,
      mayGrantPriority: false,
      remote: { deviceHash, addressHash, newCode: () => arrivalCodeFrom(randomBytes(8)) },
    });
    return { ticket, replayed };
  }

  /** What the phone page shows of a remote ticket not yet arrived. */
  trackOf(t: TicketRecord): RemoteTrack | undefined {
    const row = t.status === 'remote' ? this.ctx.store.remote.get(t.id) : null;
    if (!row) return undefined;
    const s = this.ctx.settings();
    const rq = s.remoteQueue;
    const at = remoteExpiresAt(t.issuedAt, rq.expireMinutes);
    // In the hall's zone, like every time the phone page shows; '' = at the end of the business day.
    return { arrivalCode: row.arrivalCode, expiresAt: at ? isoInZone(new Date(at), s.timeZone) : '', arrivalRule: rq.arrivalRule, doorCheckIn: rq.doorCode !== '' };
  }

  /** A code typed at the kiosk: the ticket arrives, or null when no remote ticket today has it. */
  arriveByCode(code: string, actor: Actor): TicketRecord | null {
    const row = this.ctx.store.remote.byCode(this.hall.businessDay(), normalizeCode(code));
    return row ? this.arrive(row.ticketId, 'kiosk-code', actor) : null;
  }

  /** The ID card read at the kiosk: the person's remote ticket of today arrives, or null. */
  arriveByPerson(idHmac: string, actor: Actor): TicketRecord | null {
    const id = this.ctx.store.remote.unarrivedFor(idHmac, this.hall.businessDay());
    return id ? this.arrive(id, 'kiosk-card', actor) : null;
  }

  /**
   * Staff check an online number in for a citizen without a phone or card (window staff, supervisors):
   * by its ticket number today, or its arrival code. Recorded as `ticket.arrived {by: staff}` with the
   * member of staff as actor in the event log (the audit).
   */
  arriveByStaff(numberOrCode: string, actor: Actor): TicketRecord {
    const day = this.hall.businessDay();
    const typed = numberOrCode.trim().toUpperCase();
    const row = this.ctx.store.remote.byNumber(day, typed) ?? (isArrivalCode(normalizeCode(typed)) ? this.ctx.store.remote.byCode(day, normalizeCode(typed)) : null);
    if (!row) throw new DomainError('TICKET_NOT_FOUND', `There is no online number ${typed} today`, 'number');
    return this.arrive(row.ticketId, 'staff', actor);
  }

  /** Today's door code: HMAC(secret, business day), so a photo of yesterday's QR checks no one in ('' when off). */
  doorCodeToday(): string {
    const rq = this.ctx.settings().remoteQueue;
    return rq.enabled && rq.doorCode ? doorCodeFor(rq.doorCode, this.hall.businessDay()) : '';
  }

  /** The phone scanned the hall's door QR: its ticket (track token) arrives if the door code is today's. */
  arriveAtDoor(token: string, door: string): TicketRecord {
    const secret = this.ctx.settings().remoteQueue.doorCode;
    if (!secret) throw new DomainError('REMOTE_DOOR_OFF', 'This hall checks in online numbers at the kiosk only; please type your code there');
    const today = this.hall.businessDay();
    if (!sameText(door, doorCodeFor(secret, today))) {
      // A code of an earlier day: a photo of an old QR. The bare secret is just wrong: answering it
      // differently would confirm a guessed secret online (review 13).
      const old = previousDays(today, DOOR_CODE_OLD_DAYS).some((d) => sameText(door, doorCodeFor(secret, d)));
      if (old) throw new DomainError('REMOTE_DOOR_OLD', 'This door QR code is from an earlier day (it changes every day); please scan the QR at the hall\u2019s door today, or check in at the kiosk', 'door');
      throw new DomainError('REMOTE_DOOR_WRONG', 'This is not the QR code at this hall\u2019s door; please check in at the kiosk', 'door');
    }
    const t = this.ctx.store.tickets.allByTrackToken(token).find((x) => x.status === 'remote') ?? this.ctx.store.tickets.allByTrackToken(token)[0];
    if (!t) throw new DomainError('TICKET_NOT_FOUND', 'This ticket link is not known', 'token');
    return this.arrive(t.id, 'door', ANONYMOUS_PHONE);
  }

  /**
   * Puts a remote ticket into the queue by the hall's arrival rule. Arriving
   * twice answers the same ticket; an expired one is refused (and marked so).
   */
  arrive(ticketId: string, by: ArrivalWay, actor: Actor): TicketRecord {
    const { store } = this.ctx;
    const s = this.ctx.settings();
    const now = this.ctx.now();
    // One commit path (hall-commit.ts): applied, persisted and announced like every hall event.
    const out = commitHall(this.ctx, (c) => {
      const t = store.tickets.get(ticketId);
      if (!t || !store.remote.get(ticketId)) throw new DomainError('TICKET_NOT_FOUND', 'There is no online number with this code', 'code');
      if (t.status === 'waiting' || t.status === 'called' || t.status === 'serving') return { t };
      if (t.status === 'remote' && isRemoteExpired(t, now, this.hall.businessDay(), s.remoteQueue.expireMinutes)) {
        c.apply({ type: 'ticket.expired', at: now.toISOString(), ticketId }, SYSTEM);
        return { t: null };
      }
      if (t.status !== 'remote') return { t: null };
      // Arriving makes it a held ticket: the held-at-once and daily limits are checked again now. Refused, nothing
      // is written (the commit rolls back) and the online number stays valid until it expires.
      this.assertMayHold(t, by);
      const at = now.toISOString();
      c.apply({ type: 'ticket.arrived', at, ticketId, queuedAt: arrivalQueuedAt(s.remoteQueue.arrivalRule, t.issuedAt, at), by }, actor);
      store.remote.markArrived(ticketId, at);
      return { t: c.ticket(ticketId) };
    });
    if (!out.t) {
      throw new DomainError(
        'REMOTE_EXPIRED',
        'This online number has expired (not checked in in time) or was closed; please take a new number at the kiosk',
        'code',
      );
    }
    return out.t;
  }

  /**
   * The person's limits at arrival, counting their other tickets (not this one). A card read at the
   * kiosk or a member of staff proves the person: everything they hold counts. A door QR or an arrival
   * code proves only that someone holds the link or code: then only the person's other online numbers
   * (unproven claims, and what became of them) count, so an online number taken with somebody's typed
   * ID number cannot tell its holder whether that person took a ticket at the hall.
   */
  private assertMayHold(t: TicketRecord, by: ArrivalWay): void {
    if (!t.identity) return;
    const s = this.ctx.settings();
    const service = this.ctx.store.config.service(t.caseServiceId ?? t.serviceId);
    if (!service) return;
    let others = this.ctx.store.tickets.heldBy(t.identity.idHmac, t.businessDay).filter((x) => x.id !== t.id);
    if (by === 'door' || by === 'kiosk-code') {
      const online = this.ctx.store.remote.onlineTicketIds(t.identity.idHmac, t.businessDay);
      // Transfers keep the track token: a claim transferred on is still the claim.
      const tokens = new Set(others.filter((x) => online.has(x.id)).map((x) => x.trackToken));
      others = others.filter((x) => tokens.has(x.trackToken));
    }
    const until = remoteExpiresAt(t.issuedAt, s.remoteQueue.expireMinutes);
    const hhmm = until ? isoInZone(new Date(until), s.timeZone).slice(11, 16) : '';
    checkAtArrival(service, personHolding(others, service.id), s, hhmm);
  }

  /** Expires every remote ticket not arrived in time. Returns how many. */
  expireDue(): number {
    const { store } = this.ctx;
    const now = this.ctx.now();
    const today = this.hall.businessDay();
    const minutes = this.ctx.settings().remoteQueue.expireMinutes;
    const due = store.tickets.unarrived().filter((t) => isRemoteExpired(t, now, today, minutes));
    if (due.length === 0) return 0;
    commitHall(this.ctx, (c) => {
      for (const t of due) c.apply({ type: 'ticket.expired', at: now.toISOString(), ticketId: t.id }, SYSTEM);
    });
    this.ctx.log.info({ expired: due.length }, 'remote tickets expired');
    return due.length;
  }

  start(everyMs = 30_000): void {
    if (this.timer) return;
    const run = () => {
      try {
        this.expireDue();
      } catch (err) {
        this.ctx.log.error({ err }, 'remote expiry sweep failed');
      }
    };
    run();
    this.timer = setInterval(run, everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
