import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EachHall } from '../helpers/each-hall.js';
import { Api, clerkAt, startTestHall } from '../helpers/hall.js';
import { bareKiosk, idNumber, patchSettings } from '../helpers/features.js';
import { Receiver } from '../helpers/receiver.js';

describe('notifications: webhook outbox and booking callbacks', () => {
  // The receivers are on loopback, which notifications may reach only when the installer allows it.
  const h = new EachHall({ env: { ONESTOP_NOTIFY_ALLOWED_NETWORKS: '127.0.0.0/8' } });
  let rx: Receiver;

  beforeEach(async () => {
    rx = await new Receiver().start();
  });
  afterEach(async () => {
    await rx.stop();
  });

  const flush = () => h.hall.deps.hall.notify.outbox.flush();
  const outbox = () => h.hall.deps.ctx.store.outbox.list();

  it('near the front and called: sent with an idempotency key, retried with backoff after failures, nothing personal', async () => {
    rx.failFirst = 2;
    await patchSettings(h.admin, { notify: { aheadThreshold: 1, webhookUrl: rx.url, includeTrackToken: false, maxAttempts: 5 } });
    const kiosk = await bareKiosk(h.admin);
    const card = { name: '张小三', idNumber: idNumber('1990-03-07', '123') };
    const staff = await Api.login(h.hall.url, 'supervisor', 'demo1234');
    const t1 = (await staff.post('/api/v1/tickets', { serviceId: 'social', idCard: card })).body.ticket;
    const t2 = (await staff.post('/api/v1/tickets', { serviceId: 'social' })).body.ticket;
    const t3 = (await kiosk.api.post('/api/v1/tickets', { serviceId: 'fund' })).body.ticket;
    const t4 = (await staff.post('/api/v1/tickets', { serviceId: 'social' })).body.ticket;
    h.hall.deps.hall.notify.scanNear();
    await flush();
    // Social: t1 (0 ahead) and t2 (1 ahead) are near the front, t4 (2 ahead) is not; fund: t3 (0 ahead). The first two tries failed.
    expect(outbox().map((m) => m.key).sort()).toEqual([`near:${t1.id}`, `near:${t2.id}`, `near:${t3.id}`].sort());
    expect(rx.got.map((g) => g.status)).toEqual([503, 503, 200]);
    expect(outbox().filter((m) => m.status === 'pending').map((m) => m.attempts)).toEqual([1, 1]);

    await flush(); // not due yet: nothing is sent again before its backoff
    expect(rx.got).toHaveLength(3);
    h.clock.advance(0.1); // 6 s: past the first backoff (5 s)
    await flush();
    expect(rx.delivered().map((g) => g.key).sort()).toEqual([`near:${t1.id}`, `near:${t2.id}`, `near:${t3.id}`].sort());
    // The retries carried the same keys as the failed tries: the receiver can take each once.
    expect(rx.got).toHaveLength(5);
    expect(new Set(rx.got.map((g) => g.key)).size).toBe(3);
    const near = rx.delivered().find((g) => g.key === `near:${t2.id}`)!.body;
    expect(near).toEqual({ id: `near:${t2.id}`, kind: 'ticket.near', at: expect.any(String), hall: expect.any(String), ticket: { number: t2.number, serviceId: 'social', serviceName: '社保医保', businessDay: '2026-03-06', ahead: 1 } });

    const w3 = await clerkAt(h.hall.url, 3);
    expect((await w3.post('/api/v1/windows/w3/call-next')).body.ticket.id).toBe(t1.id);
    h.hall.deps.hall.notify.scanNear(); // t4 is now 1 from the front
    await flush();
    const called = rx.delivered().find((g) => g.body.kind === 'ticket.called')!.body;
    expect(called.ticket).toEqual({ number: t1.number, serviceId: 'social', serviceName: '社保医保', businessDay: '2026-03-06', windowNumber: 3 });
    expect(rx.delivered().map((g) => g.key), JSON.stringify([t4, outbox()])).toContain(`near:${t4.id}`);
    // Nothing about the person leaves: no name, no ID number, no masked forms, no track token.
    const all = JSON.stringify(rx.got);
    for (const s of ['张', card.idNumber, card.idNumber.slice(-4), '*', t1.trackToken]) expect(all).not.toContain(s);
    // Re-scanning sends nothing twice.
    expect(h.hall.deps.hall.notify.scanNear()).toBe(0);
  });

  it('bounded: a message the receiver never takes is marked failed after maxAttempts and not tried again', async () => {
    rx.alwaysFail = true;
    await patchSettings(h.admin, { notify: { aheadThreshold: 0, webhookUrl: rx.url, includeTrackToken: true, maxAttempts: 3 } });
    const staff = await Api.login(h.hall.url, 'supervisor', 'demo1234');
    const t = (await staff.post('/api/v1/tickets', { serviceId: 'social' })).body.ticket;
    await (await clerkAt(h.hall.url, 3)).post('/api/v1/windows/w3/call-next');
    await flush();
    for (const minutes of [0.1, 0.2, 0.4, 1, 5]) {
      h.clock.advance(minutes);
      await flush();
    }
    expect(rx.got).toHaveLength(3);
    expect(rx.got[0].body.ticket.trackToken).toBe(t.trackToken); // the hall turned the track token on
    expect(outbox()[0]).toMatchObject({ status: 'failed', attempts: 3, lastError: 'HTTP 503' });
  });

  it('durable across a restart: a message queued while the receiver is down is delivered after the server restarts', async () => {
    const port = (rx.server.address() as AddressInfo).port;
    await rx.stop(); // the receiver is down: connections are refused
    await patchSettings(h.admin, { notify: { aheadThreshold: 0, webhookUrl: `http://127.0.0.1:${port}/hook`, includeTrackToken: false, maxAttempts: 8 } });
    const staff = await Api.login(h.hall.url, 'supervisor', 'demo1234');
    await staff.post('/api/v1/tickets', { serviceId: 'social' });
    await (await clerkAt(h.hall.url, 3)).post('/api/v1/windows/w3/call-next');
    await flush();
    expect(outbox()[0]).toMatchObject({ status: 'pending', attempts: 1, lastError: 'ECONNREFUSED' });

    await h.hall.close();
    rx = await new Receiver().start(port);
    h.clock.advance(1);
    h.hall = await startTestHall(h.dir, { now: h.clock.now });
    await flush();
    expect(rx.delivered().map((g) => g.body.kind)).toEqual(['ticket.called']);
    expect(outbox()[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('booking platforms get check-in and no-show callbacks at their callbackUrl', async () => {
    const client = (await h.admin.post('/api/v1/admin/clients', { kind: 'platform', name: '省政务服务网', config: { callbackUrl: rx.url } })).body.client;
    const platform = new Api(h.hall.url, (await h.admin.post(`/api/v1/admin/clients/${client.id}/token`)).body.token);
    const book = (slotStart: string, seq: string) =>
      platform.post('/api/v1/appointments', { serviceId: 'social', date: '2026-03-06', slotStart, name: '李四', idNumber: idNumber('1985-05-05', seq) });
    const a = (await book('09:30', '401')).body.appointment;
    const b = (await book('10:00', '402')).body.appointment;
    const kiosk = await bareKiosk(h.admin);
    const t = (await kiosk.api.post('/api/v1/appointments/check-in', { code: a.code })).body.ticket;
    await flush();
    expect(rx.delivered().map((g) => g.body)).toEqual([
      { id: expect.stringMatching(/^appointment\.checked_in:/), kind: 'appointment.checked_in', at: expect.any(String), appointment: { id: a.id, serviceId: 'social', date: '2026-03-06', slotStart: '09:30', ticketNumber: t.number } },
    ]);
    h.clock.set('2026-03-06T02:50:00Z'); // 10:50: the 10:00 slot ended more than 15 minutes ago
    h.hall.deps.hall.appointments.sweepNoShows();
    await flush();
    expect(rx.delivered()[1].body).toMatchObject({ kind: 'appointment.no_show', appointment: { id: b.id, slotStart: '10:00' } });
    expect(JSON.stringify(rx.got)).not.toContain('李');
  });
});
