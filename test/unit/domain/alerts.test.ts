import { describe, expect, it } from 'vitest';
import {
  alertMessage,
  alertMessages,
  detectAlerts,
  diffAlerts,
  idleWindows,
  longPauses,
  longQueues,
  longWaits,
  overdueServices,
  type WindowView,
} from '../../../server/domain/alerts.js';
import type { ServiceDef, WindowRuntime } from '../../../server/domain/model.js';
import { at, ticket, windowDef } from './fixtures.js';

const svc = (id: string, promisedMinutes = 20): ServiceDef => ({
  id, departmentId: 'd', name: { 'zh-CN': `业务${id}` }, prefix: 'A', numberWidth: 3, dailyQuota: null, promisedMinutes,
  guide: { materials: [], fees: { 'zh-CN': '免费' } }, open: true, sortOrder: 0,
});
const rt = (windowId: string, over: Partial<WindowRuntime> = {}): WindowRuntime => ({ windowId, status: 'open', pauseReason: null, staffId: 'u1', currentTicketId: null, ...over });
const win = (id: string, services: string[], over: Partial<WindowRuntime> = {}, lastActivityAt: string | null = at(0)): WindowView => ({
  def: windowDef(id, services.map((serviceId) => ({ serviceId }))), runtime: rt(id, over), lastActivityAt,
});
const now = (minutes: number) => new Date(at(minutes));

