import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { AgentProcess, PtyDevice } from '../../test/helpers/agent-rig.js';
import { socatAvailable } from '../../test/helpers/socat.js';
import { admin } from '../lib/hall-setup.js';
import { JsonClient } from '../lib/http.js';
import { message, removeDir, ROOT, tempDir, type ServerProc } from '../lib/proc.js';
import { startProductionServer } from '../lib/production.js';
import { benchCase, type BenchCase } from '../lib/report.js';
import { percentile, wallMs } from '../lib/stats.js';
import { bindPtyPrinter } from './printer.js';

const nextPrinted = (sim: ChildProcess) => message<{ at: number; number: string }>(sim, (m) => m.type === 'printed', 15_000);

/** Wall ms of one tsx start of an empty script: what any `npm run agent` costs before our code runs. */
async function tsxStartMs(): Promise<number> {
  const t0 = wallMs();
  await new Promise<void>((done, fail) => {
    const p = spawn(resolve(ROOT, 'node_modules/.bin/tsx'), ['-e', '0'], { cwd: ROOT, stdio: 'ignore' });
    p.once('exit', () => done());
    p.once('error', fail);
  });
  return wallMs() - t0;
}

async function agentDevicesOk(c: JsonClient): Promise<boolean> {
  const r = await c.get('/api/v1/health');
  const devs = (r.body?.devices ?? []) as { id: string; state: string }[];
  return ['kiosk-1-agent-printer', 'kiosk-1-agent-idcard'].every((id) => devs.find((d) => d.id === id)?.state === 'ok');
}

/**
 * Kiosk agent (issue 11): its printer and SAM reader on socat ptys with the
 * device simulators in their own processes, the real agent CLI against the
 * bundled server.
 * - start → ready: spawning `tsx agent/main.ts` until /api/v1/health shows both
 *   agent devices ok (baseline: tsx starting an empty script);
 * - tap → printed: POST /api/v1/tickets until the virtual printer has cut the
 *   ticket, through the agent (baseline: the same printer bound to the server
 *   directly on the same pty).
 */
export async function agentCases(starts: number, taps: number, log: (s: string) => void): Promise<BenchCase[]> {
  if (!socatAvailable()) {
    log('  socat is not installed: agent case skipped');
    return [];
  }
  const printer = new PtyDevice('bench-agent-printer', 'bench/workers/printer-sim.ts');
  const reader = new PtyDevice('bench-agent-reader', 'bench/workers/idcard-sim.ts');
  const agent = new AgentProcess();
  const dir = tempDir();
  let server: ServerProc | null = null;
  const ready: number[] = [];
  const tsx: number[] = [];
  const viaAgent: number[] = [];
  const direct: number[] = [];
  try {
    await Promise.all([printer.start(), reader.start()]);
    server = await startProductionServer(dir);
    const a = await admin(server.url);
    const token = (await a.post('/api/v1/admin/clients/kiosk-1/token')).body.token as string;
    const kiosk = new JsonClient(server.url, token);
    const tap = async (i: number, into: number[]) => {
      const done = nextPrinted(printer.proc);
      const t0 = wallMs();
      const r = await kiosk.post('/api/v1/tickets', { serviceId: 'social' }, { 'Idempotency-Key': `agent-bench-${into === direct ? 'd' : 'a'}-${i}` });
      if (r.status !== 201 || r.body.printed !== true) throw new Error(`tap ${i}: ${r.status} ${JSON.stringify(r.body)}`);
      const p = await done;
      if (p.number !== r.body.ticket.number) throw new Error(`printed ${p.number}, the API issued ${r.body.ticket.number}`);
      into.push(p.at - t0);
    };

    // Baseline: the printer cabled to the server on the same pty.
    await bindPtyPrinter(a, printer.pty.a);
    for (let i = 0; i < taps + 3; i++) await tap(i, direct);
    direct.splice(0, 3);
    await a.req('DELETE', '/api/v1/admin/devices/kiosk-1-printer');
    await a.req('DELETE', '/api/v1/admin/devices/kiosk-1-reader');

    const args = ['--server', server.url, '--token', token, '--printer', printer.uri, '--reader', reader.uri];
    for (let i = 0; i < starts; i++) {
      tsx.push(await tsxStartMs());
      const t0 = wallMs();
      agent.start(args);
      for (let n = 0; !(await agentDevicesOk(kiosk)); n++) {
        if (n > 3000) throw new Error(`the agent was not ready within 30 s:\n${agent.out.slice(-2000)}`);
        await new Promise((r) => setTimeout(r, 10));
      }
      ready.push(wallMs() - t0);
      if (i < starts - 1) await agent.stop();
    }
    for (let i = 0; i < taps + 3; i++) await tap(i, viaAgent);
    viaAgent.splice(0, 3);
    kiosk.close();
    a.close();
  } finally {
    await agent.stop();
    await server?.kill();
    await Promise.allSettled([printer.stop(), reader.stop()]);
    removeDir(dir);
  }
  const p50 = (v: number[]) => percentile(v, 50);
  log(`  agent start→ready p50 ${p50(ready).toFixed(0)} ms (tsx alone ${p50(tsx).toFixed(0)} ms); tap→printed via agent p50 ${p50(viaAgent).toFixed(1)} / p99 ${percentile(viaAgent, 99).toFixed(1)} ms, printer on the server ${p50(direct).toFixed(1)} ms`);
  return [
    benchCase(`kiosk agent start→ready (${starts} starts, pty printer + reader): p50`, p50(ready), 'ms', p50(tsx), null, 'baseline: tsx starting an empty script'),
    benchCase('kiosk tap→printed through the agent (pty printer): p50', p50(viaAgent), 'ms', p50(direct), null, 'baseline: the same printer bound to the server'),
    benchCase('kiosk tap→printed through the agent (pty printer): p99', percentile(viaAgent, 99), 'ms', percentile(direct, 99), null),
  ];
}
