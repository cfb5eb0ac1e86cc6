import { timeOrderedId, trackingToken } from './ids.js';
import { createHash } from 'node:crypto';
import type { PriorityClass } from '../../common/types.js';
import { businessDay } from '../domain/business-day.js';
import { DomainError } from '../domain/errors.js';
import type { HallEvent } from '../domain/events.js';
import type { Identity, TicketRecord } from '../domain/model.js';
import { assertQuota, formatNumber } from '../domain/numbering.js';
import type { Actor } from '../store/event-log.js';
import type { AppContext } from './context.js';
import type { HallCommit } from './hall-commit.js';
import { hmacIdNumber, toIdentity, type IdCardInput } from './identity-service.js';
import { grantFor, limitPerson } from './issue-rules.js';
import { caseStart } from './joint-handling.js';
import type { PriorityGrant } from '../domain/priority-groups.js';
import { assertRemoteTake } from '../domain/remote.js';

export interface IssueRequest {
  serviceId: string;
  priority?: PriorityClass;
  kioskId?: string | null;
  idCard?: IdCardInput;
  /** An identity already masked (a card read at the kiosk's own reader). */
  identity?: Identity;
  /** That card's birth date, for the elderly rule now; held in memory only, never stored. */
  birthDate?: string | null;
  idempotencyKey?: string;
  /** Who may reuse the key: the kiosk or user that sent it. */
  scope: string;
  actor: Actor;
  /** Staff may grant priority classes; kiosks only issue normal tickets. */
  mayGrantPriority: boolean;
  /** Staff's priority category (green channel, elderly, …): the class follows from it. */
  priorityCategory?: string;
  /** Issued by a kiosk: ID-card rules and automatic elderly priority apply. */
  atKiosk?: boolean;
  /** The identity is a card read at the hall's own reader (not a typed ID number): unproven online claims do not count against it. */
  cardProven?: boolean;
  /** Set by use cases that grant a class themselves (appointment check-in). */
  grant?: PriorityGrant;
  /** Runs in the ticket's own transaction, only for a new ticket (e.g. marking an appointment checked in). */
  afterIssue?: (ticket: TicketRecord) => void;
  /** Remote queueing (线上取号): the ticket waits as `remote` until it arrives. */
  remote?: { deviceHash: string; addressHash: string; newCode: () => string };
}

export interface IssueResult {
  ticket: TicketRecord;
  replayed: boolean;
}

/** Fingerprint of a request for the idempotency check; the ID number enters only as its keyed HMAC. */
function requestHash(r: IssueRequest, key: Buffer): string {
  const person = r.idCard ? hmacIdNumber(r.idCard.idNumber, key) : (r.identity?.idHmac ?? null);
  const parts: unknown[] = [r.serviceId, r.priority ?? 'normal', r.kioskId ?? null, person];
  if (r.priorityCategory) parts.push(r.priorityCategory);
  const body = JSON.stringify(parts);
  return createHash('sha256').update(body).digest('hex');
}

/** Decides and records one ticket. Runs inside the caller's transaction. */
export function issueOne(ctx: AppContext, r: IssueRequest, c: HallCommit): IssueResult {
  const { store } = ctx;
  const hash = requestHash(r, ctx.idHmacKey);
  if (r.idempotencyKey) {
    const seen = store.idempotency.find(r.scope, r.idempotencyKey);
    if (seen) {
      if (seen.requestHash !== hash) {
        throw new DomainError(
          'IDEMPOTENCY_KEY_REUSED',
          'This Idempotency-Key was already used for a different request; send a new key for a new ticket',
          'Idempotency-Key',
        );
      }
      const ticket = store.tickets.get(seen.ticketId);
      if (ticket) return { ticket, replayed: true };
    }
  }

  const service = store.config.service(r.serviceId);
  if (!service) throw new DomainError('SERVICE_NOT_FOUND', `There is no service "${r.serviceId}"`, 'serviceId');
  if (!service.open) {
    throw new DomainError('SERVICE_CLOSED', `${service.name['zh-CN']} is not taking tickets right now`, 'serviceId');
  }
  if ((r.priority ?? 'normal') !== 'normal' || r.priorityCategory) {
    if (!r.mayGrantPriority) {
      throw new DomainError('PRIORITY_NOT_ALLOWED', 'Only hall staff can issue priority or green-channel tickets', 'priority');
    }
  }

  const settings = ctx.settings();
  const now = ctx.now();
  const day = businessDay(now, settings.timeZone, settings.resetHour);
  // Counting today's tickets costs a scan of the day's index: only pay it when there is a quota.
  if (service.dailyQuota !== null) assertQuota(store.tickets.issuedCount(day, service.id), service.dailyQuota, service.name['zh-CN']);

  const identity = r.identity ?? (r.idCard ? toIdentity(r.idCard, ctx.idHmacKey) : null);
  limitPerson(ctx, service, identity, day, !!r.atKiosk, !!r.cardProven && !!r.identity);
  if (r.remote) {
    if (!identity) throw new DomainError('VALIDATION', 'An online number needs the ID number of the person who will come', 'idNumber');
    const counts = store.remote.counts(day, service.id, r.remote.deviceHash, identity.idHmac, r.remote.addressHash);
    assertRemoteTake(settings.remoteQueue, { id: service.id, name: service.name['zh-CN'], joint: !!service.route }, counts);
  }
  // Only a card read at the hall's own reader proves an age: a typed ID number (idCard) is anybody's word,
  // so it counts for the per-person limits but never grants the elderly rule (review of issue 10).
  const birthDate = r.birthDate ?? null;
  const { priority, grant } = grantFor(ctx, r, birthDate, day);
  const seq = store.tickets.lastSeq(day, service.prefix) + 1;
  const at = now.toISOString();
  const issued: TicketRecord = {
    id: timeOrderedId(),
    number: formatNumber(service.prefix, seq, service.numberWidth),
    seq,
    prefix: service.prefix,
    serviceId: service.id,
    businessDay: day,
    status: r.remote ? 'remote' : 'waiting',
    priority,
    issuedAt: at,
    queuedAt: at,
    calledAt: null,
    servingAt: null,
    finishedAt: null,
    windowId: null,
    targetWindowId: null,
    recallCount: 0,
    trackToken: trackingToken(now.getTime()),
    kioskId: r.kioskId ?? null,
    transferredFromId: null,
    identity,
  };
  // A joint service's ticket waits in the queues of its route's first step (one number throughout).
  const { first: ticket, siblings } = caseStart(service, issued);
  const event: HallEvent = { type: 'ticket.issued', at, ticket, ...(grant ? { grant } : {}) };
  c.apply(event, r.actor);
  if (siblings.length > 0) c.apply({ type: 'ticket.routed', at, caseId: ticket.id, step: 1, next: siblings }, r.actor, ticket.id);
  if (r.remote) {
    let code = r.remote.newCode();
    while (store.remote.codeTaken(day, code)) code = r.remote.newCode();
    store.remote.insert({ ticketId: ticket.id, businessDay: day, serviceId: service.id, deviceHash: r.remote.deviceHash, addressHash: r.remote.addressHash, arrivalCode: code, arrivedAt: null });
  }
  r.afterIssue?.(ticket);
  if (r.idempotencyKey) store.idempotency.save(r.scope, r.idempotencyKey, hash, ticket.id, at);
  return { ticket, replayed: false };
}
