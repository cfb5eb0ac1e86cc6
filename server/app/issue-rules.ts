import type { PriorityClass } from '../../common/types.js';
import { checkPersonLimits, type PersonHolding } from '../domain/limits.js';
import type { Identity, ServiceDef, TicketRecord } from '../domain/model.js';
import { classForCategory, isElderly, type PriorityGrant } from '../domain/priority-groups.js';
import { PRIORITY_RANK } from '../domain/priority.js';
import { ACTIVE_STATUSES } from '../domain/ticket-machine.js';
import type { AppContext } from './context.js';
import type { IssueRequest } from './issue-ticket.js';

/**
 * Anti-scalper rules: ID card at the kiosk; per service and hall-wide, tickets held
 * at once and tickets taken per business day. Counted by ticket of issue: a joint
 * case (its parallel steps) is one ticket of the joint service, a transferred
 * ticket one ticket (held now for the service it was sent to); a cancelled ticket
 * (failed print) does not count.
 */
export function limitPerson(ctx: AppContext, service: ServiceDef, identity: Identity | null, day: string, atKiosk: boolean, cardProven = false): void {
  const s = ctx.settings();
  // A claim made by a typed ID number (an online number, unproven) never denies the person who proves who
  // they are with their card at the hall's reader: their unarrived remote tickets do not count then.
  const records = identity ? ctx.store.tickets.heldBy(identity.idHmac, day) : [];
  const holding = identity ? personHolding(cardProven ? records.filter((t) => !UNARRIVED.includes(t.status)) : records, service.id) : { heldActive: 0 };
  checkPersonLimits(service, { serviceName: service.name['zh-CN'], atKiosk, hasIdentity: !!identity, ...holding }, s);
}

/** Online numbers that never came to the hall: not yet arrived, or expired so. */
const UNARRIVED: readonly TicketRecord['status'][] = ['remote', 'expired'];

/** What one person holds today, from their ticket records of the day. */
export function personHolding(records: readonly TicketRecord[], serviceId: string): PersonHolding {
  const root = (t: TicketRecord) => t.caseId ?? t.id;
  const issuedFor = (t: TicketRecord) => t.caseServiceId ?? t.serviceId;
  const active = new Map<string, TicketRecord>();
  for (const t of records) if (ACTIVE_STATUSES.includes(t.status)) active.set(root(t), t);
  const taken = records.filter((t) => !t.transferredFromId && t.status !== 'cancelled');
  return {
    heldActive: [...active.values()].filter((t) => issuedFor(t) === serviceId).length,
    takenToday: taken.filter((t) => issuedFor(t) === serviceId).length,
    hallActive: active.size,
    hallToday: taken.length,
  };
}

/**
 * The ticket's class and who granted it: a staff category (its class), a class
 * staff chose directly, a use case's own grant (appointments), or — at a kiosk,
 * for a card holder of the hall's elderly age — automatic elderly priority.
 * A ticket gets the best class it is entitled to: an elderly card holder checking
 * in a booking gets priority (ahead of appointment), keeping the appointment id.
 */
export function grantFor(
  ctx: AppContext,
  r: IssueRequest,
  birthDate: string | null,
  day: string,
): { priority: PriorityClass; grant: PriorityGrant | undefined } {
  const staffId = r.actor.kind === 'user' ? r.actor.id : null;
  if (r.priorityCategory) {
    const priority = classForCategory(ctx.store.priority.get(r.priorityCategory), r.priorityCategory, r.priority);
    return { priority, grant: { reason: 'staff', categoryId: r.priorityCategory, grantedBy: staffId } };
  }
  const priority = r.priority ?? 'normal';
  const own: { priority: PriorityClass; grant: PriorityGrant | undefined } = r.grant
    ? { priority, grant: r.grant }
    : priority !== 'normal'
      ? { priority, grant: { reason: 'staff', categoryId: null, grantedBy: staffId } }
      : { priority: 'normal', grant: undefined };
  if (r.atKiosk && PRIORITY_RANK[own.priority] < PRIORITY_RANK.priority && isElderly(birthDate, day, ctx.settings().elderlyAge)) {
    const elderly = ctx.store.priority.get('elderly');
    const appointmentId = own.grant?.appointmentId;
    return { priority: 'priority', grant: { reason: 'elderly', categoryId: elderly?.active ? elderly.id : null, grantedBy: null, ...(appointmentId ? { appointmentId } : {}) } };
  }
  return own;
}
