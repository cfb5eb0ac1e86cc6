/**
 * The hall server as its own process, for the benchmark and the chaos tests.
 * Like server/main.ts, but quiet, on an ephemeral loopback port, and it says
 * `READY <port>` on stdout once it listens, so the parent knows where to go.
 * Env: DATA_DIR, PORT (default 0), ONESTOP_ADMIN_PASSWORD, BENCH_DEMO_LOOPBACK=1,
 * BENCH_UPLINK='{"idleMs":…,"maxBackoffMs":…,"requestTimeoutMs":…}' (the uplink's pace, for region tests).
 */
import { resolve } from 'node:path';
import pino from 'pino';
import { startHall } from '../server/bootstrap.js';

const hall = await startHall({
  dataDir: resolve(process.env.DATA_DIR ?? './data'),
  port: Number(process.env.PORT ?? 0),
  host: '127.0.0.1',
  demoLoopback: process.env.BENCH_DEMO_LOOPBACK === '1',
  log: pino({ level: process.env.BENCH_LOG ?? 'silent' }),
  uplink: process.env.BENCH_UPLINK ? JSON.parse(process.env.BENCH_UPLINK) : undefined,
});
process.stdout.write(`READY ${hall.port}\n`);
if (process.env.BENCH_MEM_LOG) {
  const { appendFileSync, readFileSync } = await import('node:fs');
  // Resident memory split into anonymous (heap, malloc) and file-backed (code) pages.
  const smaps = () => {
    try {
      const t = readFileSync('/proc/self/smaps_rollup', 'utf8');
      const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(t)?.[1] ?? NaN);
      return ` anon ${(kb('Anonymous') / 1024).toFixed(0)} file ${((kb('Rss') - kb('Anonymous')) / 1024).toFixed(0)}`;
    } catch {
      return '';
    }
  };
  setInterval(() => {
    const m = process.memoryUsage();
    const mb = (n: number) => (n / 2 ** 20).toFixed(0);
    appendFileSync(process.env.BENCH_MEM_LOG!, `${new Date().toISOString().slice(11, 19)} rss ${mb(m.rss)} heapUsed ${mb(m.heapUsed)} heapTotal ${mb(m.heapTotal)} external ${mb(m.external)} ab ${mb(m.arrayBuffers)}${smaps()}\n`);
  }, 1000).unref();
}
const stop = () => void hall.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
