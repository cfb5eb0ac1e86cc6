import { describe, expect, it } from 'vitest';
import { HallDatabase } from '../../../server/store/store.js';
import { SYSTEM } from '../../../server/store/event-log.js';

describe('store: the events a report replays', () => {
  it('are the hall ticket events and ratings in the range, by type: not the audit events that share the ticket. prefix', () => {
    const store = HallDatabase.open(':memory:');
    try {
      const at = (m: number) => `2026-12-01T08:${String(m).padStart(2, '0')}:00.000Z`;
      for (const [m, type] of [[1, 'ticket.issued'], [2, 'ticket.printed'], [3, 'ticket.called'], [4, 'window.opened'], [5, 'rating.given'], [6, 'ticket.finished'], [30, 'ticket.called']] as const) {
        store.events.append({ type, at: at(m), ticketId: 't1' }, SYSTEM, {});
      }
      const types = [...store.reports.ticketEvents(at(0), at(10))].map((e) => e.type);
      expect(types).toEqual(['ticket.issued', 'ticket.called', 'rating.given', 'ticket.finished']);
    } finally {
      store.close();
    }
  });
});
