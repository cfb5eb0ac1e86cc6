/**
 * An attacker on the hall LAN, in its own process: opens `sockets` socket.io
 * connections to `/display` from one address as fast as the server answers,
 * keeps the ones admitted, then sends `stateSpam` `state` requests on one of
 * them. Reports progress (each batch of 500, then 'spamming') and what it
 * got over IPC. argv[2]: JSON {url, sockets, stateSpam}.
 * IPC: {type:'close'} closes everything and exits.
 */
import { io, type Socket } from 'socket.io-client';

const cfg = JSON.parse(process.argv[2]) as { url: string; sockets: number; stateSpam: number };
const admitted: Socket[] = [];
let refused = 0;
const reasons = new Map<string, number>();

function attempt(): Promise<void> {
  const s = io(`${cfg.url}/display`, { transports: ['websocket'], forceNew: true, reconnection: false, timeout: 60_000 });
  return new Promise((resolve) => {
    s.once('connect', () => {
      admitted.push(s);
      resolve();
    });
    s.once('connect_error', (err: any) => {
      refused++;
      // Over websocket the refusal is an HTTP 400 to the upgrade; its text does not reach socket.io-client.
      const reason = String(err?.message ?? err).slice(0, 40);
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
      s.close();
      resolve();
    });
  });
}

const started = Date.now();
for (let done = 0, batch = 1; done < cfg.sockets; done += 500, batch++) {
  await Promise.all(Array.from({ length: Math.min(500, cfg.sockets - done) }, attempt));
  process.send?.({ type: 'progress', batch, admitted: admitted.length, refused });
}
const connectMs = Date.now() - started;

// 2,000 `state` requests on one admitted socket, all at once.
const target = admitted[0];
let stateOk = 0;
let stateLimited = 0;
let stateOther = 0;
if (target) {
  process.send?.({ type: 'spamming' });
  const acks = await Promise.allSettled(Array.from({ length: cfg.stateSpam }, () => target.timeout(60_000).emitWithAck('state', {})));
  for (const a of acks) {
    if (a.status === 'fulfilled' && a.value?.ok === true) stateOk++;
    else if (a.status === 'fulfilled' && a.value?.error?.code === 'TOO_MANY_REQUESTS') stateLimited++;
    else stateOther++;
  }
}
process.send?.({
  type: 'flooded',
  admitted: admitted.filter((s) => s.connected).length,
  refused,
  reasons: Object.fromEntries(reasons),
  connectMs,
  stateOk,
  stateLimited,
  stateOther,
  spamSocketConnected: target?.connected ?? false,
});

process.on('message', (m: any) => {
  if (m?.type === 'close') {
    for (const s of admitted) s.close();
    process.exit(0);
  }
});
