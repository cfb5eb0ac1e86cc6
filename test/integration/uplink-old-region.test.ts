/**
 * Halls upgraded before their region (review 7): a region of the first version checks every
 * field name strictly and names no `accepts` in its position reply. The hall must send it only
 * the first version's fields (no `head`, no `headAt`, a config snapshot without names and fees),
 * so it keeps streaming; a region that names them gets them.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHall } from '../../server/bootstrap.js';
import { ADMIN_PASSWORD, Api, removeDir, startTestHall, tempDir } from '../helpers/hall.js';
import { bareKiosk } from '../helpers/features.js';
import { waitFor } from '../helpers/ports.js';

const FIRST_BATCH_KEYS = ['after', 'events', 'config'];
const FIRST_CONFIG_KEYS = ['version', 'hallName', 'timeZone', 'resetHour', 'departments', 'services', 'windows'];

/** A stand-in region: strict about field names like the first version, optionally naming what it accepts. */
function fakeRegion(accepts: string[] | null) {
  const seen = { queries: [] as string[], batches: [] as any[], refused: [] as string[] };
  let highWater = 0;
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const reply = (status: number, body: object) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.method === 'GET' && /\/uplink\?/.test(req.url ?? '')) {
        const q = new URL(req.url!, 'http://x').searchParams;
        seen.queries.push(req.url!);
        const extra = [...q.keys()].filter((k) => k !== 'head' && !(accepts?.includes('head') && k === 'headAt'));
        if (extra.length) return seen.refused.push(`query ${extra}`), reply(400, { ok: false, error: { code: 'VALIDATION', message: `Unrecognized key "${extra[0]}"` } });
        return reply(200, { ok: true, highWater, configVersion: null, ...(accepts ? { accepts } : {}) });
      }
      if (req.method === 'POST' && /\/events$/.test(req.url ?? '')) {
        const b = JSON.parse(raw);
        seen.batches.push(b);
        const allowed = [...FIRST_BATCH_KEYS, ...(accepts?.includes('head') ? ['head'] : [])];
        const extra = Object.keys(b).filter((k) => !allowed.includes(k));
        const configExtra = b.config ? Object.keys(b.config).filter((k) => !FIRST_CONFIG_KEYS.includes(k) && !(accepts?.includes('names') && k === 'hallNames')) : [];
        if (extra.length || configExtra.length) {
          seen.refused.push(`batch ${[...extra, ...configExtra]}`);
          return reply(400, { ok: false, error: { code: 'VALIDATION', message: `Unrecognized key "${[...extra, ...configExtra][0]}"` } });
        }
        if (b.events.length) highWater = b.events.at(-1).seq;
        return reply(200, { ok: true, highWater, accepted: b.events.length, duplicates: 0, configVersion: b.config ? 1 : null });
      }
      reply(404, { ok: false, error: { code: 'NOT_FOUND', message: 'no' } });
    });
  });
  return { seen, server };
}

describe('a hall upgraded before its region', () => {
  const dirs: string[] = [];
  const halls: RunningHall[] = [];
  const servers: Server[] = [];
  afterAll(async () => {
    for (const h of halls) await h.close();
    for (const s of servers) s.close();
    for (const d of dirs) removeDir(d);
  });

  async function streamTo(accepts: string[] | null) {
    const region = fakeRegion(accepts);
    servers.push(region.server);
    await new Promise<void>((r) => region.server.listen(0, '127.0.0.1', () => r()));
    const dir = tempDir();
    dirs.push(dir);
    const hall = await startTestHall(dir, { uplink: { idleMs: 50, minBackoffMs: 40, maxBackoffMs: 200, requestTimeoutMs: 2000 } });
    halls.push(hall);
    const admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
    const kiosk = await bareKiosk(admin);
    expect((await kiosk.api.post('/api/v1/tickets', { serviceId: 'social' })).status).toBe(201);
    const url = `http://127.0.0.1:${(region.server.address() as AddressInfo).port}`;
    expect((await admin.req('PATCH', '/api/v1/admin/uplink', { enabled: true, url, hallId: 'h1', token: 'a-hall-token-0123456789' })).status).toBe(200);
    await waitFor('the hall to catch up with the region', async () => {
      const st = (await admin.get('/api/v1/admin/uplink')).body.state;
      return st.lagEvents === 0 && st.connected;
    }, 20_000);
    // one more ticket after the first exchange: the reconnect query and later batches too
    expect((await kiosk.api.post('/api/v1/tickets', { serviceId: 'social' })).status).toBe(201);
    await waitFor('the next batch', async () => (await admin.get('/api/v1/admin/uplink')).body.state.lagEvents === 0, 20_000);
    return region.seen;
  }

  it('sends a region that names nothing only the first version\'s fields, and keeps streaming', { timeout: 60_000 }, async () => {
    const seen = await streamTo(null);
    expect(seen.refused).toEqual([]);
    expect(seen.batches.length).toBeGreaterThan(0);
    for (const b of seen.batches) expect(b.head).toBeUndefined();
    const config = seen.batches.find((b) => b.config)!.config;
    expect(config.hallNames).toBeUndefined();
    expect(JSON.stringify(config)).not.toMatch(/"names"|"fees"/);
    for (const q of seen.queries) expect(q).not.toContain('headAt');
  });

  it('sends the head, names and fees to a region that names them', { timeout: 60_000 }, async () => {
    const seen = await streamTo(['head', 'names', 'something-newer']);
    expect(seen.refused).toEqual([]);
    expect(seen.batches.at(-1).head).toMatchObject({ seq: expect.any(Number), at: expect.any(String) });
    expect(seen.batches.find((b) => b.config)!.config.hallNames).toMatchObject({ 'zh-CN': expect.any(String) });
  });
});
