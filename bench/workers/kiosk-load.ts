/**
 * Kiosk load generator, in its own process. Each kiosk is a keep-alive HTTP
 * client with its own device token (or the demo loopback kiosk when the token
 * is null) and its own Idempotency-Keys, issuing one ticket after another.
 *
 * argv[2]: JSON KioskLoadConfig. Protocol (IPC): → {type:'ready'}; ← {type:'start'};
 * optional → {type:'ack', ...} per acknowledged ticket; ← {type:'stop'};
 * → {type:'result', ...}.
 */
import { JsonClient } from '../lib/http.js';
import { wallMs } from '../lib/stats.js';

export interface KioskLoadConfig {
  base: string;
  tokens: (string | null)[];
  services: string[];
  /** Stop by itself after this long; otherwise run until told to stop. */
  durationMs?: number;
  /** Or after this many tickets per kiosk. */
  perKiosk?: number;
  keyPrefix: string;
  /** Send every acknowledged ticket to the parent at once (chaos tests). */
  reportAcks?: boolean;
  /** Retry a request whose connection failed with the same key (the server may be restarting). */
  retryNetworkErrors?: boolean;
}

export interface KioskLoadResult {
  type: 'result';
  elapsedMs: number;
  latencies: number[];
  created: number;
  replayed: number;
  errors: Record<string, number>;
  networkErrors: number;
  /** This load generator's own CPU time (user + system) over the run, in microseconds. */
  cpuMicros: number;
}

const cfg = JSON.parse(process.argv[2]) as KioskLoadConfig;
let stopping = false;
const result: KioskLoadResult = { type: 'result', elapsedMs: 0, latencies: [], created: 0, replayed: 0, errors: {}, networkErrors: 0, cpuMicros: 0 };

async function kiosk(k: number): Promise<void> {
  const client = new JsonClient(cfg.base, cfg.tokens[k]);
  let n = 0;
  const started = Date.now();
  while (!stopping) {
    if (cfg.durationMs !== undefined && Date.now() - started >= cfg.durationMs) break;
    if (cfg.perKiosk !== undefined && n >= cfg.perKiosk) break;
    const key = `${cfg.keyPrefix}-k${k}-${n}`;
    const serviceId = cfg.services[(k + n) % cfg.services.length];
    n++;
    for (;;) {
      const t0 = wallMs();
      try {
        const r = await client.post('/api/v1/tickets', { serviceId }, { 'Idempotency-Key': key });
        const t1 = wallMs();
        if (r.status === 201 || r.status === 200) {
          result.latencies.push(t1 - t0);
          if (r.status === 201) result.created++;
          else result.replayed++;
          if (cfg.reportAcks) {
            const t = r.body.ticket;
            process.send?.({ type: 'ack', status: r.status, key, kiosk: k, id: t.id, number: t.number, serviceId: t.serviceId, businessDay: t.businessDay });
          }
        } else {
          const code = r.body?.error?.code ?? `HTTP_${r.status}`;
          result.errors[code] = (result.errors[code] ?? 0) + 1;
          if (cfg.reportAcks) process.send?.({ type: 'refused', status: r.status, key, kiosk: k, code, body: r.body });
        }
        break;
      } catch {
        result.networkErrors++;
        if (!cfg.retryNetworkErrors || stopping) break;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }
  client.close();
}

process.on('message', (m: any) => {
  if (m?.type === 'stop') stopping = true;
  if (m?.type === 'start') {
    const t0 = Date.now();
    const cpu0 = process.cpuUsage();
    Promise.all(cfg.tokens.map((_, k) => kiosk(k))).then(() => {
      result.elapsedMs = Date.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      result.cpuMicros = cpu.user + cpu.system;
      process.send?.(result, () => process.exit(0));
    });
  }
});
// The parent (a bench case or a test) is gone: stop, instead of loading a server nobody watches.
process.on('disconnect', () => process.exit(0));
process.send?.({ type: 'ready' });
