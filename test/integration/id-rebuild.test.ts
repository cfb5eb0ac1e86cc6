import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHall } from '../../server/bootstrap.js';
import { TestClock, bareKiosk, idNumber, readCard } from '../helpers/features.js';
import { ADMIN_PASSWORD, Api, DEMO_STAFF_PASSWORD, clerkAt, removeDir, startTestHall, tempDir } from '../helpers/hall.js';
import { countCandidates, factsAbout, type Facts } from '../helpers/id-candidates.js';

const DAY = '2026-03-06'; // TestClock's Friday, 09:00 Shanghai
const PEOPLE = {
  elderly: { name: '李老伯', idNumber: idNumber('1950-05-17', '357') },
  young: { name: '张小三', idNumber: idNumber('1990-03-07', '123') },
  desk: { name: '王大明', idNumber: idNumber('1985-11-30', '246') },
  booked: { name: '赵小燕', idNumber: idNumber('1979-08-21', '582') },
  code: { name: '陈一', idNumber: idNumber('2001-12-02', '019') },
};

/** Every key/value of a JSON value (nested), with where it was found. */
function walk(v: unknown, where: string, out: { key: string; value: unknown; where: string }[], key = ''): void {
  if (Array.isArray(v)) v.forEach((x) => walk(x, where, out, key));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, where, out, k);
  else out.push({ key, value: v, where });
  if (typeof v === 'string' && /^[[{]/.test(v)) {
    try {
      walk(JSON.parse(v), `${where} (json)`, out, key);
    } catch {
      // not JSON
    }
  }
}

/**
 * Issue 10 #3: no combination of what the hall stores or hands out narrows a
 * person's ID number to fewer than 10,000 candidates without secret.key.
 */
describe('stored data cannot rebuild an ID number', { timeout: 60_000 }, () => {
  let dir: string;
  let hall: RunningHall;
  const texts: string[] = [];
  const values: { key: string; value: unknown; where: string }[] = [];
  const logs: string[] = [];
  const seen = (what: string, v: unknown) => {
    texts.push(typeof v === 'string' ? v : JSON.stringify(v));
    walk(v, what, values);
  };

  beforeAll(async () => {
    dir = tempDir();
    const clock = new TestClock();
    const sink = new Writable({ write: (chunk, _e, done) => (logs.push(String(chunk)), done()) });
    hall = await startTestHall(dir, { now: clock.now, log: pino({ level: 'trace' }, sink) });
    // What every client is told (kiosk card events, calls, screens, alerts) passes the bus.
    for (const name of ['called', 'changed', 'kiosk', 'alert', 'device', 'rateRequest'] as const) {
      hall.deps.ctx.bus.on(name, (e: unknown) => seen(`bus ${name}`, e));
    }
    const admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
    const sup = await Api.login(hall.url, 'supervisor', DEMO_STAFF_PASSWORD);
    const kiosk = await bareKiosk(admin);
    const call = async (what: string, p: Promise<{ status: number; body: unknown }>) => {
      const r = await p;
      expect(r.status, `${what}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
      seen(what, r.body);
      return r.body as any;
    };

    // Card tickets at a kiosk (one elderly, automatic priority), each retried with its key (idempotency replay).
    for (const who of ['elderly', 'young'] as const) {
      const card = readCard(hall, kiosk.id, PEOPLE[who]);
      for (let i = 0; i < 2; i++) await call(`kiosk ticket ${who}`, kiosk.api.post('/api/v1/tickets', { serviceId: 'social', cardToken: card }, { 'Idempotency-Key': `key-${who}` }));
    }
    // A typed card at the kiosk and at the desk.
    await call('kiosk typed card', kiosk.api.post('/api/v1/tickets', { serviceId: 'fund', idCard: PEOPLE.desk }));
    const deskTicket = await call('desk ticket', sup.post('/api/v1/tickets', { serviceId: 'property', idCard: PEOPLE.desk }));
    // Appointments: one checked in by card, one by code.
    for (const who of ['booked', 'code'] as const) {
      await call(`booking ${who}`, sup.post('/api/v1/appointments', { serviceId: 'social', date: DAY, slotStart: '10:00', ...PEOPLE[who], phone: '13812345678' }, { 'Idempotency-Key': `book-${who}` }));
    }
    clock.advance(50); // 09:50: check-in is open
    const card = readCard(hall, kiosk.id, PEOPLE.booked);
    await call('check-in by card', kiosk.api.post('/api/v1/appointments/check-in', { cardToken: card }));
    const list = await call('appointments list', sup.get(`/api/v1/appointments?date=${DAY}`));
    const byCode = list.appointments.find((a: { maskedName: string }) => a.maskedName === '陈*');
    await call('check-in by code', kiosk.api.post('/api/v1/appointments/check-in', { code: byCode.code }));
    // The counter calls, serves and transfers a card holder's ticket.
    clock.advance(10);
    const clerk = await clerkAt(hall.url, 1);
    await call('call', clerk.post('/api/v1/windows/w1/call-next'));
    await call('transfer', clerk.post('/api/v1/windows/w1/transfer', { toServiceId: 'tax' }));
    const social = await clerkAt(hall.url, 3);
    for (let i = 0; i < 3; i++) {
      const r = await social.post('/api/v1/windows/w3/call-next');
      if (r.status !== 200) break;
      seen('call social', r.body);
      await call('finish', social.post('/api/v1/windows/w3/finish'));
    }
    // What staff and admins read.
    await call('desk ticket detail', sup.get(`/api/v1/tickets/${deskTicket.ticket.id}`));
    await call('queue', sup.get('/api/v1/queue'));
    for (const w of ['w1', 'w3']) await call(`waiting ${w}`, sup.get(`/api/v1/windows/${w}/waiting`));
    await call('audit', admin.get('/api/v1/admin/audit?limit=1000'));
    await call('ratings', admin.get(`/api/v1/admin/ratings/export?from=${DAY}&to=${DAY}&format=json`));
    for (const by of ['service', 'window', 'staff']) await call(`report ${by}`, admin.get(`/api/v1/admin/reports?from=${DAY}&to=${DAY}&by=${by}`));
    for (const path of [`/api/v1/admin/reports.csv?from=${DAY}&to=${DAY}`, `/api/v1/admin/ratings/export?from=${DAY}&to=${DAY}&format=csv`]) {
      const res = await fetch(hall.url + path, { headers: { authorization: `Bearer ${admin.token}` } });
      texts.push(await res.text());
    }
    await hall.close();
    hall = null as never;

    // The database: every row of every table (the event log included), and the raw files.
    const db = new Database(join(dir, 'onestop.db'), { readonly: true });
    for (const { name } of db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]) {
      for (const row of db.prepare(`SELECT * FROM "${name}"`).all()) seen(`table ${name}`, row);
    }
    db.close();
    for (const f of ['onestop.db', 'onestop.db-wal']) if (existsSync(join(dir, f))) texts.push(readFileSync(join(dir, f)).toString('latin1'));
    for (const line of logs) seen('log', JSON.parse(line));
  }, 120_000);

  afterAll(async () => {
    if (hall) await hall.close();
    removeDir(dir);
  });

  it('a booking’s idempotency fingerprint does not give its phone number back (10,000 tries over the masked digits)', () => {
    const db = new Database(join(dir, 'onestop.db'), { readonly: true });
    const rows = db
      .prepare('SELECT k.request_hash AS hash, a.service_id AS serviceId, a.day, a.slot_start AS slot, a.id_hmac AS person, a.masked_phone AS masked FROM appointment_idempotency k JOIN appointments a ON a.id = k.appointment_id')
      .all() as { hash: string; serviceId: string; day: string; slot: string; person: string; masked: string }[];
    db.close();
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.masked).toBe('138****5678');
      for (let n = 0; n < 10_000; n++) {
        const phone = `138${String(n).padStart(4, '0')}5678`;
        const guess = createHash('sha256').update(JSON.stringify([r.serviceId, r.day, r.slot, r.person, phone])).digest('hex');
        expect(guess === r.hash, `phone ${phone} recovered`).toBe(false);
      }
    }
  });

  it('the counting is honest: the old mask with the birth date leaves a handful, one fact less leaves many', () => {
    const id = PEOPLE.young.idNumber;
    const old = factsAbout(id, [`4101**********${id.slice(-4)}`, `x ${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)} x`], [], DAY);
    expect(countCandidates(id, old, DAY)).toBe(1); // area known: the date and sequence fix everything
    const all = factsAbout(id, [id.slice(6)], [], DAY);
    expect(countCandidates(id, all, DAY)).toBe(1);
    const year = factsAbout(id, [`*************${id.slice(-5)}`], [{ key: 'birth_year', value: Number(id.slice(6, 10)), where: 'x' }], DAY);
    expect(countCandidates(id, year, DAY)).toBeLessThan(100);
  });

  it('every person keeps at least 10,000 candidates, from everything stored, exported, logged and sent', () => {
    expect(texts.length).toBeGreaterThan(100);
    const report: Record<string, { candidates: number; facts: string[] }> = {};
    for (const [who, p] of Object.entries(PEOPLE)) {
      // Nothing in clear.
      for (const t of texts) expect(t.includes(p.idNumber), `${who}'s number in clear`).toBe(false);
      const f: Facts = factsAbout(p.idNumber, texts, values, DAY);
      // The elderly grant says "70 or older on the visit day": the attacker may use it.
      if (who === 'elderly') f.elderlyOn = { day: DAY, age: 70 };
      report[who] = { candidates: countCandidates(p.idNumber, f, DAY), facts: [...new Set(f.sources)].slice(0, 8) };
    }
    for (const [who, r] of Object.entries(report)) expect(r.candidates, `${who}: ${JSON.stringify(r)}`).toBeGreaterThanOrEqual(10_000);
    // The grant really was made (so the elderly bound above is what the data says).
    expect(values.some((v) => v.key === 'reason' && v.value === 'elderly')).toBe(true);
  });
});
