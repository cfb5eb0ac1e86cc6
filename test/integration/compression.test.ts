import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningHall } from '../../server/bootstrap.js';
import { removeDir, startTestHall, tempDir } from '../helpers/hall.js';

// The built pages are not part of the unit run: serve a page and a script of real size from a folder of our own.
const uiDir = vi.hoisted(() => {
  const { mkdirSync, mkdtempSync, writeFileSync } = require('node:fs') as typeof import('node:fs');
  const { join } = require('node:path') as typeof import('node:path');
  const dir = mkdtempSync(join(require('node:os').tmpdir(), 'onestop-ui-'));
  mkdirSync(join(dir, 'kiosk-ui'), { recursive: true });
  const script = Array.from({ length: 2000 }, (_, i) => `export const label${i} = "取号 ticket ${i}";`).join('\n');
  writeFileSync(join(dir, 'kiosk-ui/index.html'), `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>取号机</title></head><body><div id="app"></div><script type="module">${script.slice(0, 20_000)}</script></body></html>`);
  writeFileSync(join(dir, 'kiosk-ui/app.js'), script);
  process.env.ONESTOP_UI_DIR = dir;
  return dir;
});

/** A raw GET (fetch would decode for us): status, headers and the bytes as sent. */
function get(url: string, acceptEncoding?: string): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('HTTP responses are compressed for clients that accept it', () => {
  let dir: string;
  let hall: RunningHall;
  beforeAll(async () => {
    dir = tempDir();
    hall = await startTestHall(dir);
  });
  afterAll(async () => {
    await hall?.close();
    removeDir(dir);
    removeDir(uiDir);
  });

  it.each(['/kiosk', '/ui/kiosk-ui/app.js', '/api/v1/openapi.json', '/api/v1/services'])('%s comes back gzip and decodes to the identical body', async (path) => {
    const plain = await get(hall.url + path);
    const zipped = await get(hall.url + path, 'gzip');
    expect(plain.status).toBe(200);
    expect(zipped.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toMatch(/accept-encoding/i);
    expect(zipped.body.length).toBeLessThan(plain.body.length);
    expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
  });

  it('leaves Socket.IO polling to Socket.IO (the app middleware never sees it)', async () => {
    const r = await get(`${hall.url}/socket.io/?EIO=4&transport=polling`, 'gzip');
    expect(r.status).toBe(200);
    expect(r.body.toString('utf8')).toMatch(/^0\{"sid"/);
  });
});
