import type { Role } from '../../common/types.js';
import type { ClientRecord } from '../store/auth-repo.js';
import type { Actor } from '../store/event-log.js';

export type Principal =
  | { kind: 'user'; userId: string; name: string; role: Role; windowId: string | null; tokenHash: string }
  | { kind: 'device'; client: ClientRecord }
  | { kind: 'anonymous' };

/** What a principal may do. Checked at every route and socket event. */
export type Capability =
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
  | 'monitor';

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
  ],
  clerk: ['ticket.issue', 'ticket.issue.priority', 'ticket.read', 'window.signin', 'window.operate'],
};

const KIOSK_CAPS: readonly Capability[] = ['ticket.issue'];

export function can(p: Principal, cap: Capability, target?: { windowId?: string }): boolean {
  if (p.kind === 'anonymous') return false;
  if (p.kind === 'device') return p.client.kind === 'kiosk' && KIOSK_CAPS.includes(cap);
  if (!ROLE_CAPS[p.role].includes(cap)) return false;
  // A clerk works only at the window they signed in to.
  if (cap === 'window.operate' && p.role === 'clerk') return !!target?.windowId && p.windowId === target.windowId;
  return true;
}

export function actorOf(p: Principal): Actor {
  if (p.kind === 'user') return { kind: 'user', id: p.userId, windowId: p.windowId };
  if (p.kind === 'device') return { kind: 'device', id: p.client.id, deviceId: p.client.id };
  return { kind: 'api', id: null };
}
