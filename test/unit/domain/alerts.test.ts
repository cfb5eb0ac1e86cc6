import { describe, expect, it } from 'vitest';
import {
  alertMessage,
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
  it('long waits: waiting tickets at or over the threshold, from when they joined the queue', () => {
    const ts = [ticket({ id: 'a', queuedAt: at(0) }), ticket({ id: 'b', queuedAt: at(10) }), ticket({ id: 'c', queuedAt: at(0), status: 'called' })];
    expect(longWaits(ts, now(29), 30)).toEqual([]);
    const found = longWaits(ts, now(30), 30);
    expect(found.map((a) => a.key)).toEqual(['long_wait:a']);
    expect(found[0]).toMatchObject({ kind: 'long_wait', value: 30, threshold: 30, ticketId: 'a', subject: 'A001' });
    expect(longWaits(ts, now(300), 0)).toEqual([]);
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
    expect(overdueServices(ts, services, now(25))).toEqual([expect.objectContaining({ key: 'overdue_service:s', value: 20, threshold: 20, windowId: 'w1' })]);
    expect(overdueServices(ts, services, now(61)).map((a) => a.key)).toEqual(['overdue_service:s', 'overdue_service:c']);
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
    expect(alertMessage(found.find((a) => a.kind === 'long_wait')!)).toBe('A001号已等候40分钟（阈值30分钟）');
    expect(alertMessage(found.find((a) => a.kind === 'long_pause')!)).toContain('2号窗口已暂停40分钟');
  });

  it('a condition is raised once while it lasts and resolved when it clears', () => {
    const d = (key: string) => ({ key, kind: 'long_wait' as const, windowId: null, serviceId: null, ticketId: null, value: 1, threshold: 1, subject: '' });
    expect(diffAlerts([d('a'), d('b')], new Set())).toEqual({ raise: [d('a'), d('b')], resolve: [] });
    expect(diffAlerts([d('a'), d('b')], new Set(['a', 'b']))).toEqual({ raise: [], resolve: [] });
    expect(diffAlerts([d('b'), d('c')], new Set(['a', 'b']))).toEqual({ raise: [d('c')], resolve: ['a'] });
  });
});
