import type { Ticket } from '../../common/types.js';
import { normalizeCode } from '../domain/appointments.js';
import { isArrivalCode } from '../domain/remote.js';
import { assertCodeAttemptAllowed, checkInAppointment, type CheckInRequest, type CheckInResult } from './appointment-checkin.js';
import type { Hall } from './hall.js';
import { qrBaseUrl } from './public-url.js';
import type { KioskDevicesPort } from './kiosk-issue.js';

export type ArrivalResult = { arrived: true; ticket: Ticket; printed: false; replayed: false; trackUrl?: string };

/** The card holder has an appointment today still to check in (one already checked in no longer holds the card: review 13). */
function hasBookingToday(hall: Hall, idHmac: string): boolean {
  const date = hall.appointments.clock().date;
  return hall.ctx.store.appointments.forPerson(idHmac, date).some((a) => a.status === 'booked');
}

/**
 * One check-in box at the kiosk for both: an online number's arrival code
 * (7 characters) or the ID card of its holder puts the remote ticket into the
 * queue; otherwise it is an appointment check-in as before. A card with a
 * booking today checks in the booking first.
 */
export async function checkInAtHall(hall: Hall, devices: KioskDevicesPort, req: CheckInRequest): Promise<CheckInResult | ArrivalResult> {
  let arrived = null;
  if (req.code && isArrivalCode(normalizeCode(req.code))) {
    // Arrival codes share the wrong-code limit of booking codes: refused before any code is looked up.
    assertCodeAttemptAllowed(hall, req.throttleKey);
    arrived = hall.remote.arriveByCode(req.code, req.actor);
  }
  else if (req.cardToken && req.kioskId) {
    const card = devices.cardIdentity(req.kioskId, req.cardToken);
    // A booking comes before an online number: the booking was made by the person, an online number may have
    // been taken in their name by anyone who typed their ID number (review of issue 13).
    if (card && !hasBookingToday(hall, card.identity.idHmac)) arrived = hall.remote.arriveByPerson(card.identity.idHmac, req.actor);
  }
  if (!arrived) return checkInAppointment(hall, devices, req);
  const ticket = hall.view().toTicket(arrived);
  return { arrived: true, ticket, printed: false, replayed: false, trackUrl: `${qrBaseUrl(hall.ctx.settings().publicBaseUrl, req.baseUrl)}/t/${ticket.trackToken}` };
}
