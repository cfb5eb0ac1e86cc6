/**
 * `npm run region:trial` as an operator runs it: private PostgreSQL and Redis in a
 * temporary folder, two region nodes, three demo halls streaming to them. The test
 * waits for its ready line, then sees all three halls' events arrive on both nodes
 * and the ratings feed fill; SIGINT stops everything and removes the folder.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Api } from '../helpers/hall.js';
import { requirePostgres } from '../helpers/pg.js';
import { freePort, waitFor } from '../helpers/ports.js';
import { requireRedis } from '../helpers/redis.js';

const root = new URL('../..', import.meta.url).pathname;

describe.runIf(requirePostgres() && requireRedis())('npm run region:trial', () => {
  it('comes up with two nodes and three streaming halls, and cleans up on Ctrl-C', async () => {
    const port = await freePort();
    const proc = spawn('npm', ['run', '--silent', 'region:trial'], { cwd: root, env: { ...process.env, TRIAL_PORT: String(port), TRIAL_PACE_MS: '300' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    proc.stdout.on('data', (d) => (out += d));
    proc.stderr.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
    try {
      await waitFor('the trial to be ready', () => {
        if (proc.exitCode !== null) throw new Error(out);
        return /TRIAL READY /.test(out);
      }, 120_000);
      const info = JSON.parse(/TRIAL READY (.*)/.exec(out)![1]);
      expect(info.region).toEqual([`http://127.0.0.1:${port}/region`, `http://127.0.0.1:${port + 1}/region`]);
      expect(info.halls).toHaveLength(3);
      expect(existsSync(info.folder)).toBe(true);
      for (const base of [`http://127.0.0.1:${port}`, `http://127.0.0.1:${port + 1}`]) {
        const api = new Api(base);
        api.token = (await api.post('/region/v1/auth/login', info.regionLogin)).body.token;
        await waitFor(`all three halls streaming, seen on ${base}`, async () => {
          const halls = (await api.get('/region/v1/halls')).body.halls as { hallId: string; issuedToday: number }[];
          return halls.length === 3 && halls.every((h) => h.issuedToday >= 2);
        }, 60_000);
      }
      const a = new Api(`http://127.0.0.1:${port}`);
      a.token = (await a.post('/region/v1/auth/login', info.regionLogin)).body.token;
      await waitFor('ratings in the feed', async () => (await a.get('/region/v1/ratings/feed')).body.ratings.length > 0, 60_000);
      process.kill(-proc.pid!, 'SIGINT');
      await exited;
      // npm returns at once on SIGINT; the trial itself goes on stopping its parts, then removes the folder
      await waitFor('the trial folder to be removed', () => !existsSync(info.folder), 60_000);
    } finally {
      try {
        process.kill(-proc.pid!, 'SIGKILL'); // whatever is left of the group (nothing when the trial stopped cleanly)
      } catch {
        // gone
      }
    }
  }, 240_000);
});
