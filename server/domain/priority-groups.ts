import type { PriorityCategory as WirePriorityCategory } from '../../common/wire/admin.js';
import type { PriorityClass } from '../../common/types.js';
import { DomainError } from './errors.js';
import { ageOn } from './identity.js';

/** Classes a priority category may map to (appointment and normal are not granted by staff). */
export type GrantedClass = Extract<PriorityClass, 'green' | 'priority'>;

/** An admin-defined priority group: green channel, elderly, disabled, pregnant, veterans… */
/** A priority group (green channel, elderly, …) as the wire shows it (common/wire/admin.ts). */
export type PriorityCategory = WirePriorityCategory;

/** Why a ticket is not normal: recorded in its `ticket.issued` event. */
export interface PriorityGrant {
  reason: 'staff' | 'elderly' | 'appointment';
  /** The category staff chose (reason 'staff'). */
  categoryId: string | null;
  /** Staff user who granted it (reason 'staff'). */
  grantedBy: string | null;
  appointmentId?: string;
}

/** The class a staff-chosen category gives, refusing unknown, retired or contradicting choices. */
export function classForCategory(
  category: PriorityCategory | null,
  categoryId: string,
  requested: PriorityClass | undefined,
): GrantedClass {
  if (!category) throw new DomainError('PRIORITY_CATEGORY_NOT_FOUND', `There is no priority category "${categoryId}"`, 'priorityCategory');
  if (!category.active) {
    throw new DomainError('PRIORITY_CATEGORY_INACTIVE', `The priority category ${category.name['zh-CN']} is no longer in use`, 'priorityCategory');
  }
  if (requested && requested !== 'normal' && requested !== category.priorityClass) {
    throw new DomainError(
      'PRIORITY_CATEGORY_MISMATCH',
      `The category ${category.name['zh-CN']} gives class "${category.priorityClass}", not "${requested}"; leave priority out`,
      'priority',
    );
  }
  return category.priorityClass;
}

/**
 * Automatic elderly priority: a card holder aged `elderlyAge` or more on the
 * business day. 0 switches the rule off; an unknown birth date never qualifies.
 */
export function isElderly(birthDate: string | null | undefined, businessDay: string, elderlyAge: number): boolean {
  if (elderlyAge <= 0 || !birthDate || !isCalendarDate(birthDate)) return false;
  try {
    return ageOn(birthDate, businessDay) >= elderlyAge;
  } catch {
    return false; // an impossible or future birth date on a card grants nothing
  }
}

function isCalendarDate(d: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) return false;
  const t = Date.parse(`${d}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d;
}

/** A priority-only window calls green/priority tickets (and tickets sent to it) and nothing else. */
export const isPriorityClass = (p: PriorityClass): boolean => p === 'green' || p === 'priority';
