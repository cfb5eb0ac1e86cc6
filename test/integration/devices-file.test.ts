import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningHall } from '../../server/bootstrap.js';
import { ADMIN_PASSWORD, Api, removeDir, startTestHall, tempDir } from '../helpers/hall.js';

describe('device bindings from a file', () => {
  let dir: string;
  let hall: RunningHall | null = null;

  afterEach(async () => {
    await hall?.close();
    removeDir(dir);
  });

  it('applies DATA_DIR/devices.json at start over bindings of the same id', async () => {
    dir = tempDir();
    writeFileSync(
      join(dir, 'devices.json'),
      JSON.stringify([
        { id: 'kiosk-1-printer', kind: 'printer', uri: 'sim:printer?paper=near-end', ownerKind: 'kiosk', ownerId: 'kiosk-1', options: { paperWidth: 58 } },
        { id: 'w5-keypad', kind: 'keypad', uri: 'sim:keypad', ownerKind: 'window', ownerId: 'w5', options: { address: 5 } },
      ]),
    );
    hall = await startTestHall(dir);
    const devices = hall.deps.ctx.store.devices.list();
    expect(devices.find((d) => d.id === 'kiosk-1-printer')).toMatchObject({ uri: 'sim:printer?paper=near-end', options: { paperWidth: 58 } });
    expect(devices.find((d) => d.id === 'w5-keypad')).toMatchObject({ kind: 'keypad', ownerId: 'w5' });
    let health: any[] = [];
    // Details (why a device warns) are for staff: anonymous callers get id, kind and state only.
    const admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
    for (let i = 0; i < 50; i++) {
      health = (await admin.get('/api/v1/health')).body.devices;
      if (health.find((d) => d.id === 'kiosk-1-printer')?.detail === 'paper near end') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(health.find((d) => d.id === 'kiosk-1-printer')).toMatchObject({ state: 'warning', detail: 'paper near end' });
    expect(health.some((d) => d.id === 'w5-keypad')).toBe(true);
  });

  it('a broken file is reported and ignored; the hall still starts', async () => {
    dir = tempDir();
    writeFileSync(join(dir, 'devices.json'), JSON.stringify([{ id: 'bad', kind: 'printer', uri: 'serial:', ownerKind: 'hall' }]));
    hall = await startTestHall(dir);
    expect(hall.deps.ctx.store.devices.get('bad')).toBeNull();
    expect((await new Api(hall.url).get('/api/v1/health')).body.ok).toBe(true);
  });
});
