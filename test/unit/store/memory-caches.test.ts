import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServiceDef } from '../../../common/config.js';
import { HallDatabase } from '../../../server/store/store.js';
import { ticket } from '../domain/fixtures.js';

const service = (id: string, over: Partial<ServiceDef> = {}): ServiceDef => ({
  id,
  departmentId: 'd',
  name: { 'zh-CN': id, en: id },
  prefix: id.toUpperCase().slice(0, 1),
  numberWidth: 3,
  dailyQuota: null,
  promisedMinutes: 15,
  guide: { 'zh-CN': [], en: [] } as unknown as ServiceDef['guide'],
  open: true,
  sortOrder: 0,
  ...over,
});

describe('store: what is kept in memory follows the database', () => {
  let dir: string;
  let store: HallDatabase;
  const reopen = () => {
    store.close();
    store = HallDatabase.open(join(dir, 'hall.db'));
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'onestop-cache-'));
    store = HallDatabase.open(join(dir, 'hall.db'));
    store.config.saveDepartment({ id: 'd', name: { 'zh-CN': '部门', en: 'Dept' } });
    store.config.saveService(service('tax'));
    store.config.saveWindow({ id: 'w1', number: 1, name: '1', departmentId: 'd', priorityOnly: false, services: [{ serviceId: 'tax', order: 0, weight: 1 }] });
  });

  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a write is seen by the next read, and by a fresh store reading the file', () => {
    expect(store.config.service('tax')?.open).toBe(true);
    store.config.saveService(service('tax', { open: false }));
    expect(store.config.service('tax')?.open).toBe(false);
    store.config.saveRuntime({ windowId: 'w1', status: 'open', pauseReason: null, staffId: 'u1', currentTicketId: null });
    expect(store.config.runtime('w1')).toMatchObject({ status: 'open', staffId: 'u1' });
    expect(store.config.runtimes()).toHaveLength(1);
    store.config.saveWindow({ id: 'w2', number: 2, name: '2', departmentId: 'd', priorityOnly: true, services: [] });
    expect(store.config.windows().map((w) => w.id)).toEqual(['w1', 'w2']);
    expect(store.config.runtime('w2')).toMatchObject({ status: 'closed' });
    reopen();
    expect(store.config.service('tax')?.open).toBe(false);
    expect(store.config.runtime('w1')).toMatchObject({ status: 'open', staffId: 'u1' });
    expect(store.config.window('w2')?.priorityOnly).toBe(true);
  });

  it('a rolled-back transaction leaves no trace in what is read next', () => {
    expect(store.config.runtime('w1')?.status).toBe('closed');
    expect(() =>
      store.tx(() => {
        store.config.saveRuntime({ windowId: 'w1', status: 'paused', pauseReason: 'x', staffId: 'u1', currentTicketId: null });
        store.config.saveService(service('tax', { open: false }));
        expect(store.config.runtime('w1')?.status).toBe('paused');
        expect(store.config.service('tax')?.open).toBe(false);
        throw new Error('undo');
      }),
    ).toThrow('undo');
    expect(store.config.runtime('w1')?.status).toBe('closed');
    expect(store.config.service('tax')?.open).toBe(true);
  });

  it('cached rows are frozen: a caller cannot change them behind the store', () => {
    const s = store.config.service('tax')!;
    expect(() => {
      (s as { open: boolean }).open = false;
    }).toThrow(TypeError);
    const w = store.config.window('w1')!;
    expect(() => w.services.push({ serviceId: 'x', order: 1, weight: 1 })).toThrow(TypeError);
    expect(store.config.service('tax')?.open).toBe(true);
  });

  it('recent service durations: cached per service, refreshed by a finish, forgotten on rollback', () => {
    const done = (id: string, minute: number, seconds: number) =>
      ticket({
        id,
        serviceId: 'tax',
        status: 'done',
        calledAt: `2026-11-28T01:${String(minute).padStart(2, '0')}:00.000Z`,
        servingAt: `2026-11-28T01:${String(minute).padStart(2, '0')}:00.000Z`,
        finishedAt: `2026-11-28T01:${String(minute).padStart(2, '0')}:${String(seconds).padStart(2, '0')}.000Z`,
      });
    store.tickets.save(done('t1', 1, 30));
    expect(store.tickets.recentDurations('tax', 5).map(Math.round)).toEqual([30]);
    // A new waiting ticket does not touch the finished ones; the cached answer stands and is a copy.
    store.tickets.recentDurations('tax', 5).push(999);
    store.tickets.save(ticket({ id: 't2', serviceId: 'tax' }));
    expect(store.tickets.recentDurations('tax', 5).map(Math.round)).toEqual([30]);
    store.tickets.save(done('t2', 2, 10));
    expect(store.tickets.recentDurations('tax', 5).map(Math.round)).toEqual([30, 10]);
    expect(() =>
      store.tx(() => {
        store.tickets.save(done('t3', 3, 45));
        expect(store.tickets.recentDurations('tax', 5).map(Math.round)).toEqual([30, 10, 45]);
        throw new Error('undo');
      }),
    ).toThrow('undo');
    expect(store.tickets.recentDurations('tax', 5).map(Math.round)).toEqual([30, 10]);
  });
});
