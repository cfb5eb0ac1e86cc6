import { z } from 'zod';
import { replies } from '../../../common/wire/replies.js';
import type { Deps } from '../../app/deps.js';
import { actorOf } from '../../auth/principal.js';
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
  const { config } = deps;
  return defineRoutes([
    route(replies.Categories)({
      method: 'get', path: '/api/v1/admin/priority-categories', summary: 'Priority categories staff can grant (green channel, elderly, …)', tag: 'priority',
      auth: 'ticket.issue.priority',
      handler: () => ({ ok: true, categories: config.priorityCategories() }),
    }),
    route(replies.Category)({
      method: 'post', path: '/api/v1/admin/priority-categories', summary: 'Create a priority category', tag: 'priority', auth: 'config.write', status: 201,
      body: categoryBody.extend({ id: categoryId }),
      handler: (req) => ({ ok: true, category: config.savePriorityCategory(req.body, actorOf(req.principal), true) }),
    }),
    route(replies.Category)({
      method: 'put', path: '/api/v1/admin/priority-categories/:id', summary: 'Create or change a priority category', tag: 'priority', auth: 'config.write',
      body: categoryBody,
      handler: (req) => {
        const id = categoryId.parse(req.params.id);
        return { ok: true, category: config.savePriorityCategory({ ...req.body, id }, actorOf(req.principal)) };
      },
    }),
    route(replies.Deleted)({
      method: 'delete', path: '/api/v1/admin/priority-categories/:id', summary: 'Delete a priority category (tickets keep the id in their history)', tag: 'priority',
      auth: 'config.write',
      handler: (req) => reply(200, { ok: true, deleted: config.deletePriorityCategory(req.params.id, actorOf(req.principal)) }),
    }),
  ]);
}
