import { DomainError } from '../../domain/errors.js';
import type { ClientRecord } from '../../store/auth-repo.js';
import type { Actor } from '../../store/event-log.js';
import type { OutboxRow } from '../../store/outbox-repo.js';
import type { ConfigAdmin } from '../config-admin.js';
import type { AppContext } from '../context.js';
import { hostOf } from './outbox.js';

/** A booking platform's callback URL for check-in and no-show ('' = none), kept in its client config. */
export function setPlatformCallback(ctx: AppContext, config: ConfigAdmin, id: string, callbackUrl: string, actor: Actor): ClientRecord {
  const c = ctx.store.auth.client(id);
  if (!c) throw new DomainError('CLIENT_NOT_FOUND', `There is no client ${id}`, 'id');
  if (c.kind !== 'platform') throw new DomainError('CLIENT_NOT_PLATFORM', 'Only booking platforms have a callback URL', 'callbackUrl');
  const { callbackUrl: _old, ...rest } = c.config;
  return config.saveClient({ ...c, config: callbackUrl ? { ...rest, callbackUrl } : rest }, actor);
}

/** The outbox for supervisors: what was sent, what waits and why (no payloads, only the target's host). */
export function outboxView(ctx: AppContext, limit: number) {
  return ctx.store.outbox.list(limit).map((m: OutboxRow) => ({
    key: m.key,
    kind: m.kind,
    host: hostOf(m.target),
    status: m.status,
    attempts: m.attempts,
    lastError: m.lastError,
    createdAt: m.createdAt,
    sentAt: m.sentAt,
    nextAt: m.status === 'pending' ? new Date(m.nextAt).toISOString() : null,
  }));
}
