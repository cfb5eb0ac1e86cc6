/**
 * The issue use case alone, with no HTTP in front of it: the hall as `npm start` opens it
 * (same data directory layout, WAL, synchronous=FULL), 32 registered kiosks, and the
 * tickets the route would ask for (`issueAtKiosk` with each kiosk's own principal) submitted
 * in groups of `group` in one turn of the event loop, so each group is one commit, the
 * largest a 32-kiosk load can form. The next group starts when the previous one is answered.
 * One thread does it all, as in the server, so 1 / (wall time per ticket) is the most this
 * code can issue on one core however fast HTTP were.
 * argv: dataDir durationMs group → IPC (or stdout) {type:'result', perSecond, cpuMicrosPerTicket, tickets}.
 */
import { randomUUID } from 'node:crypto';
import { startHall } from '../../server/bootstrap.js';
import { issueAtKiosk } from '../../server/app/kiosk-issue.js';
import { actorOf, can } from '../../server/auth/principal.js';
import { createLogger } from '../../server/log/logger.js';
import { admin, kioskTokens, OPEN_SERVICES } from '../lib/hall-setup.js';
import { BENCH_ADMIN_PASSWORD } from '../lib/proc.js';
import { wallMs } from '../lib/stats.js';

const [dataDir, durationArg, groupArg] = process.argv.slice(2);
const hall = await startHall({ dataDir, port: 0, host: '127.0.0.1', adminPassword: BENCH_ADMIN_PASSWORD, log: createLogger('silent') });
const { deps } = hall;
const tokens = await kioskTokens(await admin(hall.url), 32, 'floor');
const kiosks = tokens.map((t) => deps.auth.authenticate(t));
const group = Number(groupArg);
let n = 0;

async function issueGroup(): Promise<void> {
  const batch = [];
  for (let i = 0; i < group; i++) {
    const p = kiosks[(n + i) % kiosks.length];
    if (p.kind !== 'device') throw new Error(`kiosk token resolved to ${p.kind}`);
    batch.push(
      issueAtKiosk(deps.hall, deps.devices, {
        serviceId: OPEN_SERVICES[(n + i) % OPEN_SERVICES.length],
        kioskId: p.client.id,
        idempotencyKey: randomUUID(),
        scope: `client:${p.client.id}`,
        actor: actorOf(p),
        mayGrantPriority: can(p, 'ticket.issue.priority'),
        atKiosk: true,
        baseUrl: deps.ownBaseUrl(),
        lang: 'zh-CN',
      }),
    );
  }
  await Promise.all(batch);
  n += group;
}

async function run(ms: number): Promise<{ tickets: number; elapsed: number; cpu: number }> {
  const n0 = n;
  const c0 = process.cpuUsage();
  const start = wallMs();
  while (wallMs() - start < ms) await issueGroup();
  const c = process.cpuUsage(c0);
  return { tickets: n - n0, elapsed: wallMs() - start, cpu: c.user + c.system };
}

await run(2000); // warm-up, as the HTTP load has
const r = await run(Number(durationArg));
await hall.close();
const result = { type: 'result', perSecond: (r.tickets * 1000) / r.elapsed, cpuMicrosPerTicket: r.cpu / r.tickets, tickets: r.tickets };
// Run by hand (`node --import tsx bench/workers/issue-floor.ts DIR 8000 16`, with --cpu-prof to profile): printed.
if (process.send) process.send(result, () => process.exit(0));
else {
  console.log(JSON.stringify(result));
  process.exit(0);
}
