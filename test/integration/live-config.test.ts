import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHall } from '../../server/bootstrap.js';
import { isoInZone } from '../../server/domain/business-day.js';
import { ADMIN_PASSWORD, Api, connect, connected, kioskToken, once, removeDir, startTestHall, tempDir } from '../helpers/hall.js';

describe('live configuration, kiosk device state on connect, voice clips, audit dates', () => {
  let dir: string;
  let hall: RunningHall;
  let admin: Api;
  let kiosk: Api;

  beforeAll(async () => {
    dir = tempDir();
    mkdirSync(join(dir, 'voice', 'zh-CN'), { recursive: true });
    writeFileSync(join(dir, 'voice', 'zh-CN', 'manifest.json'), '{"clips":["qing"]}');
    hall = await startTestHall(dir);
    admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
    kiosk = new Api(hall.url, await kioskToken(hall.url, admin));
  });

  afterAll(async () => {
    await hall.close();
    removeDir(dir);
  });

  it('a renamed service reaches displays and kiosks at once', async () => {
    const display = connect(hall.url, '/display');
    await once(display, 'state');
    const k = connect(hall.url, '/kiosk', kiosk.token!);
    await connected(k);
    const stateP = once(display, 'state');
    const configP = once(k, 'config');
    const r = await admin.req('PUT', '/api/v1/admin/services/consult', { departmentId: 'general', name: { 'zh-CN': '综合咨询台' }, prefix: 'H' });
    expect(r.status).toBe(200);
    const state = await stateP;
    expect(state.services.find((s: any) => s.id === 'consult').name['zh-CN']).toBe('综合咨询台');
    await configP;
    display.close();
    k.close();
  });

  it('a kiosk learns its devices’ state as soon as it connects', async () => {
    await admin.post('/api/v1/admin/devices/kiosk-1-printer/simulate', { action: 'paper', paper: 'out' });
    // The printer's health poll is slow: ask its status the way a ticket would.
    await (hall.deps.devices.printerFor('kiosk-1') as { check(): Promise<void> }).check().catch(() => undefined);
    const k = connect(hall.url, '/kiosk', kiosk.token!);
    const seen: any[] = [];
    k.on('device', (d) => seen.push(d));
    await connected(k);
    await new Promise((r) => setTimeout(r, 300));
    expect(seen.find((d) => d.id === 'kiosk-1-printer')).toMatchObject({ state: 'error', detail: 'paper out' });
    expect(seen.some((d) => d.id === 'kiosk-1-reader')).toBe(true);
    expect(seen.every((d) => d.ownerId === 'kiosk-1')).toBe(true);
    k.close();
    await admin.post('/api/v1/admin/devices/kiosk-1-printer/simulate', { action: 'paper', paper: 'ok' });
  });

  it('screens get only the windows that changed', async () => {
    const display = connect(hall.url, '/display');
    await once(display, 'state');
    const clerk = await Api.login(hall.url, 'clerk6', 'demo1234');
    const windowP = once(display, 'window');
    await clerk.post('/api/v1/windows/w6/open');
    const pushed = await windowP;
    expect(pushed.map((w: any) => w.id)).toEqual(['w6']);
    expect(pushed[0].status).toBe('open');
    display.close();
  });

  it('serves voice clips dropped into DATA_DIR/voice without a rebuild', async () => {
    const r = await fetch(`${hall.url}/voice/zh-CN/manifest.json`);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ clips: ['qing'] });
  });

  it('reads audit dates as days in the hall’s time zone', async () => {
    const all = (await admin.get('/api/v1/admin/audit?limit=1000')).body.events;
    // The calendar date in the hall's time zone (not the business day: before the reset hour that is still
    // yesterday, and this test failed every day from 16:00 UTC until the reset hour in Asia/Shanghai).
    const day = isoInZone(new Date(), hall.deps.settings.get().timeZone).slice(0, 10);
    const today = (await admin.get(`/api/v1/admin/audit?limit=1000&from=${day}&to=${day}`)).body.events;
    expect(today.length).toBe(all.length);
    const before = (await admin.get(`/api/v1/admin/audit?limit=1000&to=2000-01-01`)).body.events;
    expect(before).toEqual([]);
  });
});
