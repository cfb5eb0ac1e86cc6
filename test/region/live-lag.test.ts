/**
 * The live view's satisfaction and uplink lag (issue 14, audit): today's satisfaction as the
 * hall's own report computes it, (n5 + n4) / all ratings; the lag as events and seconds
 * behind where the hall says its log ends (with each batch, or when it asks where the
 * region stands), 0 when caught up, unknown for a hall that does not say; "last heard" kept
 * apart. A head only moves forward within an epoch, and a head before the batch's last
 * event is refused.
 */
import { describe, expect, it } from 'vitest';
import type { HallLive } from '../../common/region.js';
import { requirePostgres } from '../helpers/pg.js';
import { requireRedis } from '../helpers/redis.js';
import { Events, hallSnapshot, registerHall, TEST_DAY } from './support.js';
import { regionRig } from './rig.js';

const at = (minute: number) => new Date(Date.parse(`${TEST_DAY}T01:00:00Z`) + minute * 60_000).toISOString();

describe.runIf(requirePostgres() && requireRedis())('region live view: satisfaction and lag', () => {
  const rig = regionRig('livelag');

  const live = async (hallId: string): Promise<HallLive> => {
    const r = await rig.admin.get('/region/v1/halls');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.halls.find((h: HallLive) => h.hallId === hallId);
  };

  it("shows today's satisfaction as the hall computes it: (very satisfied + satisfied) / all ratings", async () => {
    const hall = await registerHall(rig.admin, 'rated-hall');
    const ev = new Events();
    ev.opened('w1', at(0));
    for (const [i, grade] of [5, 4, 3, 1, 5].entries()) {
      ev.issued(`t${i}`, 's1', at(1 + i));
      ev.called(`t${i}`, 'w1', at(10 + i));
      ev.finished(`t${i}`, at(20 + i));
      ev.rated(`t${i}`, 'w1', grade, at(30 + i), grade <= 2 ? ['attitude'] : []);
    }
    expect((await hall.post('/region/v1/halls/rated-hall/events', { after: 0, events: ev.list })).status).toBe(200);
    const h = await live('rated-hall');
    expect(h.ratingsToday).toEqual({ '1': 1, '2': 0, '3': 1, '4': 1, '5': 2 });
    expect(h.satisfactionToday).toBe(0.6);
    // nobody rated: no figure (not 0 %)
    const quiet = await registerHall(rig.admin, 'unrated-hall');
    const q = new Events();
    q.issued('u1', 's1', at(1));
    await quiet.post('/region/v1/halls/unrated-hall/events', { after: 0, events: q.list });
    expect((await live('unrated-hall')).satisfactionToday).toBeNull();
  });

  it('shows the lag as events and seconds behind the head the hall sends, 0 when caught up, apart from last heard', async () => {
    const hall = await registerHall(rig.admin, 'lagging-hall');
    const ev = new Events();
    for (let i = 1; i <= 10; i++) ev.issued(`t${i}`, 's1', at(i));
    // the first 4 of 10 events: the hall's log ends at 10, dated 6 minutes after event 4
    const first = await hall.post('/region/v1/halls/lagging-hall/events', { after: 0, events: ev.list.slice(0, 4), head: { seq: 10, at: at(10) } });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    let h = await live('lagging-hall');
    expect(h.head).toEqual({ seq: 10, at: at(10) });
    expect([h.highWater, h.lagEvents, h.lagSeconds]).toEqual([4, 6, 360]);
    expect(h.lastReceivedAt).not.toBeNull();

    // a late resend of an older batch with an older head does not take the head back
    await hall.post('/region/v1/halls/lagging-hall/events', { after: 0, events: ev.list.slice(0, 2), head: { seq: 3, at: at(3) } });
    expect((await live('lagging-hall')).head).toEqual({ seq: 10, at: at(10) });

    // the rest: caught up
    await hall.post('/region/v1/halls/lagging-hall/events', { after: 4, events: ev.list.slice(4), head: { seq: 10, at: at(10) } });
    h = await live('lagging-hall');
    expect([h.highWater, h.lagEvents, h.lagSeconds]).toEqual([10, 0, 0]);

    // the hall reconnects and says its log grew (before any batch lands)
    const pos = await hall.get(`/region/v1/halls/lagging-hall/uplink?head=15&headAt=${encodeURIComponent(at(25))}`);
    expect(pos.status, JSON.stringify(pos.body)).toBe(200);
    h = await live('lagging-hall');
    expect([h.lagEvents, h.lagSeconds]).toEqual([5, 900]);
  });

  it("takes a restored hall's lower head once a new epoch started (a head of the old log says nothing about the new one)", async () => {
    const hall = await registerHall(rig.admin, 'restored-hall');
    const ev = new Events();
    for (let i = 1; i <= 10; i++) ev.issued(`t${i}`, 's1', at(i));
    await hall.post('/region/v1/halls/restored-hall/events', { after: 0, events: ev.list, head: { seq: 10, at: at(10) } });
    expect((await live('restored-hall')).lagEvents).toBe(0);
    // restored from a backup whose log ends at 4: a new epoch from there, as epoch-proposal.test.ts starts one
    expect((await hall.get('/region/v1/halls/restored-hall/uplink?head=4')).status).toBe(200);
    expect((await live('restored-hall')).head).toEqual({ seq: 10, at: at(10) });
    expect((await rig.admin.post('/region/v1/halls/restored-hall/resync', {})).status).toBe(200);
    const proposed = await hall.post('/region/v1/halls/restored-hall/epoch', { commonPoint: 4 });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(202);
    expect((await rig.admin.post('/region/v1/halls/restored-hall/epoch/confirm', { commonPoint: 4 })).status).toBe(200);
    let h = await live('restored-hall');
    // the old log's head is not this epoch's: unknown until the hall says
    expect([h.epoch, h.highWater, h.head, h.lagEvents]).toEqual([1, 4, null, null]);
    const next = new Events();
    next.seq = 4;
    for (let i = 5; i <= 6; i++) next.issued(`n${i}`, 's1', at(30 + i));
    expect((await hall.post('/region/v1/halls/restored-hall/events', { after: 4, events: next.list.slice(0, 1), head: { seq: 6, at: at(36) } })).status).toBe(200);
    h = await live('restored-hall');
    expect([h.highWater, h.head, h.lagEvents, h.lagSeconds]).toEqual([5, { seq: 6, at: at(36) }, 1, 60]);
  });

  it('refuses a head before the batch it comes with, and keeps the lag unknown for a hall that sends no head', async () => {
    const hall = await registerHall(rig.admin, 'old-hall');
    const ev = new Events();
    for (let i = 1; i <= 3; i++) ev.issued(`t${i}`, 's1', at(i));
    const bad = await hall.post('/region/v1/halls/old-hall/events', { after: 0, events: ev.list, head: { seq: 2, at: at(2) } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_BATCH');
    expect((await live('old-hall')).highWater).toBe(0);

    // a hall before the head: its batches and position queries as they were, the lag unknown
    expect((await hall.post('/region/v1/halls/old-hall/events', { after: 0, events: ev.list, config: hallSnapshot('老大厅', [['户籍', 10, null]], 1) })).status).toBe(200);
    expect((await hall.get('/region/v1/halls/old-hall/uplink?head=3')).status).toBe(200);
    const h = await live('old-hall');
    expect([h.highWater, h.head, h.lagEvents, h.lagSeconds, h.names]).toEqual([3, null, null, null, null]);
    expect(h.name).toBe('老大厅');
  });

  it("shows the hall's and its services' names in three languages and the services' fees from the snapshot", async () => {
    const hall = await registerHall(rig.admin, 'named-hall');
    const config = hallSnapshot('东区政务服务中心', [['不动产登记', 20, null], ['户籍', 0, null]], 1);
    const s1Names = { 'zh-CN': '不动产登记', 'zh-TW': '不動產登記', en: 'Real estate registration' };
    const withNames = {
      ...config,
      hallNames: { 'zh-CN': '东区政务服务中心', 'zh-TW': '東區政務服務中心', en: 'East District Service Centre' },
      services: [{ ...config.services[0], names: s1Names, fees: { 'zh-CN': '登记费80元/件', en: '¥80 per case' } }, config.services[1]],
    };
    const ev = new Events();
    ev.issued('t1', 's1', at(1));
    expect((await hall.post('/region/v1/halls/named-hall/events', { after: 0, events: ev.list, config: withNames, head: { seq: 1, at: at(1) } })).status).toBe(200);
    expect((await live('named-hall')).names).toEqual(withNames.hallNames);
    const detail = (await rig.admin.get('/region/v1/halls/named-hall/live')).body.detail;
    expect(detail.services.map((s: any) => [s.serviceId, s.names, s.fees, s.promisedMinutes])).toEqual([
      ['s1', s1Names, { 'zh-CN': '登记费80元/件', en: '¥80 per case' }, 20],
      ['s2', null, null, 0],
    ]);
  });
});
