import { replies } from '../../../common/wire/replies.js';
import type { Deps } from '../../app/deps.js';
import { overdueNow } from '../../app/overdue.js';
import { defineRoutes, route } from '../route.js';

/** 按承诺办结: supervisors' live list of cases past their promised time, beside the alerts. */
export function overdueRoutes(deps: Deps) {
  return defineRoutes([
    route(replies.Overdue)({
      method: 'get', path: '/api/v1/admin/overdue', tag: 'supervision', auth: 'monitor',
      summary: 'Cases past their promised time now: tickets in hand longer than their service promises, and joint cases end to end (issue to now); counts per service and window',
      handler: () => ({ ok: true, ...overdueNow(deps.ctx) }),
    }),
  ]);
}
