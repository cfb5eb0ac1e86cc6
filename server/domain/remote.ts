import type { RemoteQueueSettings } from '../../common/config.js';
import { CODE_ALPHABET } from './appointments.js';
import { DomainError } from './errors.js';
import type { TicketRecord } from './model.js';

/**
 * Remote queueing (线上取号): pure rules. A remote ticket is taken from a phone,
 * waits as `remote` (never called), and on arrival queues by the hall's rule.
 */

/** What the hall has already given out today, for the anti-hoarding checks. */
export interface RemoteCounts {
  /** Remote tickets of this service today that still hold a place (expired and cancelled ones gave theirs back). */
  service: number;
  /** Remote tickets this phone (its browser-stored device id) took today. */
  device: number;
  /** Remote tickets this ID number took today (all services). */
  person: number;
  /** Remote tickets taken today from the caller's network address (as the edge resolves it). */
  address?: number;
}

/** Throws the reason a remote ticket cannot be taken now, or returns. */
export function assertRemoteTake(
  s: RemoteQueueSettings,
  service: { id: string; name: string; joint: boolean },
  counts: RemoteCounts,
): void {
  if (!s.enabled) throw new DomainError('REMOTE_QUEUE_OFF', 'This hall does not give out numbers online; please take one at the kiosk');
  const quota = s.quotas[service.id];
  const serviceName = service.name;
  // A joint case starts in several queues at once; it is taken at the kiosk.
  if (quota === undefined || quota <= 0 || service.joint) {
    throw new DomainError('REMOTE_NOT_OFFERED', `${serviceName} does not give out numbers online; please take one at the kiosk`, 'serviceId');
  }
  if (counts.service >= quota) {
    throw new DomainError('REMOTE_QUOTA_REACHED', `Today's online numbers for ${serviceName} are all taken (${quota}); please take one at the kiosk`, 'serviceId');
  }
  if (counts.device >= s.perDevicePerDay) {
    throw new DomainError('REMOTE_DEVICE_LIMIT', `This phone has taken ${counts.device} online numbers today, the most allowed`);
  }
  if (s.perAddressPerDay > 0 && (counts.address ?? 0) >= s.perAddressPerDay) {
    throw new DomainError('REMOTE_ADDRESS_LIMIT', 'Too many online numbers were taken from this network today; please take one at the kiosk');
  }
  if (counts.person >= s.perPersonPerDay) {
    throw new DomainError('REMOTE_PERSON_LIMIT', `This ID number has taken ${counts.person} online numbers today, the most allowed`, 'idNumber');
  }
}

/** Where an arriving ticket queues: its place held since it was taken, or the end of the queue now. */
export function arrivalQueuedAt(rule: RemoteQueueSettings['arrivalRule'], issuedAt: string, now: string): string {
  return rule === 'keep' ? issuedAt : now;
}

/** When a remote ticket taken at `issuedAt` expires (0 minutes: only at the day's end). */
export function remoteExpiresAt(issuedAt: string, expireMinutes: number): string | null {
  return expireMinutes > 0 ? new Date(Date.parse(issuedAt) + expireMinutes * 60_000).toISOString() : null;
}

/** Not arrived in time: past its expiry, or a ticket of an earlier business day. */
export function isRemoteExpired(t: Pick<TicketRecord, 'status' | 'issuedAt' | 'businessDay'>, now: Date, today: string, expireMinutes: number): boolean {
  if (t.status !== 'remote') return false;
  if (t.businessDay < today) return true;
  const at = remoteExpiresAt(t.issuedAt, expireMinutes);
  return at !== null && now.getTime() >= Date.parse(at);
}

/** Arrival codes are 7 characters (booking codes have 6), so one kiosk box takes both without ambiguity. */
export const ARRIVAL_CODE_LENGTH = 7;

export function arrivalCodeFrom(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < ARRIVAL_CODE_LENGTH; i++) out += CODE_ALPHABET[bytes[i] % CODE_ALPHABET.length];
  return out;
}

export const isArrivalCode = (normalized: string) => normalized.length === ARRIVAL_CODE_LENGTH;
