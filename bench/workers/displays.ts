/**
 * Hall displays in a load process: `count` socket.io clients on `/display`.
 * For every `called` event it waits until all its clients have it, then tells
 * the parent the first and last arrival times (wall clock, ms).
 * argv[2]: JSON {url, count, reconnection?}. IPC commands: 'states' (report a
 * hash of each client's last `state`), 'drop' (close every client's transport
 * at once: they reconnect by themselves), 'close'.
 */
import { createHash } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { wallMs } from '../lib/stats.js';

const cfg = JSON.parse(process.argv[2]) as { url: string; count: number };
const sockets: Socket[] = [];
const lastState: (string | null)[] = [];
const arrivals = new Map<string, { n: number; first: number; last: number }>();
let connects = 0;

function keyOf(ev: { ticketNumber?: string; recall?: boolean; seq?: number }): string {
  return `${ev.ticketNumber}|${ev.recall ? 'r' : ''}`;
}

/** The parts of a snapshot every display must agree on (serverTime differs by design). */
function stateHash(s: any): string {
  const { serverTime: _t, ...rest } = s ?? {};
  return createHash('sha1').update(JSON.stringify(rest)).digest('hex').slice(0, 12);
}

for (let i = 0; i < cfg.count; i++) {
  const s = io(cfg.url + '/display', { transports: ['websocket'], forceNew: true, reconnectionDelay: 200, reconnectionDelayMax: 2000 });
  lastState.push(null);
  s.on('connect', () => {
    connects++;
    if (connects === cfg.count) process.send?.({ type: 'connected' });
  });
  s.on('state', (st: unknown) => {
    lastState[i] = stateHash(st);
  });
  s.on('called', (ev: any) => {
    const t = wallMs();
    const k = keyOf(ev);
    const a = arrivals.get(k) ?? { n: 0, first: t, last: t };
    a.n++;
    a.last = t;
    arrivals.set(k, a);
    if (a.n === cfg.count) {
      arrivals.delete(k);
      process.send?.({ type: 'called', key: k, first: a.first, last: a.last, bytes: JSON.stringify(ev).length });
    }
  });
  sockets.push(s);
}

process.on('message', (m: any) => {
  if (m?.type === 'states') {
    process.send?.({ type: 'states', states: lastState, connected: sockets.filter((s) => s.connected).length });
  } else if (m?.type === 'drop') {
    connects = 0;
    for (let i = 0; i < sockets.length; i++) lastState[i] = null;
    // Closing the engine (not the socket) is a network drop: the client reconnects by itself.
    for (const s of sockets) s.io.engine.close();
    process.send?.({ type: 'dropped' });
  } else if (m?.type === 'resync') {
    // Ask for the full snapshot again (what a display does when it suspects it missed a push).
    Promise.all(
      sockets.map((s, i) =>
        s
          .timeout(10_000)
          .emitWithAck('state', {})
          .then((r: any) => {
            if (r?.ok) lastState[i] = stateHash(r.state);
          })
          .catch(() => undefined),
      ),
    ).then(() => process.send?.({ type: 'resynced' }));
  } else if (m?.type === 'close') {
    for (const s of sockets) s.close();
    process.exit(0);
  }
});
