import { z } from 'zod';
import { replies } from '../../../common/wire/replies.js';
import type { Deps } from '../../app/deps.js';
import { route, defineRoutes } from '../route.js';

/** The voices of the hall's screens, and a test call on one of them (supervisors and admins). */
export function voiceRoutes(deps: Deps) {
  return defineRoutes([
    route(replies.VoiceScreens)({
      method: 'get', path: '/api/v1/admin/voice/screens', summary: 'Which voice each connected speaking screen will use (browser speech, hall pack, built-in pack, chime)', tag: 'voice', auth: 'monitor',
      handler: () => ({ ok: true, screens: deps.voice.list() }),
    }),
    route(replies.VoiceTest)({
      method: 'post', path: '/api/v1/admin/voice/test', summary: 'Play a test call (A001) on one chosen screen only, in one of its languages or all of them', tag: 'voice', auth: 'monitor',
      body: z.object({ screenId: z.string().min(1).max(64), lang: z.enum(['zh-CN', 'zh-TW', 'en']).nullable().optional() }).strict(),
      handler: (req) => ({ ok: true, test: deps.voice.testCall(req.body.screenId, req.body.lang ?? null) }),
    }),
  ]);
}
