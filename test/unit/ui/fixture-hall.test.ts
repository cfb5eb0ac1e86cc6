import { describe, expect, it } from 'vitest';
import { FixtureHall } from '../../../ui-shared/fixture/hall.js';

/** The in-page fixture hall the UI tests run against behaves like the server on the window actions. */
describe('fixture hall', () => {
  it('call-next finishes the ticket in hand (as the server does), it does not mark it no-show', () => {
    const hall = new FixtureHall();
    const before = hall.windowState('w1').current!;
    expect(before.status).toBe('called');
    hall.act('w1', 'call-next');
    expect(before.status).toBe('done');
    hall.act('w2', 'call-next'); // w2 starts out serving
    expect(hall.snapshot().windows.find((w) => w.id === 'w2')!.current?.status).toBe('called');
  });

  it('pause with a ticket in hand is refused with TICKET_IN_HAND, as on the server', () => {
    const hall = new FixtureHall();
    expect(() => hall.act('w1', 'pause', { reason: 'lunch' })).toThrow(expect.objectContaining({ code: 'TICKET_IN_HAND' }));
    hall.act('w1', 'finish');
    hall.act('w1', 'pause', { reason: 'lunch' });
    expect(hall.windowState('w1').status).toBe('paused');
  });

  it('close and restore work as on the server: close refuses a ticket in hand, restore requeues a no-show keeping its number', () => {
    const hall = new FixtureHall();
    expect(() => hall.act('w1', 'close')).toThrow(expect.objectContaining({ code: 'TICKET_IN_HAND' }));
    const t = hall.windowState('w1').current!;
    hall.act('w1', 'no-show');
    expect(t.status).toBe('no_show');
    hall.act('w1', 'close');
    expect(hall.windowState('w1')).toMatchObject({ status: 'closed', current: null });

    const back = hall.act('w1', 'restore', { ticketId: t.id })!;
    expect(back).toMatchObject({ id: t.id, number: t.number, status: 'waiting' });
    expect(hall.waitingFor(t.serviceId).map((x) => x.id)).toContain(t.id);
    expect(() => hall.act('w1', 'restore', { ticketId: t.id })).toThrow(expect.objectContaining({ code: 'TICKET_NOT_NO_SHOW' }));
    expect(() => hall.restore('nope')).toThrow(expect.objectContaining({ code: 'TICKET_NOT_FOUND' }));
  });
});
