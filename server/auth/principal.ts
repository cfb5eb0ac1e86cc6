import type { Role } from '../../common/types.js';
import type { ClientRecord } from '../store/auth-repo.js';
import type { Actor } from '../store/event-log.js';

export type Principal =
  | { kind: 'user'; userId: string; name: string; role: Role; windowId: string | null; tokenHash: string }
  | { kind: 'device'; client: ClientRecord; /** the demo hall's loopback stand-in, not a real token */ demo?: boolean }
  | { kind: 'anonymous' };

/** What a principal may do. Checked at every route and socket event. */
export type Capability =
  | 'rating.submit'
  | 'ticket.issue'
  | 'ticket.issue.priority'
  | 'ticket.read'
  | 'ticket.cancel'
  | 'window.signin'
  | 'window.operate'
  | 'config.read'
  | 'config.write'
  | 'users.manage'
  | 'clients.manage'
  | 'audit.read'
  | 'monitor'
  | 'ticket.restore'
  | 'appointments.manage'
  | 'appointments.read'
  | 'appointments.checkin'
  /** Read today's door QR code of remote queueing (hall screens show it, admins print it). */
  | 'remote.door';

const ROLE_CAPS: Record<Role, readonly Capability[]> = {
  admin: [
    'ticket.issue',
    'ticket.issue.priority',
    'ticket.read',
    'ticket.cancel',
    'window.signin',
    'window.operate',
    'config.read',
    'config.write',
    'users.manage',
    'clients.manage',
    'audit.read',
    'monitor',
    'ticket.restore',
    'appointments.manage',
    'appointments.read',
    'appointments.checkin',
    'remote.door',
  ],
  supervisor: [
    'ticket.issue',
    'ticket.issue.priority',
    'ticket.read',
    'ticket.cancel',
    'window.signin',
    'window.operate',
    'config.read',
    'audit.read',
    'monitor',
    'ticket.restore',
    'appointments.manage',
    'appointments.read',
    'appointments.checkin',
    'remote.door',
  ],
  clerk: ['ticket.issue', 'ticket.issue.priority', 'ticket.read', 'window.signin', 'window.operate', 'ticket.restore', 'appointments.checkin'],
};

/** Device clients: kiosks issue and check in; booking platforms manage appointments only. */
const CLIENT_CAPS: Record<ClientRecord['kind'], readonly Capability[]> = {
  kiosk: ['ticket.issue', 'appointments.checkin'],
  display: ['remote.door'],
  platform: ['appointments.manage'],
};

export function can(p: Principal, cap: Capability, target?: { windowId?: string }): boolean {
  if (p.kind === 'anonymous') return false;
  // Ratings come from citizen-facing screens (display tokens; the rating use case checks the screen's window).
  if (p.kind === 'device' && cap === 'rating.submit') return p.client.kind === 'display' && p.demo !== true;
  if (p.kind === 'device') return CLIENT_CAPS[p.client.kind]?.includes(cap) ?? false;
  if (!ROLE_CAPS[p.role].includes(cap)) return false;
  // A clerk works only at the window they signed in to.
  if (cap === 'window.operate' && p.role === 'clerk') return !!target?.windowId && p.windowId === target.windowId;
  return true;
}

/** Whose window pushes a principal may watch: supervisors and admins any, staff the window they are signed in to. */
export function mayWatchWindow(p: Principal, windowId: string): boolean {
  if (p.kind !== 'user') return false;
  return can(p, 'monitor') || p.windowId === windowId;
}

export function actorOf(p: Principal): Actor {
  if (p.kind === 'user') return { kind: 'user', id: p.userId, windowId: p.windowId };
  if (p.kind === 'device') return { kind: 'device', id: p.client.id, deviceId: p.client.id };
  return { kind: 'api', id: null };
}

/** Staff sessions and kiosk tokens: their addresses may use the socket seats kept for the hall's own equipment. */
export function isHallEquipment(p: Principal): boolean {
  return p.kind === 'user' || (p.kind === 'device' && !p.demo && p.client.kind === 'kiosk');
}
