import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EV, NS } from '../../common/events.js';
import { VOICE_EV } from '../../common/voice.js';
import { socketInputs } from '../../common/wire/socket.js';
import type { RunningHall } from '../../server/bootstrap.js';
import { WINDOW_ACTION_TABLE } from '../../server/app/window-action-table.js';
import { ADMIN_PASSWORD, Api, clerkAt, connect, connected, emitAck, kioskToken, removeDir, startTestHall, tempDir } from '../helpers/hall.js';

/** Payloads no event takes: every client → server payload is an object (or nothing). */
const JUNK: unknown[] = [5, 'junk', [1, 2], true];

/** Per event, objects that are wrong in one field (or miss a required "one of"). */
const BAD: Record<string, unknown[]> = {
  // /counter
  'call-ticket': [{}, { ticketId: '' }, { number: 'A' }, { windowId: 'w1' }],
  transfer: [{}, { toServiceId: '' }, { windowId: 'w1', toWindowId: 7 }],
  pause: [{}, { reason: '' }, { reason: 'x'.repeat(201) }],
  [EV.restore]: [{}, { ticketId: 7 }, { ticketId: '' }],
  [EV.watch]: [{ windowId: 42 }, { windowId: '' }],
  // /display
  [EV.track]: [{}, { token: 'short' }, { token: 42 }],
  [VOICE_EV.report]: [
    { screen: 0, langs: [{ lang: 'zh-CN', mode: 'speech' }], soundBlocked: false },
    { screen: 'hall', langs: [{ lang: 'fr', mode: 'speech' }], soundBlocked: false },
    { screen: 'hall', langs: [], soundBlocked: false },
    { screen: 'hall', langs: [{ lang: 'en', mode: 'chime' }], soundBlocked: 'no' },
  ],
  // /kiosk
  [EV.agentHello]: [{}, { printer: { uri: 5, paperWidth: 58 }, reader: null }, { printer: { uri: 'x', paperWidth: 76 }, reader: null }],
  [EV.agentCard]: [{}, { cardType: 'resident', name: '张三', idNumber: '123', birthDate: '1990-01-01' }, { cardType: 'passport', name: '张三', idNumber: '110101199001011234', birthDate: '1990-01-01' }],
  [EV.agentHealth]: [{}, { kind: 'led', state: 'ok', detail: '' }, { kind: 'printer', state: 'fine', detail: '' }],
};

/** Issue 12 §2: every event the server receives is parsed with its schema from common/wire/socket.ts. */
describe('malformed socket payloads are refused in the one error shape and change nothing', () => {
  let dir: string;
  let hall: RunningHall;
  const sockets: Record<string, Socket> = {};

  /** What a refused event must not change: the hall's state, the waiting list and the event log. */
  const fingerprint = () => {
    const { serverTime: _t, ...snap } = hall.deps.hall.snapshot();
    const events = (hall.deps.ctx.store.db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
    return JSON.stringify({ snap, waiting: hall.deps.hall.waitingFor('w1'), events, devices: hall.deps.devices.health() });
  };

  beforeAll(async () => {
    dir = tempDir();
    // Many events on one /display socket: its per-socket budget is raised for this test.
    hall = await startTestHall(dir, { edge: { displayEventsBurst: 1000, displayEventsPerSecond: 1000 } });
    const admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
    const ktok = await kioskToken(hall.url, admin);
    const kiosk = new Api(hall.url, ktok);
    for (const key of ['malformed-1', 'malformed-2']) {
      expect((await kiosk.post('/api/v1/tickets', { serviceId: 'property' }, { 'Idempotency-Key': key })).status).toBe(201);
    }
    const clerk = await clerkAt(hall.url, 1);
    sockets[NS.counter] = connect(hall.url, NS.counter, clerk.token!);
    sockets[NS.display] = connect(hall.url, NS.display);
    sockets[NS.kiosk] = connect(hall.url, NS.kiosk, ktok);
    await Promise.all(Object.values(sockets).map(connected));
  });

  afterAll(async () => {
    for (const s of Object.values(sockets)) s.close();
    await hall.close();
    removeDir(dir);
  });

  const counterEvents = [...WINDOW_ACTION_TABLE.filter((a) => a.on.socket).map((a) => a.name), ...Object.keys(socketInputs.counter)];
  const events: [string, string][] = [
    ...counterEvents.map((e): [string, string] => [NS.counter, e]),
    ...Object.keys(socketInputs.display).map((e): [string, string] => [NS.display, e]),
    ...Object.keys(socketInputs.kiosk).map((e): [string, string] => [NS.kiosk, e]),
  ];

  it('covers every event the server listens to', () => {
    expect(Object.keys(socketInputs.admin)).toEqual([]);
    for (const name of Object.keys(BAD)) expect(events.map(([, e]) => e)).toContain(name);
    expect(counterEvents).toEqual(expect.arrayContaining(['call-next', 'call-ticket', 'transfer', 'pause', 'restore', 'watch']));
  });

  it.each(events)('%s %s: junk and wrong fields get VALIDATION, the hall is unchanged', async (ns, event) => {
    const before = fingerprint();
    for (const payload of [...JUNK, ...(BAD[event] ?? []), ...(ns === NS.counter ? [{ windowId: 42 }] : [])]) {
      const ack = await emitAck(sockets[ns], event, payload);
      expect(ack, `${ns} ${event} ${JSON.stringify(payload)}`).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      expect(typeof ack.error.message).toBe('string');
      expect(ack.error.message.length).toBeGreaterThan(0);
    }
    expect(fingerprint()).toBe(before);
  });

  it('the same sockets still work: a good call-ticket by number is answered with the window action reply', async () => {
    const number = hall.deps.hall.waitingFor('w1')[0].number;
    const r = await emitAck(sockets[NS.counter], 'call-ticket', { number });
    expect(r).toMatchObject({ ok: true, ticket: { number, status: 'called' }, window: { id: 'w1' } });
  });
});
