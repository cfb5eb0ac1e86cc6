import { z } from 'zod';
import { replies } from '../../../common/wire/replies.js';
import type { Deps } from '../../app/deps.js';
import { actorOf } from '../../auth/principal.js';
import { DomainError } from '../../domain/errors.js';
import type { PriorityCategory } from '../../domain/priority-groups.js';
import type { Actor } from '../../store/event-log.js';
import { route, defineRoutes, reply } from '../route.js';
import { localized } from '../schemas.js';

const categoryBody = z.object({
  name: localized,
  priorityClass: z.enum(['green', 'priority']),
  active: z.boolean().default(true),
  sortOrder: z.number().int().min(0).max(10_000).default(0),
});
const categoryId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, '1–40 of a-z 0-9 _ - (starting with a letter or digit)');

/** Priority categories (green channel, elderly, disabled, pregnant, veterans…), each mapped to a class. */
export function priorityRoutes(deps: Deps) {
  const { ctx } = deps;
  const store = ctx.store;
  const save = (c: PriorityCategory, actor: Actor, type: string) => {
    store.tx(() => {
      store.priority.save(c);
      store.events.append({ type, at: ctx.now().toISOString() }, actor, c);
    });
    ctx.bus.emit('configChanged');
    return c;
  };
  return defineRoutes([
    route(replies.Categories)({
      method: 'get', path: '/api/v1/admin/priority-categories', summary: 'Priority categories staff can grant (green channel, elderly, …)', tag: 'priority',
      auth: 'ticket.issue.priority',
      handler: () => ({ ok: true, categories: store.priority.all() }),
    }),
    route(replies.Category)({
      method: 'post', path: '/api/v1/admin/priority-categories', summary: 'Create a priority category', tag: 'priority', auth: 'config.write', status: 201,
      body: categoryBody.extend({ id: categoryId }),
      handler: (req) => {
        if (store.priority.get(req.body.id)) throw new DomainError('PRIORITY_CATEGORY_EXISTS', `The category "${req.body.id}" already exists; change it with PUT`, 'id');
        return { ok: true, category: save(req.body, actorOf(req.principal), 'config.priority_category.saved') };
      },
    }),
    route(replies.Category)({
      method: 'put', path: '/api/v1/admin/priority-categories/:id', summary: 'Create or change a priority category', tag: 'priority', auth: 'config.write',
      body: categoryBody,
      handler: (req) => {
        const id = categoryId.parse(req.params.id);
        return { ok: true, category: save({ ...req.body, id }, actorOf(req.principal), 'config.priority_category.saved') };
      },
    }),
    route(replies.Deleted)({
      method: 'delete', path: '/api/v1/admin/priority-categories/:id', summary: 'Delete a priority category (tickets keep the id in their history)', tag: 'priority',
      auth: 'config.write',
      handler: (req) => {
        const existing = store.priority.get(req.params.id);
        if (!existing) throw new DomainError('PRIORITY_CATEGORY_NOT_FOUND', `There is no priority category "${req.params.id}"`, 'id');
        store.tx(() => {
          store.priority.delete(existing.id);
          store.events.append({ type: 'config.priority_category.deleted', at: ctx.now().toISOString() }, actorOf(req.principal), { id: existing.id });
        });
        ctx.bus.emit('configChanged');
        return reply(200, { ok: true, deleted: existing.id });
      },
    }),
  ]);
}