describe('supervision alert rules', () => {
  it('long waits: waiting tickets at or over the threshold, from when they joined the queue, one alert per queue', () => {
    const ts = [ticket({ id: 'a', queuedAt: at(0) }), ticket({ id: 'b', queuedAt: at(10) }), ticket({ id: 'c', queuedAt: at(0), status: 'called' })];
    expect(longWaits(ts, now(29), 30)).toEqual([]);
    const found = longWaits(ts, now(30), 30, [svc('svc-a')]);
    expect(found.map((a) => a.key)).toEqual(['long_wait:service:svc-a']);
    expect(found[0]).toMatchObject({ kind: 'long_wait', value: 30, count: 1, threshold: 30, ticketId: 'a', serviceId: 'svc-a', subject: '业务svc-a' });
    // Ten minutes on, b waits too: still one alert, two tickets, worst 40 minutes (a).
    expect(longWaits(ts, now(40), 30, [svc('svc-a')])).toEqual([expect.objectContaining({ key: 'long_wait:service:svc-a', count: 2, value: 40, ticketId: 'a' })]);
    expect(longWaits(ts, now(300), 0)).toEqual([]);
  });

  it('a busy hour: 200 long waits in three queues give three alerts, not 200', () => {
    const ts = Array.from({ length: 200 }, (_, i) =>
      ticket({ id: `t${i}`, seq: i + 1, serviceId: i % 2 ? 's1' : 's2', targetWindowId: i % 10 === 0 ? 'w5' : null, queuedAt: at(i % 20) }),
    );
    const found = longWaits(ts, now(60), 30, [svc('s1'), svc('s2')]);
    expect(found.map((a) => a.key).sort()).toEqual(['long_wait:service:s1', 'long_wait:service:s2', 'long_wait:window:w5']);
    expect(found.reduce((n, a) => n + a.count, 0)).toBe(200);
    expect(Math.max(...found.map((a) => a.value))).toBe(60);
    const w5 = found.find((a) => a.key === 'long_wait:window:w5')!;
    expect(alertMessages(w5)).toEqual({
      'zh-CN': '转给窗口w5的队列：20人等候超过30分钟，最长60分钟',
      'zh-TW': '轉給窗口w5的隊列：20人等候超過30分鐘，最長60分鐘',
      en: 'the queue sent to window w5: 20 waiting over 30 min, longest 60 min',
    });
  });

  it('every alert kind has its text in zh-CN, zh-TW and en', () => {
    const kinds = ['long_wait', 'long_queue', 'long_pause', 'overdue_service', 'idle_window'] as const;
    for (const kind of kinds) {
      const m = alertMessages({ key: kind, kind, windowId: 'w1', serviceId: 's1', ticketId: null, value: 42, count: 3, threshold: 30, subject: 'A042' });
      expect(Object.keys(m).sort()).toEqual(['en', 'zh-CN', 'zh-TW']);
      expect(new Set(Object.values(m)).size).toBe(3);
      for (const text of Object.values(m)) expect(text).toContain('42');
      expect(m.en).toMatch(/^[\x20-\x7e]+$/);
    }
  });

  it('long queues: services whose waiting count reaches the threshold', () => {
    const ts = [1, 2, 3].map((i) => ticket({ id: `x${i}`, serviceId: 's1' })).concat([ticket({ id: 'y', serviceId: 's2' })]);
    const found = longQueues(ts, [svc('s1'), svc('s2')], 3);
    expect(found).toEqual([expect.objectContaining({ key: 'long_queue:s1', value: 3, serviceId: 's1' })]);
    expect(longQueues(ts, [svc('s1')], 4)).toEqual([]);
    expect(longQueues(ts, [svc('s1')], 0)).toEqual([]);
  });

  it('long pauses: paused windows whose pause (their last act) is at or over the threshold', () => {
    const ws = [win('w1', ['s1'], { status: 'paused', pauseReason: '午休' }, at(0)), win('w2', ['s1'], {}, at(0))];
    expect(longPauses(ws, now(14), 15)).toEqual([]);
    expect(longPauses(ws, now(15), 15)).toEqual([expect.objectContaining({ key: 'long_pause:w1', value: 15, windowId: 'w1' })]);
  });

  it('overdue service: a ticket in hand longer than its service’s promised minutes', () => {
    const ts = [
      ticket({ id: 's', serviceId: 's1', status: 'serving', calledAt: at(0), servingAt: at(5), windowId: 'w1' }),
      ticket({ id: 'c', serviceId: 's2', status: 'called', calledAt: at(0), windowId: 'w2' }),
    ];
    const services = [svc('s1', 20), svc('s2', 60)];
    expect(overdueServices(ts, services, now(24))).toEqual([]);
    expect(overdueServices(ts, services, now(25))).toEqual([expect.objectContaining({ key: 'overdue_service:w1', ticketId: 's', value: 20, threshold: 20, windowId: 'w1' })]);
    // One alert per window: the window's next overdue ticket, while the alert is open, updates it.
    expect(overdueServices(ts, services, now(61)).map((a) => a.key)).toEqual(['overdue_service:w1', 'overdue_service:w2']);
  });

  it('idle windows: open, empty-handed, someone waits for them, since the later of last act and oldest arrival', () => {
    const waiting = [ticket({ id: 'a', serviceId: 's1', queuedAt: at(10) }), ticket({ id: 't', serviceId: 's9', targetWindowId: 'w3', queuedAt: at(0) })];
    const ws = [
      win('w1', ['s1'], {}, at(0)), // idle since 10 (the ticket came later than its last act)
      win('w2', ['s2'], {}, at(0)), // nobody waits for it
      win('w3', ['s3'], {}, at(12)), // a ticket sent to it; last act at 12
      win('w4', ['s1'], { currentTicketId: 'zz' }, at(0)), // busy
      win('w5', ['s1'], { status: 'paused' }, at(0)), // paused: the pause rule's business
      win('w6', ['s9', 's1'], {}, at(0)), // the s9 ticket is w3's alone: idle since 10 through s1
    ];
    expect(idleWindows(ws, waiting, now(14), 5).map((a) => a.key)).toEqual([]);
    expect(idleWindows(ws, waiting, now(15), 5).map((a) => a.key)).toEqual(['idle_window:w1', 'idle_window:w6']);
    expect(idleWindows(ws, waiting, now(17), 5).map((a) => a.key)).toEqual(['idle_window:w1', 'idle_window:w3', 'idle_window:w6']);
    expect(idleWindows(ws, waiting, now(100), 0)).toEqual([]);
  });

  it('detectAlerts runs every rule; messages say what and how long', () => {
    const found = detectAlerts({
      now: now(40),
      thresholds: { waitAlertMinutes: 30, queueAlertLength: 1, pauseAlertMinutes: 15, idleAlertMinutes: 5 },
      services: [svc('s1')],
      windows: [win('w1', ['s1'], {}, at(0)), win('w2', ['s2'], { status: 'paused' }, at(0))],
      active: [ticket({ id: 'a', serviceId: 's1', queuedAt: at(0) })],
    });
    expect(found.map((a) => a.kind).sort()).toEqual(['idle_window', 'long_pause', 'long_queue', 'long_wait']);
    expect(alertMessage(found.find((a) => a.kind === 'long_wait')!)).toBe('业务s1：1人等候超过30分钟，最长40分钟');
    expect(alertMessage(found.find((a) => a.kind === 'long_pause')!)).toContain('2号窗口已暂停40分钟');
  });

  it('a condition is raised once while it lasts and resolved when it clears', () => {
    const d = (key: string, value = 1, count = 1) => ({ key, kind: 'long_wait' as const, windowId: null, serviceId: null, ticketId: null, value, count, threshold: 1, subject: '' });
    const live = (...keys: string[]) => new Map(keys.map((k) => [k, { count: 1, value: 1 }]));
    expect(diffAlerts([d('a'), d('b')], live())).toEqual({ raise: [d('a'), d('b')], update: [], resolve: [] });
    expect(diffAlerts([d('a'), d('b')], live('a', 'b'))).toEqual({ raise: [], update: [], resolve: [] });
    expect(diffAlerts([d('b'), d('c')], live('a', 'b'))).toEqual({ raise: [d('c')], update: [], resolve: ['a'] });
  });

  it('an open alert is updated when its count changes or its worst value grows; the worst value never shrinks', () => {
    const d = (value: number, count: number) => ({ key: 'k', kind: 'long_wait' as const, windowId: null, serviceId: 's', ticketId: null, value, count, threshold: 1, subject: '' });
    const live = new Map([['k', { count: 3, value: 50 }]]);
    expect(diffAlerts([d(50, 3)], live).update).toEqual([]);
    expect(diffAlerts([d(55, 3)], live).update).toEqual([d(55, 3)]);
    expect(diffAlerts([d(40, 5)], live).update).toEqual([d(50, 5)]); // the 50-minute ticket was called: worst stays 50
    expect(diffAlerts([d(40, 3)], live).update).toEqual([]);
  });
});
