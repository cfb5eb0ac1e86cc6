/**
 * A batch the region cannot store is refused with 400 INVALID_BATCH naming the event (not a 503
 * the hall retries for ever), and one hall's odd data never breaks the live view of the others:
 * a hall-given time PostgreSQL stores but JS cannot read back ("infinity"), NUL characters, lone
 * surrogates, `data` nested 50,000 deep, UTC offsets beyond ±15:59, and any PostgreSQL data
 * exception while writing a batch — on the live path (one statement) and the bulk one (COPY).
 */
import { io as ioClient } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { REGION_EV, REGION_NS, type HallDetailAck, type HallLive, type UplinkEvent } from '../../common/region.js';
import { COPY_MIN_EVENTS } from '../../region/store/batch-write.js';
import type { Api } from '../helpers/hall.js';
import { requirePostgres } from '../helpers/pg.js';
import { requireRedis } from '../helpers/redis.js';
import { daysBefore, Events, registerHall, TEST_DAY } from './support.js';
import { regionRig } from './rig.js';

const T = (hhmm: string, s = 0) => `${TEST_DAY}T${hhmm}:${String(s).padStart(2, '0')}.000Z`;

/** n tickets issued, called, finished and rated (4 events each); `mut` edits the events. */
function log(n: number, mut: (ev: Events) => void = () => {}): UplinkEvent[] {
  const ev = new Events();
  for (let i = 0; i < n; i++) {
    const id = `c${i}`;
    ev.issued(id, 's1', T('08:00', i));
    ev.called(id, 'w1', T('08:10', i));
    ev.finished(id, T('08:20', i));
    ev.rated(id, 'w1', 5, T('08:30', i), ['r1']);
  }
  mut(ev);
  return ev.list;
}

const data = (e: UplinkEvent) => e.data as Record<string, any>;

