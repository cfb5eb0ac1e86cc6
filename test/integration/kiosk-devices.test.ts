import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningHall } from '../../server/bootstrap.js';
import { ADMIN_PASSWORD, Api, connect, connected, kioskToken, once, removeDir, startTestHall, tempDir } from '../helpers/hall.js';

/** The demo kiosk's simulated reader and printer, end to end through the real drivers. */
describe('kiosk devices end to end', () => {
  let dir: string;
  let hall: RunningHall;
  let admin: Api;
  let kiosk: Api;

  beforeEach(async () => {
    dir = tempDir();
    hall = await startTestHall(dir);
    admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
    kiosk = new Api(hall.url, await kioskToken(hall.url, admin));
    // Wait until the simulated devices report ready.
    for (let i = 0; i < 50; i++) {
      const h = (await kiosk.get('/api/v1/health')).body.devices;
      if (h.find((d: any) => d.id === 'kiosk-1-reader')?.state === 'ok' && h.find((d: any) => d.id === 'kiosk-1-printer')?.state === 'ok') break;
      await new Promise((r) => setTimeout(r, 100));
    }
  });

  afterEach(async () => {
    await hall.close();
    removeDir(dir);
  });

  it('a card placed at the demo kiosk gives a ticket bound to the masked identity, and a printed ticket', async () => {
    const socket = connect(hall.url, '/kiosk', kiosk.token!);
    await connected(socket);
    const cardP = once(socket, 'id-card', 8000);
    const placed = await admin.post('/api/v1/admin/devices/kiosk-1-reader/simulate', { action: 'place-card' });
    expect(placed.status).toBe(200);
    const card = await cardP;
    expect(card).toMatchObject({ maskedName: '张*三', maskedIdNumber: '*****************0', cardType: 'resident' });
    expect(JSON.stringify(card)).not.toContain('410102199003071230');

    const r = await kiosk.post('/api/v1/tickets', { serviceId: 'social', cardToken: card.cardToken }, { 'Idempotency-Key': 'tap-0001-abc' });
    expect(r.status).toBe(201);
    expect(r.body.printed).toBe(true);
    expect(r.body.ticket.identity).toEqual({ maskedName: '张*三', maskedIdNumber: '*****************0' });

    const printed = await admin.post('/api/v1/admin/devices/kiosk-1-printer/simulate', { action: 'last-ticket' });
    // The big number is on paper (a wide font spreads each character over several columns).
    expect(printed.body.ticket.text).toMatch(new RegExp(r.body.ticket.number.split('').join(' *')));
    expect(printed.body.ticket.qr).toEqual([expect.stringMatching(new RegExp(`/t/${r.body.ticket.trackToken}$`))]);
    expect(printed.body.ticket.text).toContain('社保医保');

    // A retry of the same tap neither issues nor prints again.
    const again = await kiosk.post('/api/v1/tickets', { serviceId: 'social', cardToken: card.cardToken }, { 'Idempotency-Key': 'tap-0001-abc' });
    expect(again.body.ticket.id).toBe(r.body.ticket.id);
    expect((await admin.post('/api/v1/admin/devices/kiosk-1-printer/simulate', { action: 'last-ticket' })).body.ticket.count).toBe(1);

    // The clear number is nowhere in the database.
    const db = hall.deps.ctx.store.db;
    const dump = JSON.stringify([db.prepare('SELECT * FROM tickets').all(), db.prepare('SELECT * FROM events').all()]);
    expect(dump).not.toContain('410102199003071230');
    expect(dump).not.toContain('张小三');
    socket.close();
  });

  it('a printer switched to paper-out gives the kiosk a clear error and leaves no waiting ticket', async () => {
    const socket = connect(hall.url, '/kiosk', kiosk.token!);
    await connected(socket);
    const deviceP = once(socket, 'device', 20_000);
    await admin.post('/api/v1/admin/devices/kiosk-1-printer/simulate', { action: 'paper', paper: 'out' });
    const r = await kiosk.post('/api/v1/tickets', { serviceId: 'tax' });
    expect(r.status).toBe(503);
    expect(r.body).toEqual({ ok: false, error: { code: 'PRINTER_PAPER_OUT', message: expect.stringMatching(/help desk/) } });
    const waiting = hall.deps.ctx.store.db.prepare(`SELECT COUNT(*) n FROM tickets WHERE status = 'waiting'`).get() as { n: number };
    expect(waiting.n).toBe(0);
    const services = (await kiosk.get('/api/v1/services')).body;
    expect(services.find((s: any) => s.id === 'tax').waiting).toBe(0);
    // The kiosk was told about its printer.
    expect(await deviceP).toMatchObject({ id: 'kiosk-1-printer', state: 'error', detail: 'paper out' });

    // Paper back: printing resumes and numbering continues from 1 (nothing was taken).
    await admin.post('/api/v1/admin/devices/kiosk-1-printer/simulate', { action: 'paper', paper: 'ok' });
    const ok = await kiosk.post('/api/v1/tickets', { serviceId: 'tax' });
    expect(ok.status).toBe(201);
    expect(ok.body.ticket.number).toBe('E001');
    socket.close();
  });

  it('a keypad key calls the next ticket at its window and the LED board shows it', async () => {
    await kiosk.post('/api/v1/tickets', { serviceId: 'fund' });
    const clerk = await Api.login(hall.url, 'clerk4', 'demo1234');
    await clerk.post('/api/v1/windows/w4/open');
    const display = connect(hall.url, '/display');
    await once(display, 'state');
    const calledP = once(display, 'called', 8000);
    const press = await admin.post('/api/v1/admin/devices/keypads/simulate', { action: 'press', address: 4, key: 'call-next' });
    expect(press.body.acked).toBe(true);
    expect(await calledP).toMatchObject({ ticketNumber: 'C001', windowNumber: 4 });
    let shown = '';
    for (let i = 0; i < 50 && !shown.includes('C001'); i++) {
      shown = (await admin.post('/api/v1/admin/devices/w4-led/simulate', { action: 'shown' })).body.text;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(shown).toContain('C001');
    display.close();
  });
});
