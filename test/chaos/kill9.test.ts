import Database from 'better-sqlite3';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { admin, kioskTokens, OPEN_SERVICES } from '../../bench/lib/hall-setup.js';
import { forkTs, message, removeDir, startServer, tempDir } from '../../bench/lib/proc.js';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

/**
 * Reliability 1: kill -9 of the server during a 32-kiosk issuing load, restart,
 * several times. The load generator records every acknowledged ticket (201, or
 * 200 for a retry of a request whose answer was lost with the process).
 */
describe('chaos: kill -9 during a 32-kiosk load', () => {
  it('every acknowledged ticket survives, no number is used twice, numbering continues', async () => {
    const dir = tempDir();
    const port = await freePort();
    let server = await startServer(dir, { port });
    const tokens = await kioskTokens(await admin(server.url), 32);
    const load = forkTs('bench/workers/kiosk-load.ts', [
      JSON.stringify({ base: server.url, tokens, services: OPEN_SERVICES, keyPrefix: 'kill', reportAcks: true, retryNetworkErrors: true }),
    ]);
    const acks: any[] = [];
    load.on('message', (m: any) => m.type === 'ack' && acks.push(m));
    await message(load, (m) => m.type === 'ready');
    load.send({ type: 'start' });
    const KILLS = 5;
    const ackedBeforeKill: number[] = [];
    for (let k = 0; k < KILLS; k++) {
      const target = acks.length + 150 + Math.floor(Math.random() * 150);
      while (acks.length < target) await new Promise((r) => setTimeout(r, 10));
      ackedBeforeKill.push(acks.length);
      await server.kill('SIGKILL');
      server = await startServer(dir, { port });
    }
    const target = acks.length + 100;
    while (acks.length < target) await new Promise((r) => setTimeout(r, 10));
    const result = message(load, (m) => m.type === 'result');
    load.send({ type: 'stop' });
    const r = await result;
    await server.kill('SIGKILL');

    const db = new Database(join(dir, 'onestop.db'), { readonly: true });
    const rows = db.prepare('SELECT id, number, seq, prefix, business_day AS day FROM tickets').all() as any[];
    const byId = new Map(rows.map((t) => [t.id, t]));
    const lost = acks.filter((a) => byId.get(a.id)?.number !== a.number);
    // A key answered twice (lost answer, then retried) must give the same ticket.
    const byKey = new Map<string, string>();
    const keyConflicts = acks.filter((a) => {
      const prev = byKey.get(a.key);
      byKey.set(a.key, a.id);
      return prev !== undefined && prev !== a.id;
    });
    const dupNumbers = db.prepare('SELECT business_day, number, COUNT(*) n FROM tickets GROUP BY business_day, number HAVING n > 1').all();
    // Numbering continues: per day and prefix, the numbers are exactly 1..n (no reuse, no gap).
    const gaps: string[] = [];
    const groups = new Map<string, number[]>();
    for (const t of rows) groups.set(`${t.day}|${t.prefix}`, [...(groups.get(`${t.day}|${t.prefix}`) ?? []), t.seq]);
    for (const [g, seqs] of groups) {
      seqs.sort((a, b) => a - b);
      if (seqs.some((s, i) => s !== i + 1)) gaps.push(g);
    }
    const events = db.prepare(`SELECT COUNT(*) n FROM events WHERE type = 'ticket.issued'`).get() as { n: number };
    db.close();
    const summary = { kills: KILLS, acked: acks.length, created: r.created, replayed: r.replayed, networkErrors: r.networkErrors, ticketsInDb: rows.length, lost: lost.length, keyConflicts: keyConflicts.length, duplicatedNumbers: dupNumbers.length, gaps: gaps.length, errors: r.errors };
    console.log('kill -9 summary', JSON.stringify(summary));
    expect(lost).toEqual([]);
    expect(keyConflicts).toEqual([]);
    expect(dupNumbers).toEqual([]);
    expect(gaps).toEqual([]);
    expect(events.n).toBe(rows.length);
    expect(r.errors).toEqual({});
    expect(rows.length).toBeGreaterThanOrEqual(new Set(acks.map((a) => a.id)).size);
    removeDir(dir);
  });
});