describe.runIf(requirePostgres() && requireRedis())('region: what it cannot store', () => {
  const rig = regionRig('storable');
  const stored = async (hall: string) => {
    const q = async (t: string) => Number((await rig.db.query(`SELECT count(*) FROM ${t} WHERE hall_id = $1`, [hall])).rows[0].count);
    const hw = (await rig.db.query('SELECT high_water FROM hall_uplink WHERE hall_id = $1', [hall])).rows[0]?.high_water;
    return { events: await q('events'), samples: await q('ticket_samples'), ratings: await q('ratings'), tickets: await q('live_tickets'), highWater: Number(hw ?? 0) };
  };
  const nothing = { events: 0, samples: 0, ratings: 0, tickets: 0, highWater: 0 };
  const send = (api: Api, hall: string, body: unknown) => api.post(`/region/v1/halls/${hall}/events`, body);

  it("a hall's queuedAt of 'infinity' or not a time: the projection takes the event's time, every view and the next batch work", async () => {
    const good = await registerHall(rig.admin, 'inf-good', 'north');
    const g = new Events();
    g.issued('g1', 's1', T('08:00'));
    expect((await send(good, 'inf-good', { after: 0, events: g.list })).status).toBe(200);

    const evil = await registerHall(rig.admin, 'inf-evil', 'south');
    const ev = new Events();
    ev.issued('c1', 's1', T('08:01'));
    ev.issued('c2', 's1', T('08:02'));
    ev.issued('c3', 's1', T('08:03'));
    data(ev.list[0]).ticket.queuedAt = '-infinity';
    data(ev.list[1]).ticket.queuedAt = 'infinity';
    data(ev.list[2]).ticket.queuedAt = 'not a time';
    const first = await send(evil, 'inf-evil', { after: 0, events: ev.list });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const rows = (await rig.db.query(`SELECT ticket_id, queued_at FROM live_tickets WHERE hall_id = 'inf-evil' ORDER BY ticket_id`)).rows;
    expect(rows.map((r) => (r.queued_at as Date).toISOString())).toEqual([T('08:01'), T('08:02'), T('08:03')]);

    const halls = await rig.admin.get('/region/v1/halls');
    expect(halls.status, JSON.stringify(halls.body)).toBe(200);
    const evilLive = halls.body.halls.find((h: any) => h.hallId === 'inf-evil');
    expect(halls.body.halls.map((h: any) => h.hallId).sort()).toEqual(['inf-evil', 'inf-good']);
    expect(evilLive.oldestWaitingSince).toBe(T('08:01'));
    expect((await rig.admin.get('/region/v1/halls/inf-evil/live')).status).toBe(200);

    // a restore and an arrival carrying such a time keep a readable one
    ev.called('c1', 'w1', T('08:05'));
    ev.noShow('c1', T('08:06'));
    ev.list.push({ seq: ++ev.seq, at: T('08:07'), type: 'ticket.restored', windowId: null, ticketId: 'c1', data: { type: 'ticket.restored', ticketId: 'c1', queuedAt: 'infinity' } });
    const next = await send(evil, 'inf-evil', { after: 3, events: ev.list.slice(3) });
    expect(next.status, JSON.stringify(next.body)).toBe(200);
    const c1 = (await rig.db.query(`SELECT queued_at FROM live_tickets WHERE hall_id = 'inf-evil' AND ticket_id = 'c1'`)).rows[0];
    expect((c1.queued_at as Date).toISOString()).toBe(T('08:07'));
  });

  it("rows stored before the check ('infinity' queued_at): the live view shows them as unknown and the hall's next batch goes through", async () => {
    const h = await registerHall(rig.admin, 'inf-old', 'east');
    const ev = new Events();
    ev.issued('c1', 's1', T('08:01'));
    ev.issued('c2', 's1', T('08:02'));
    expect((await send(h, 'inf-old', { after: 0, events: ev.list })).status).toBe(200);
    await rig.db.query(`UPDATE live_tickets SET queued_at = '-infinity' WHERE hall_id = 'inf-old' AND ticket_id = 'c1'`);
    await rig.db.query(`UPDATE live_tickets SET queued_at = 'infinity', wait_from = 'infinity' WHERE hall_id = 'inf-old' AND ticket_id = 'c2'`);

    const halls = await rig.admin.get('/region/v1/halls');
    expect(halls.status, JSON.stringify(halls.body)).toBe(200);
    const live = halls.body.halls.find((x: any) => x.hallId === 'inf-old');
    expect(live.waiting).toBe(2);
    expect(live.oldestWaitingSince).toBeNull();
    const detail = await rig.admin.get('/region/v1/halls/inf-old/live');
    expect(detail.status, JSON.stringify(detail.body)).toBe(200);
    // the live view's socket: the hall list on connecting, and the hall's drill-down
    const socket = ioClient(rig.admin.base + REGION_NS, { auth: { token: rig.admin.token }, transports: ['websocket'], reconnection: false, forceNew: true });
    try {
      const list = await new Promise<HallLive[]>((resolve) => socket.once(REGION_EV.halls, resolve));
      expect(list.find((x) => x.hallId === 'inf-old')).toMatchObject({ waiting: 2, oldestWaitingSince: null });
      const watched = (await socket.emitWithAck(REGION_EV.watch, 'inf-old')) as HallDetailAck;
      expect(watched.ok, JSON.stringify(watched)).toBe(true);
    } finally {
      socket.close();
    }

    ev.called('c1', 'w1', T('08:05'));
    ev.called('c2', 'w1', T('08:06'));
    const next = await send(h, 'inf-old', { after: 2, events: ev.list.slice(2) });
    expect(next.status, JSON.stringify(next.body)).toBe(200);
    expect(next.body.accepted).toBe(2);
  });

  // each: what the hall sends wrong, and the words the refusal names it by
  const cases: [string, (ev: Events) => void, RegExp][] = [
    ['NUL in a rating reason', (ev) => void (data(ev.list[3]).reasons = ['a\u0000b']), /^Event 4: data\.reasons\.0 holds a NUL character/],
    ['NUL in the type', (ev) => void (ev.list[5].type = 'x\u0000'), /^Event 6: type holds a NUL character/],
    ['NUL in a key of data', (ev) => void (data(ev.list[2])['k\u0000'] = 1), /^Event 3: data\.k\ufffd holds a NUL/],
    ['a lone surrogate in a window id', (ev) => void (ev.list[7].windowId = 'w\udc00'), /^Event 8: windowId holds a lone UTF-16 surrogate/],
    ['a lone surrogate deep in data', (ev) => void (data(ev.list[0]).ticket.note = { x: ['ok', 'odd\ud800'] }), /^Event 1: data\.ticket\.note\.x\.1 holds a lone UTF-16 surrogate/],
    ['an offset beyond +15:59', (ev) => void (ev.list[9].at = `${TEST_DAY}T08:00:00+23:59`), /^Event 10: at .* out of PostgreSQL's range/],
    ['an offset beyond -15:59', (ev) => void (ev.list[9].at = `${TEST_DAY}T20:00:00-16:00`), /^Event 10: at .* out of PostgreSQL's range/],
  ];
  for (const [what, mut, message] of cases) {
    it(`${what}: 400 INVALID_BATCH naming the event, live and bulk, nothing stored; the corrected batch goes through`, async () => {
      for (const [path, n] of [['live', 10], ['bulk', Math.ceil(COPY_MIN_EVENTS / 4) + 1]] as const) {
        const hall = `bad-${cases.findIndex((c) => c[0] === what)}-${path}`;
        const api = await registerHall(rig.admin, hall);
        const events = log(n, mut);
        expect(events.length >= COPY_MIN_EVENTS).toBe(path === 'bulk');
        const r = await send(api, hall, { after: 0, events });
        expect(r.status, `${path}: ${JSON.stringify(r.body)}`).toBe(400);
        expect(r.body.error.code).toBe('INVALID_BATCH');
        expect(r.body.error.message).toMatch(message);
        expect(await stored(hall)).toEqual(nothing);
        const fixed = await send(api, hall, { after: 0, events: log(n) });
        expect(fixed.status, JSON.stringify(fixed.body)).toBe(200);
        expect((await stored(hall)).events).toBe(n * 4);
      }
    });
  }

  it('an offset of ±15:59 is stored', async () => {
    const h = await registerHall(rig.admin, 'offset-ok');
    const ev = new Events();
    ev.other('x.y', `${TEST_DAY}T08:00:00+15:59`);
    ev.other('x.y', `${TEST_DAY}T08:00:00-15:59`);
    const r = await send(h, 'offset-ok', { after: 0, events: ev.list, head: { seq: 2, at: `${TEST_DAY}T08:00:00-15:59` } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  });

  it("the hall's head time in its position request beyond ±15:59: 400 VALIDATION, not a 503 on every poll", async () => {
    const h = await registerHall(rig.admin, 'head-poll');
    const at = (t: string) => h.get(`/region/v1/halls/head-poll/uplink?head=3&headAt=${encodeURIComponent(t)}`);
    const bad = await at(`${TEST_DAY}T08:00:00+23:59`);
    expect([bad.status, bad.body.error?.code], JSON.stringify(bad.body)).toEqual([400, 'VALIDATION']);
    expect(bad.body.error.message).toMatch(/^headAt: a time PostgreSQL can hold/);
    expect((await at(`${TEST_DAY}T08:00:00+15:59`)).status).toBe(200);
  });

  it("a head.at beyond ±15:59, a NUL in the configuration: 400 INVALID_BATCH", async () => {
    const h = await registerHall(rig.admin, 'head-bad');
    const events = log(1);
    const r = await send(h, 'head-bad', { after: 0, events, head: { seq: 4, at: `${TEST_DAY}T08:00:00+16:00` } });
    expect([r.status, r.body.error?.code]).toEqual([400, 'INVALID_BATCH']);
    expect(r.body.error.message).toMatch(/^The batch: head\.at .* out of PostgreSQL's range/);
    const config = { hallName: 'N\u0000', timeZone: 'Asia/Shanghai', resetHour: 3, departments: [], services: [], windows: [] };
    const c = await send(h, 'head-bad', { after: 0, events, config });
    expect([c.status, c.body.error?.code]).toEqual([400, 'INVALID_BATCH']);
    expect(c.body.error.message).toMatch(/^The batch: config\.hallName holds a NUL/);
    expect(await stored('head-bad')).toEqual(nothing);
  });

  it('data nested 50,000 deep: 400 INVALID_BATCH; 64 levels are stored', async () => {
    const h = await registerHall(rig.admin, 'deep');
    const body = (depth: number) =>
      `{"after":0,"events":[{"seq":1,"at":"${T('08:00')}","type":"x.y","windowId":null,"ticketId":null,"data":{"n":${'['.repeat(depth)}${']'.repeat(depth)}}}]}`;
    const r = await send(h, 'deep', body(50_000));
    expect(r.status, JSON.stringify(r.body)).toBe(400);
    expect(r.body.error.code).toBe('INVALID_BATCH');
    expect(r.body.error.message).toMatch(/^Event 1: data nests deeper than 64 levels/);
    expect(await stored('deep')).toEqual(nothing);
    const ok = await send(h, 'deep', body(63));
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  });

  it('a lone surrogate in a bulk batch is refused each time it is resent (it was stored as U+FFFD and the resend looked diverged)', async () => {
    const h = await registerHall(rig.admin, 'sur-bulk');
    const events = log(15, (ev) => {
      ev.list[5].type = 'odd\ud800';
      ev.list[7].windowId = 'w\udc00';
    });
    for (let k = 0; k < 2; k++) {
      const r = await send(h, 'sur-bulk', { after: 0, events });
      expect([r.status, r.body.error?.code]).toEqual([400, 'INVALID_BATCH']);
    }
    expect(await stored('sur-bulk')).toEqual(nothing);
  });

  it("a PostgreSQL data exception while writing a batch is the batch's fault: 400 INVALID_BATCH, nothing stored, the store goes on", async () => {
    // something the batch check does not know the store refuses (here a trigger raising class 22)
    await rig.db.query(`CREATE FUNCTION refuse_odd() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.type = 'x.odd' THEN RAISE EXCEPTION 'odd value' USING ERRCODE = '22023'; END IF; RETURN NEW; END $$`);
    await rig.db.query(`CREATE TRIGGER refuse_odd BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION refuse_odd()`);
    try {
      for (const [path, n] of [['live', 2], ['bulk', 15]] as const) {
        const hall = `pg22-${path}`;
        const api = await registerHall(rig.admin, hall);
        const events = log(n, (ev) => void (ev.list[4].type = 'x.odd'));
        for (let k = 0; k < 3; k++) {
          const r = await send(api, hall, { after: 0, events });
          expect(r.status, JSON.stringify(r.body)).toBe(400);
          expect(r.body.error).toMatchObject({ code: 'INVALID_BATCH', sqlState: '22023' });
          expect(r.body.error.message).toMatch(/odd value/);
        }
        expect(await stored(hall)).toEqual(nothing);
        const fixed = await send(api, hall, { after: 0, events: log(n) });
        expect(fixed.status, JSON.stringify(fixed.body)).toBe(200);
      }
    } finally {
      await rig.db.query('DROP TRIGGER refuse_odd ON events; DROP FUNCTION refuse_odd()');
    }
  });

  it("a service whose catalogue code is '-' has a row of its own, apart from the services without a code", async () => {
    const h = await registerHall(rig.admin, 'cat-dash');
    const config = {
      hallName: 'Dash hall', timeZone: 'Asia/Shanghai', resetHour: 3, departments: [{ id: 'd1', name: 'D' }],
      services: [
        { id: 's1', name: '横线事项', departmentId: 'd1', prefix: 'A', promisedMinutes: 10, catalogueCode: '-' },
        { id: 's2', name: '无编码事项', departmentId: 'd1', prefix: 'B', promisedMinutes: 10, catalogueCode: null },
      ],
      windows: [{ id: 'w1', number: 1, name: 'W1', departmentId: 'd1' }],
    };
    // a day of its own: the other halls of this file issue on TEST_DAY
    const day = daysBefore(TEST_DAY, 1);
    const ev = new Events(day);
    ev.issued('c1', 's1', `${day}T08:00:00.000Z`);
    ev.issued('c2', 's2', `${day}T08:01:00.000Z`);
    ev.issued('c3', 's2', `${day}T08:02:00.000Z`);
    expect((await send(h, 'cat-dash', { after: 0, events: ev.list, config })).status).toBe(200);
    const r = await rig.admin.get(`/region/v1/reports?from=${day}&to=${day}&by=catalogue&lang=en`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.rows.map((x: any) => [x.key, x.label, x.issued])).toEqual([
      ['', '(no catalogue code)', 2],
      ['-', '横线事项', 1],
    ]);
  });
});
