/**
 * A new epoch takes two steps: the hall's token only PROPOSES a common point (the region
 * computes what it would set aside), a region admin CONFIRMS it. A stolen hall token
 * therefore cannot wipe the hall's history by racing the admin's request (review of the
 * region, finding 1): nothing moves until the admin confirms the very point they saw; the
 * point cannot go below what the hall itself reported; requests expire after an hour; the
 * audit names the proposing token and the confirming admin.
 */
import { describe, expect, it } from 'vitest';
import { io as ioClient } from 'socket.io-client';
import { REGION_EV, REGION_NS, type HallLive } from '../../common/region.js';
import { Api } from '../helpers/hall.js';
import { requirePostgres } from '../helpers/pg.js';
import { requireRedis } from '../helpers/redis.js';
import { Events, registerHall } from './support.js';
import { regionRig } from './rig.js';

const DAY = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
const at = (h: number, m: number) => `${DAY}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00.000Z`;

describe.runIf(requirePostgres() && requireRedis())('a new epoch: the hall proposes, a region admin confirms', () => {
  const rig = regionRig('proposal');

  /** A hall with 40 events: 20 tickets issued, 10 of them called and finished. */
  async function hallWith40(id: string): Promise<Api> {
    const hall = await registerHall(rig.admin, id);
    const ev = new Events(DAY);
    for (let i = 0; i < 20; i++) ev.issued(`t${i}`, 's1', at(1 + Math.floor(i / 10), i % 10));
    for (let i = 0; i < 10; i++) {
      ev.called(`t${i}`, 'w1', at(5, i));
      ev.finished(`t${i}`, at(6, i));
    }
    expect((await hall.post(`/region/v1/halls/${id}/events`, { after: 0, events: ev.list })).body.highWater).toBe(40);
    return hall;
  }
  const totals = async (id: string) =>
    (await rig.db.query('SELECT sum(issued)::int AS issued, sum(served)::int AS served FROM daily_service WHERE hall_id = $1', [id])).rows[0];
  const eventCount = async (id: string) => (await rig.db.query('SELECT count(*)::int AS n FROM events WHERE hall_id = $1', [id])).rows[0].n;
  const live = async (id: string) => (await rig.admin.get('/region/v1/halls')).body.halls.find((h: any) => h.hallId === id);

  it('a stolen token racing the admin only proposes: nothing is set aside until the admin confirms what they saw', async () => {
    const hall = await hallWith40('h1');
    // the attacker claims an empty log, the admin asks for a new epoch, the attacker proposes 0 first
    expect((await hall.get('/region/v1/halls/h1/uplink?head=0')).body.resync).toBe(false);
    expect((await live('h1')).problem).toBe('UPLINK_BEHIND');
    expect((await rig.admin.post('/region/v1/halls/h1/resync', {})).status).toBe(200);
    const proposed = await hall.post('/region/v1/halls/h1/epoch', { commonPoint: 0 });
    expect(proposed.status).toBe(202);
    expect(proposed.body.proposal).toMatchObject({ commonPoint: 0, superseded: 40, from: at(1, 0), to: at(6, 9) });
    // nothing moved: the counts stand
    expect(await totals('h1')).toEqual({ issued: 20, served: 10 });
    expect(await eventCount('h1')).toBe(40);
    // the admin sees the proposal, with the count and the dates (no token fingerprint on the live view)
    const shown = (await live('h1')).proposal;
    expect(shown).toMatchObject({ commonPoint: 0, superseded: 40, from: at(1, 0), to: at(6, 9) });
    expect(shown.proposedBy).toBeUndefined();
    // the hall's position says to wait, not to propose again
    expect((await hall.get('/region/v1/halls/h1/uplink')).body).toMatchObject({ resync: true, proposed: true });
    // the hall token cannot confirm; an admin confirming another point than the proposal's is refused
    expect((await hall.post('/region/v1/halls/h1/epoch/confirm', { commonPoint: 0 })).status).toBe(401);
    const changed = await rig.admin.post('/region/v1/halls/h1/epoch/confirm', { commonPoint: 30 });
    expect([changed.status, changed.body.error.code, changed.body.error.expected]).toEqual([409, 'PROPOSAL_CHANGED', 0]);
    expect(await eventCount('h1')).toBe(40);
  });

  it('a hall cannot propose below the head it reported, and a confirmed epoch is audited with the token and the admin', async () => {
    const hall = await hallWith40('h2');
    const fingerprint = (await rig.admin.get('/region/v1/tokens')).body.tokens.find((t: any) => t.hallId === 'h2').fingerprint;
    expect((await hall.get('/region/v1/halls/h2/uplink?head=30')).status).toBe(200);
    expect((await rig.admin.post('/region/v1/halls/h2/resync', {})).status).toBe(200);
    const below = await hall.post('/region/v1/halls/h2/epoch', { commonPoint: 10 });
    expect([below.status, below.body.error.code, below.body.error.expected]).toEqual([409, 'INVALID_EPOCH', 30]);
    expect((await hall.post('/region/v1/halls/h2/epoch', { commonPoint: 30 })).body.proposal).toMatchObject({ commonPoint: 30, superseded: 10, from: at(5, 5), to: at(6, 9) });
    expect(await eventCount('h2')).toBe(40);

    const done = await rig.admin.post('/region/v1/halls/h2/epoch/confirm', { commonPoint: 30 });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ epoch: 1, commonPoint: 30, superseded: 10, highWater: 30, requestedBy: 'admin' });
    expect(await eventCount('h2')).toBe(30);
    expect(await totals('h2')).toEqual({ issued: 20, served: 5 });
    expect(await live('h2')).toMatchObject({ problem: null, proposal: null, resyncRequestedAt: null, epoch: 1 });

    const audit = (await rig.admin.get('/region/v1/audit')).body.entries.filter((e: any) => e.target === 'h2');
    expect(audit.slice(0, 3).map((e: any) => [e.action, e.actor])).toEqual([
      ['hall.epoch_started', 'admin'],
      ['hall.epoch_proposed', `token:${fingerprint}`],
      ['hall.resync_requested', 'admin'],
    ]);
    expect(audit[0].details).toMatchObject({ proposedBy: `token:${fingerprint}`, commonPoint: 30, superseded: 10 });
    // a viewer sees the epoch but not who asked for it
    expect((await rig.admin.post('/region/v1/users', { username: 'v2', password: 'viewer-pw-1', role: 'viewer', areas: [], hallIds: ['h2'] })).status).toBe(201);
    const viewer = new Api(rig.region.url);
    viewer.token = (await viewer.post('/region/v1/auth/login', { username: 'v2', password: 'viewer-pw-1' })).body.token;
    const seen = (await viewer.get('/region/v1/halls')).body.halls;
    expect(seen).toHaveLength(1);
    expect(seen[0].lastEpoch).toMatchObject({ epoch: 1, commonPoint: 30, requestedBy: null });
    expect((await viewer.get('/region/v1/halls/h2/live')).body.detail.hall.lastEpoch.requestedBy).toBeNull();
    const socket = ioClient(rig.region.url + REGION_NS, { auth: { token: viewer.token }, transports: ['websocket'], reconnection: false, forceNew: true });
    try {
      const pushed = await new Promise<HallLive[]>((resolve, reject) => {
        socket.once(REGION_EV.halls, resolve);
        socket.once('connect_error', reject);
      });
      expect(pushed[0].lastEpoch?.requestedBy).toBeNull();
    } finally {
      socket.close();
    }
    // the same proposal cannot be confirmed twice
    expect((await rig.admin.post('/region/v1/halls/h2/epoch/confirm', { commonPoint: 30 })).body.error.code).toBe('NO_EPOCH_PROPOSAL');
  });

  it('a request and a proposal expire after an hour', async () => {
    const hall = await hallWith40('h3');
    expect((await hall.get('/region/v1/halls/h3/uplink?head=40')).status).toBe(200);
    await hall.post('/region/v1/halls/h3/events', { after: 39, events: [{ seq: 40, at: at(9, 0), type: 'ticket.finished', windowId: null, ticketId: 't9', data: {} }] });
    expect((await live('h3')).problem).toBe('UPLINK_DIVERGED');
    expect((await rig.admin.post('/region/v1/halls/h3/resync', {})).status).toBe(200);
    await rig.db.query("UPDATE hall_uplink SET resync_requested_at = now() - interval '61 minutes' WHERE hall_id = 'h3'");
    expect((await hall.get('/region/v1/halls/h3/uplink')).body.resync).toBe(false);
    expect((await live('h3')).resyncRequestedAt).toBeNull();
    const late = await hall.post('/region/v1/halls/h3/epoch', { commonPoint: 39 });
    expect([late.status, late.body.error.code]).toEqual([409, 'RESYNC_NOT_REQUESTED']);

    expect((await rig.admin.post('/region/v1/halls/h3/resync', {})).status).toBe(200);
    // DIVERGED at seq 40: the hall may propose 39, not less
    expect((await hall.post('/region/v1/halls/h3/epoch', { commonPoint: 38 })).body.error.code).toBe('INVALID_EPOCH');
    expect((await hall.post('/region/v1/halls/h3/epoch', { commonPoint: 39 })).status).toBe(202);
    await rig.db.query(`UPDATE hall_uplink SET proposal = proposal || jsonb_build_object('expiresAt', now() - interval '1 minute') WHERE hall_id = 'h3'`);
    expect((await live('h3')).proposal).toBeNull();
    const stale = await rig.admin.post('/region/v1/halls/h3/epoch/confirm', { commonPoint: 39 });
    expect([stale.status, stale.body.error.code]).toEqual([409, 'NO_EPOCH_PROPOSAL']);
    expect(await eventCount('h3')).toBe(40);
  });
});
