import type { ChildProcess } from 'node:child_process';
import { admin, kioskTokens, OPEN_SERVICES } from '../lib/hall-setup.js';
import { JsonClient } from '../lib/http.js';
import { BENCH_ADMIN_PASSWORD, removeDir, rssOf, tempDir, type ServerProc } from '../lib/proc.js';
import { benchCase, type BenchCase } from '../lib/report.js';
import { productionLaunch, startProductionServer } from '../lib/production.js';
import { kioskLoad } from './issue.js';
import { startDisplays, stopDisplays } from './display.js';

/** Staff connections serving concurrently (each works through its share of the windows). */
const STAFF = 8;

/**
 * Case 3: peak RSS of the server with `windows` windows, `displays` displays
 * and a day of `tickets` tickets issued and served. Baseline: the same server idle after start.
 * The server runs as `npm start` runs it: bundled, with the start script's node flags and environment.
 */
export async function memoryCases(
  windows: number,
  displays: number,
  tickets: number,
  serveBudgetMs: number,
  log: (s: string) => void,
  env: NodeJS.ProcessEnv = {},
  label = '',
): Promise<BenchCase[]> {
  const dir = tempDir();
  let server: ServerProc | null = null;
  let procs: ChildProcess[] = [];
  let peak = 0;
  let timer: NodeJS.Timeout | null = null;
  try {
    // First start (creates the hall and its staff), then measure a restarted server, as a hall runs.
    await (await startProductionServer(dir)).kill();
    server = await startProductionServer(dir, { env });
    const launch = productionLaunch();
    log(`  server: node ${launch.execArgv.join(' ')} with ${JSON.stringify(launch.env)} (as npm start)`);
    await new Promise((r) => setTimeout(r, 1000));
    const idle = rssOf(server.child.pid!);
    const pid = server.child.pid!;
    timer = setInterval(() => {
      try {
        peak = Math.max(peak, rssOf(pid));
      } catch {
        // exited
      }
    }, 100);
    const a = await admin(server.url);
    const services = OPEN_SERVICES;
    for (let n = 11; n <= windows; n++) {
      const r = await a.post('/api/v1/admin/windows', { number: n, name: `${n}号窗口`, departmentId: 'general', services: [{ serviceId: services[n % services.length], order: 0 }] });
      if (r.status !== 201) throw new Error(`window ${n}: ${JSON.stringify(r.body)}`);
    }
    const all = (await a.get('/api/v1/admin/windows')).body.windows as { id: string }[];
    procs = await startDisplays(server.url, displays);
    const kiosks = 32;
    const tokens = await kioskTokens(a, kiosks);
    const issued = await kioskLoad({ base: server.url, tokens, services, perKiosk: Math.ceil(tickets / kiosks), keyPrefix: 'day' });
    // Serve until done or out of time budget.
    for (const w of all) await a.post(`/api/v1/windows/${w.id}/open`);
    log(`  issued ${issued.created} in ${(issued.elapsedMs / 1000).toFixed(1)} s; RSS now ${(rssOf(pid) / 2 ** 20).toFixed(0)} MB, peak ${(peak / 2 ** 20).toFixed(0)} MB`);
    const deadline = Date.now() + serveBudgetMs;
    let served = 0;
    let failed = 0;
    const staff = await JsonClient.loginMany(server!.url, 'admin', BENCH_ADMIN_PASSWORD, STAFF);
    await Promise.all(
      staff.map(async (c, i) => {
        const mine = all.filter((_, j) => j % staff.length === i);
        let idle = 0;
        while (Date.now() < deadline && idle < mine.length) {
          idle = 0;
          for (const w of mine) {
            if (Date.now() >= deadline) break;
            try {
              const r = await c.post(`/api/v1/windows/${w.id}/call-next`);
              if (r.body?.ticket) {
                await c.post(`/api/v1/windows/${w.id}/finish`);
                served++;
              } else idle++;
            } catch {
              failed++; // timed out: the server is saturated (see docs/bench.md)
            }
          }
        }
      }),
    );
    const value = Math.max(peak, rssOf(pid));
    log(`  ${all.length} windows, ${displays} displays, ${issued.created} issued, ${served} served (${failed} staff requests timed out): peak RSS ${(value / 2 ** 20).toFixed(0)} MB (idle ${(idle / 2 ** 20).toFixed(0)} MB)`);
    return [
      benchCase(`server RSS${label} (${all.length} windows, ${displays} displays, ${issued.created} tickets, ${served} served)`, value / 2 ** 20, 'MB', idle / 2 ** 20, { text: '<= 200 MB', pass: (v) => v <= 200 }),
    ];
  } finally {
    if (timer) clearInterval(timer);
    stopDisplays(procs);
    await server?.kill();
    removeDir(dir);
  }
}
