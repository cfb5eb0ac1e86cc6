import type { ChildProcess } from 'node:child_process';
import { admin, clerkAt, kioskTokens } from '../lib/hall-setup.js';
import { JsonClient } from '../lib/http.js';
import { forkTs, message, removeDir, tempDir, type ServerProc } from '../lib/proc.js';
import { startProductionServer } from '../lib/production.js';
import { benchCase, type BenchCase } from '../lib/report.js';
import { percentile, wallMs } from '../lib/stats.js';
import { kioskLoad } from './issue.js';

export const DISPLAY_PROCS = 4;
/** Pause between calls (real calls are seconds apart; the hall pushes its coalesced state 50 ms after each). */
const GAP_MS = 250;

/** `total` displays spread over DISPLAY_PROCS load processes, all connected. */
export async function startDisplays(url: string, total: number): Promise<ChildProcess[]> {
  const per = Math.ceil(total / DISPLAY_PROCS);
  const procs: ChildProcess[] = [];
  for (let i = 0; i < DISPLAY_PROCS; i++) {
    const count = Math.min(per, total - i * per);
    if (count <= 0) break;
    procs.push(forkTs('bench/workers/displays.ts', [JSON.stringify({ url, count })]));
  }
  await Promise.all(procs.map((p) => message(p, (m) => m.type === 'connected', 60_000)));
  return procs;
}

export function stopDisplays(procs: ChildProcess[]): void {
  for (const p of procs) if (p.connected) p.send({ type: 'close' });
}

/** Sends one call, then waits until every display process has seen it on every client. */
async function timedCall(procs: ChildProcess[], call: () => Promise<string>): Promise<number> {
  const t0 = wallMs();
  let key = '';
  const lasts: Promise<number>[] = procs.map(
    (p) =>
      new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error('a display missed a call')), 15_000);
        const onMsg = (m: any) => {
          if (m.type === 'called' && (key === '' || m.key === key)) {
            if (key === '' || m.key === key) {
              clearTimeout(t);
              p.off('message', onMsg);
              resolve(m.last);
            }
          }
        };
        p.on('message', onMsg);
      }),
  );
  key = await call();
  const last = Math.max(...(await Promise.all(lasts)));
  return last - t0;
}

/** Case 2: call → last of 500 displays, against a bare socket.io broadcast of the same payload. */
export async function displayCases(displays: number, calls: number, log: (s: string) => void): Promise<BenchCase[]> {
  const dir = tempDir();
  let server: ServerProc | null = null;
  let procs: ChildProcess[] = [];
  const hall: number[] = [];
  let sample: unknown = null;
  try {
    server = await startProductionServer(dir);
    const tokens = await kioskTokens(await admin(server.url), 1);
    await kioskLoad({ base: server.url, tokens, services: ['social'], perKiosk: calls + 5, keyPrefix: 'disp' });
    const clerk = await clerkAt(server.url, 3);
    procs = await startDisplays(server.url, displays);
    for (let i = 0; i < calls + 3; i++) {
      const ms = await timedCall(procs, async () => {
        const r = await clerk.post('/api/v1/windows/w3/call-next');
        if (r.status !== 200 || !r.body.ticket) throw new Error(`call-next failed: ${JSON.stringify(r.body)}`);
        return `${r.body.ticket.number}|`;
      });
      if (i >= 3) hall.push(ms); // the first calls warm up the JIT
      await new Promise((r) => setTimeout(r, GAP_MS)); // let the coalesced push go out, as between real calls
    }
    sample = (await clerk.get('/api/v1/queue')).body.recentCalls?.[0] ?? null;
  } finally {
    stopDisplays(procs);
    await server?.kill();
    removeDir(dir);
  }

  // Baseline: the same displays on a bare socket.io server, the same payload size.
  const bare = forkTs('bench/workers/bare-io.ts');
  const base: number[] = [];
  try {
    const port = await new Promise<number>((resolve) => {
      let out = '';
      bare.stdout?.on('data', (d) => {
        out += d;
        const m = /READY (\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
    });
    const url = `http://127.0.0.1:${port}`;
    procs = await startDisplays(url, displays);
    const client = new JsonClient(url);
    const payload = (sample ?? { ticketNumber: 'B001', windowNumber: 3, windowName: '3号窗口', serviceName: '社保医保', calledAt: new Date().toISOString(), recall: false }) as Record<string, unknown>;
    for (let i = 0; i < calls + 3; i++) {
      const ticketNumber = `B${String(i + 1).padStart(3, '0')}`;
      const ms = await timedCall(procs, async () => {
        await client.post('/call', { ...payload, ticketNumber, recall: false });
        return `${ticketNumber}|`;
      });
      if (i >= 3) base.push(ms);
      await new Promise((r) => setTimeout(r, GAP_MS));
    }
    client.close();
  } finally {
    stopDisplays(procs);
    bare.kill();
  }
  const p50 = percentile(hall, 50);
  const p99 = percentile(hall, 99);
  log(`  ${displays} displays: hall p50 ${p50.toFixed(1)} ms p99 ${p99.toFixed(1)} ms; bare socket.io p50 ${percentile(base, 50).toFixed(1)} ms p99 ${percentile(base, 99).toFixed(1)} ms`);
  return [
    benchCase(`call→display (${displays} displays): p50`, p50, 'ms', percentile(base, 50), null),
    benchCase(`call→display (${displays} displays): p99`, p99, 'ms', percentile(base, 99), { text: 'ratio <= 1.5', pass: (_v, r) => (r ?? Infinity) <= 1.5 }),
  ];
}
