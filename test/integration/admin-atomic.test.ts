import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHall } from '../../server/bootstrap.js';
import { ADMIN_PASSWORD, Api, removeDir, startTestHall, tempDir } from '../helpers/hall.js';

/**
 * Every admin write and its audit event commit together: when the audit append fails
 * (here a trigger refuses that event type, as a full disk would), nothing changed.
 */
describe('admin writes and their audit events are one transaction', () => {
  let dir: string;
  let hall: RunningHall;
  let admin: Api;

  beforeAll(async () => {
    dir = tempDir();
    hall = await startTestHall(dir);
    admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await hall?.close();
    removeDir(dir);
  });

  /** Makes appending `type` to the event log fail until the returned function is called. */
  function failAudit(type: string): () => void {
    const db = hall.deps.ctx.store.db;
    db.exec(`CREATE TRIGGER fail_audit BEFORE INSERT ON events WHEN NEW.type = '${type}' BEGIN SELECT RAISE(ABORT, 'audit refused'); END;`);
    return () => db.exec('DROP TRIGGER fail_audit');
  }

  async function refused(type: string, call: () => Promise<{ status: number; body: any }>) {
    const restore = failAudit(type);
    try {
      const r = await call();
      expect(r.status).toBeGreaterThanOrEqual(500);
      expect(r.body.ok).toBe(false);
    } finally {
      restore();
    }
  }

  const deviceIds = async () => ((await admin.get('/api/v1/admin/devices')).body.devices as { id: string }[]).map((d) => d.id);

  it('a device removal whose audit fails leaves the device bound', async () => {
    const put = await admin.req('PUT', '/api/v1/admin/devices/atomic-printer', { kind: 'printer', uri: 'sim:printer', ownerKind: 'hall', ownerId: null });
    expect(put.status).toBe(200);
    await refused('config.device.removed', () => admin.req('DELETE', '/api/v1/admin/devices/atomic-printer'));
    expect(await deviceIds()).toContain('atomic-printer');
    expect((await admin.req('DELETE', '/api/v1/admin/devices/atomic-printer')).status).toBe(200);
    expect(await deviceIds()).not.toContain('atomic-printer');
  });

  it('a device binding whose audit fails is not saved', async () => {
    await refused('config.device.saved', () =>
      admin.req('PUT', '/api/v1/admin/devices/atomic-led', { kind: 'led', uri: 'sim:led', ownerKind: 'hall', ownerId: null }),
    );
    expect(await deviceIds()).not.toContain('atomic-led');
  });

  it('a new account whose audit fails does not exist and cannot log in', async () => {
    const body = { username: 'atomic-clerk', name: 'Atomic', role: 'clerk', password: 'atomic-pass-1' };
    await refused('config.user.created', () => admin.post('/api/v1/admin/users', body));
    const users = (await admin.get('/api/v1/admin/users')).body.users as { username: string }[];
    expect(users.map((u) => u.username)).not.toContain('atomic-clerk');
    expect((await new Api(hall.url).post('/api/v1/auth/login', { username: 'atomic-clerk', password: 'atomic-pass-1' })).status).toBe(401);
  });

  it('an account change whose audit fails keeps the old role and password', async () => {
    const made = await admin.post('/api/v1/admin/users', { username: 'atomic-sup', name: 'Sup', role: 'clerk', password: 'atomic-pass-2' });
    expect(made.status).toBe(201);
    await refused('config.user.updated', () => admin.req('PATCH', `/api/v1/admin/users/${made.body.user.id}`, { role: 'supervisor', password: 'atomic-pass-3' }));
    const users = (await admin.get('/api/v1/admin/users')).body.users as { username: string; role: string }[];
    expect(users.find((u) => u.username === 'atomic-sup')?.role).toBe('clerk');
    expect((await new Api(hall.url).post('/api/v1/auth/login', { username: 'atomic-sup', password: 'atomic-pass-2' })).status).toBe(200);
  });

  it('a token reissue or revocation whose audit fails leaves the old token working', async () => {
    const client = await admin.post('/api/v1/admin/clients', { kind: 'display', name: 'Atomic screen' });
    const id = client.body.client.id as string;
    const first = await admin.post(`/api/v1/admin/clients/${id}/token`);
    const works = () => hall.deps.auth.authenticate(first.body.token).kind;
    expect(works()).toBe('device');
    await refused('config.client.token_issued', () => admin.post(`/api/v1/admin/clients/${id}/token`));
    expect(works()).toBe('device');
    await refused('config.client.revoked', () => admin.post(`/api/v1/admin/clients/${id}/revoke`));
    expect(works()).toBe('device');
  });

  it('a priority category deletion whose audit fails keeps the category', async () => {
    const made = await admin.post('/api/v1/admin/priority-categories', { id: 'atomic-cat', name: { 'zh-CN': '测试' }, priorityClass: 'priority' });
    expect(made.status).toBe(201);
    await refused('config.priority_category.deleted', () => admin.req('DELETE', '/api/v1/admin/priority-categories/atomic-cat'));
    const list = (await admin.get('/api/v1/admin/priority-categories')).body.categories as { id: string }[];
    expect(list.map((c) => c.id)).toContain('atomic-cat');
  });
});
