import type { PriorityClass } from '../../common/types.js';
import { checkPersonLimits } from '../domain/limits.js';
import type { Identity, ServiceDef } from '../domain/model.js';
import { classForCategory, isElderly, type PriorityGrant } from '../domain/priority-groups.js';
import { PRIORITY_RANK } from '../domain/priority.js';
import { ACTIVE_STATUSES } from '../domain/ticket-machine.js';
import type { AppContext } from './context.js';
import type { IssueRequest } from './issue-ticket.js';

/** Anti-scalper rules of the service: ID card at the kiosk, active tickets per person per day. */
export function limitPerson(ctx: AppContext, service: ServiceDef, identity: Identity | null, day: string, atKiosk: boolean): void {
  const held = identity
    ? ctx.store.tickets.heldBy(identity.idHmac, day).filter((t) => t.serviceId === service.id && ACTIVE_STATUSES.includes(t.status)).length
    : 0;
  checkPersonLimits(service, { serviceName: service.name['zh-CN'], atKiosk, hasIdentity: !!identity, heldActive: held });
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
