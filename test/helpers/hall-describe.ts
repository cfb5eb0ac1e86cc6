/** Registers hooks of the calling describe (not in hall.ts: that one is also imported outside vitest). */
import { afterAll, beforeAll } from 'vitest';
import type { HallOptions, RunningHall } from '../../server/bootstrap.js';
import { ADMIN_PASSWORD, Api, removeDir, startTestHall, tempDir } from './hall.js';

/**
 * One real hall for the calling describe: started in its beforeAll with the admin signed in,
 * closed and its folder removed in its afterAll. The fields are set once beforeAll ran.
 */
export function hallForDescribe(extra: Partial<HallOptions> = {}): { hall: RunningHall; admin: Api; dir: string } {
  const h = {} as { hall: RunningHall; admin: Api; dir: string };
  beforeAll(async () => {
    h.dir = tempDir();
    h.hall = await startTestHall(h.dir, extra);
    h.admin = await Api.login(h.hall.url, 'admin', ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await h.hall?.close();
    if (h.dir) removeDir(h.dir);
  });
  return h;
}
