import type { ChildProcess } from 'node:child_process';
import { PtyPair, socatAvailable } from '../../test/helpers/socat.js';
import { Printer } from '../../drivers/printer/index.js';
import { createTransport } from '../../drivers/transport/index.js';
import { admin } from '../lib/hall-setup.js';
import { JsonClient } from '../lib/http.js';
import { forkTs, message, removeDir, tempDir, type ServerProc } from '../lib/proc.js';
import { startProductionServer } from '../lib/production.js';
import { benchCase, type BenchCase } from '../lib/report.js';
import { percentile, wallMs } from '../lib/stats.js';

/** Waits for the printer simulator to report the next finished ticket. */
const nextPrinted = (sim: ChildProcess) => message<{ at: number; text: string }>(sim, (m) => m.type === 'printed', 15_000);

/** Binds kiosk-1's printer to the host end of a pty pair (as an installer would with a USB-serial printer). */
export async function bindPtyPrinter(a: JsonClient, hostPath: string): Promise<void> {
  const r = await a.put('/api/v1/admin/devices/kiosk-1-printer', {
    kind: 'printer',
    uri: `serial:${hostPath}?baud=115200`,
    ownerKind: 'kiosk',
    ownerId: 'kiosk-1',
    options: { paperWidth: 80 },
  });
  if (r.status !== 200) throw new Error(`binding the printer failed: ${JSON.stringify(r.body)}`);
  for (let i = 0; i < 100; i++) {
    const h = (await a.get('/api/v1/health')).body.devices?.find((d: any) => d.id === 'kiosk-1-printer');
    if (h?.state === 'ok') return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the pty printer never came up');
}

/**
 * Case 5: kiosk tap (POST /api/v1/tickets from kiosk-1) to the ticket cut on a
 * virtual printer behind a socat pty pair. Baseline: the same ticket printed
 * straight through the printer driver on the same pty, without the server.
 */
export async function printerCases(n: number, log: (s: string) => void): Promise<BenchCase[]> {
  if (!socatAvailable()) {
    log('  socat is not installed: printer case skipped');
    return [];
  }
  const pty = new PtyPair('bench-printer');
  await pty.start();
  const sim = forkTs('bench/workers/printer-sim.ts', [pty.b]);
  await message(sim, (m) => m.type === 'open');
  const dir = tempDir();
  let server: ServerProc | null = null;
  const hall: number[] = [];
  const base: number[] = [];
  let layoutText = '';
  try {
    // Baseline first, while the host end is free.
    const host = createTransport(`serial:${pty.a}?baud=115200`);
    const printer = new Printer(host, { statusTimeoutMs: 800 });
    await printer.open();
    const layout = {
      hallName: '县政务服务中心', serviceName: '社保医保', number: 'B001', peopleAhead: 3, estimatedWaitMinutes: 12,
      issuedAtText: '2026-03-10 09:00', qrUrl: 'http://127.0.0.1/t/abcdefghijklmnop', notice: '请留意叫号，过号请到服务台', paperWidth: 80 as const,
    };
    for (let i = 0; i < n + 3; i++) {
      const done = nextPrinted(sim);
      const t0 = wallMs();
      await printer.status(); // the hall checks status before it commits; do the same here
      await printer.printTicket({ ...layout, number: `B${String(i + 1).padStart(3, '0')}` });
      const p = await done;
      if (i >= 3) base.push(p.at - t0);
    }
    printer.dispose();
    await host.close();

    server = await startProductionServer(dir);
    const a = await admin(server.url);
    await bindPtyPrinter(a, pty.a);
    const token = (await a.post('/api/v1/admin/clients/kiosk-1/token')).body.token as string;
    const kiosk = new JsonClient(server.url, token);
    for (let i = 0; i < n + 3; i++) {
      const done = nextPrinted(sim);
      const t0 = wallMs();
      const r = await kiosk.post('/api/v1/tickets', { serviceId: 'social' }, { 'Idempotency-Key': `tap-${i}-bench` });
      if (r.status !== 201) throw new Error(`issue failed: ${JSON.stringify(r.body)}`);
      const p = await done;
      layoutText = p.text;
      if (i >= 3) hall.push(p.at - t0);
    }
    kiosk.close();
  } finally {
    await server?.kill();
    sim.kill();
    await pty.stop();
    removeDir(dir);
  }
  log(`  tap→printed p50 ${percentile(hall, 50).toFixed(1)} ms p99 ${percentile(hall, 99).toFixed(1)} ms; driver alone p50 ${percentile(base, 50).toFixed(1)} ms (${layoutText.length} chars of text)`);
  return [
    benchCase('kiosk tap→printed ticket (pty printer): p50', percentile(hall, 50), 'ms', percentile(base, 50), null),
    benchCase('kiosk tap→printed ticket (pty printer): p99', percentile(hall, 99), 'ms', percentile(base, 99), null),
  ];
}
