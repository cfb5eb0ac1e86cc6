import type { ChildProcess } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { startDisplays, stopDisplays } from '../../bench/cases/display.js';
import { admin, clerkAt, kioskTokens } from '../../bench/lib/hall-setup.js';
import { message, removeDir, startServer, tempDir } from '../../bench/lib/proc.js';

/**
 * Reliability 4: 500 displays lose their connection at once and reconnect by
 * themselves while a counter calls. They all come back with the same `state`
 * snapshot, and the counter's call completes meanwhile.
 */
describe('chaos: 500 displays reconnect at once', () => {
  it('all resync to the same state and the counter stays responsive', async () => {
    const dir = tempDir();
    const server = await startServer(dir);
    let procs: ChildProcess[] = [];
    try {
      const a = await admin(server.url);
      const [kiosk] = await kioskTokens(a, 1);
      for (let i = 0; i < 5; i++) {
        await fetch(`${server.url}/api/v1/tickets`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${kiosk}` }, body: JSON.stringify({ serviceId: 'social' }) });
      }
      const clerk = await clerkAt(server.url, 3);
      procs = await startDisplays(server.url, 500);
      // Everyone drops at once; the call goes in while they come back.
      await Promise.all(procs.map((p) => { const d = message(p, (m) => m.type === 'dropped'); p.send({ type: 'drop' }); return d; }));
      const call = await clerk.post('/api/v1/windows/w3/call-next');
      expect(call.status).toBe(200);
      expect(call.body.ticket.number).toBe('B001');
      await Promise.all(procs.map((p) => message(p, (m) => m.type === 'connected', 60_000)));
      // The snapshot a brand-new screen gets now is the reference.
      const fresh = io(`${server.url}/display`, { transports: ['websocket'], forceNew: true });
      const reference = await new Promise<any>((r) => fresh.once('state', r));
      fresh.close();
      // Screens that reconnected before the call committed got an older snapshot plus the pushes; ask each for its state until all agree.
      let states: (string | null)[] = [];
      for (let round = 0; round < 100; round++) {
        const replies = await Promise.all(procs.map((p) => { const r = message(p, (m) => m.type === 'states'); p.send({ type: 'states' }); return r; }));
        states = replies.flatMap((r: any) => r.states);
        if (states.every((s) => s !== null && s === states[0])) break;
        // Those with an older snapshot re-ask for the state (the `state` event with an ack), as a display does after a push gap.
        await Promise.all(procs.map((p) => { p.send({ type: 'resync' }); return message(p, (m) => m.type === 'resynced'); }));
      }
      expect(states).toHaveLength(500);
      expect(new Set(states).size).toBe(1);
      expect(reference.recentCalls[0].ticketNumber).toBe('B001');
      console.log('display reconnect summary', JSON.stringify({ displays: states.length, distinctStates: new Set(states).size, counterCallStatus: call.status }));
    } finally {
      stopDisplays(procs);
      await server.kill();
      removeDir(dir);
    }
  });
});
