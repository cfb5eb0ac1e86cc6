import { io as ioClient, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startAgent, type RunningAgent } from '../../agent/agent.js';
import type { IdCardSimulator } from '../../drivers/idcard/index.js';
import { DEMO_RESIDENT } from '../../drivers/idcard/index.js';
import type { PrinterSimulator } from '../../drivers/printer/index.js';
import type { RunningHall } from '../../server/bootstrap.js';
import { AgentNetworks } from '../../server/app/kiosk-agent-network.js';
import { ADMIN_PASSWORD, Api, connect, connected, emitAck, kioskToken, once, removeDir, startTestHall, tempDir } from '../helpers/hall.js';

const until = async (cond: () => boolean | Promise<boolean>, what: string) => {
  for (let i = 0; i < 200; i++) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
};

const clearCard = { cardType: 'resident', name: '张三', idNumber: DEMO_RESIDENT.idNumber, birthDate: '1990-03-07' };

/** A kiosk PC running `npm run agent` hosts its own printer and reader. */
describe('kiosk agent', () => {
  let dir: string;
  let hall: RunningHall;
  let admin: Api;
  let kiosk: Api;
  let agent: RunningAgent;
  const sockets: Socket[] = [];

  const waiting = () => (hall.deps.ctx.store.db.prepare(`SELECT COUNT(*) n FROM tickets WHERE status = 'waiting'`).get() as { n: number }).n;
  // Device details (why a device fails) are for the hall's staff: anonymous and kiosk callers get the state only.
  const health = async (id: string) => ((await admin.get('/api/v1/health')).body.devices as { id: string; state: string; detail: string }[]).find((d) => d.id === id);
  const ui = async () => {
    const s = connect(hall.url, '/kiosk', kiosk.token!);
    sockets.push(s);
    await connected(s);
    return s;
  };

  beforeEach(async () => {
    dir = tempDir();
    // TRUST_PROXY=loopback: X-Forwarded-For in a test stands for another PC on the hall LAN.
    hall = await startTestHall(dir, { edge: { trustProxy: 'loopback' } });
    admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
    // This kiosk's devices move from the server to the agent.
    await admin.req('DELETE', '/api/v1/admin/devices/kiosk-1-printer');
    await admin.req('DELETE', '/api/v1/admin/devices/kiosk-1-reader');
    kiosk = new Api(hall.url, await kioskToken(hall.url, admin));
    agent = await startAgent({ server: hall.url, token: kiosk.token!, printer: 'sim:printer', reader: 'sim:idcard', statusIntervalMs: 200, log: () => undefined });
    await until(() => hall.deps.devices.printerFor('kiosk-1') !== null, 'the agent to register');
  });

  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    await agent.stop(); // stopping twice is harmless
    await hall.close();
    removeDir(dir);
  });

  it('forwards a card read to the kiosk masked and prints the ticket on the agent’s printer', async () => {
    const ui = connect(hall.url, '/kiosk', kiosk.token!);
    await connected(ui);
    const cardP = once(ui, 'id-card', 8000);
    (agent.simulators.reader as IdCardSimulator).placeCard(DEMO_RESIDENT);
    const card = await cardP;
    expect(card).toMatchObject({ maskedName: '张*三', maskedIdNumber: '*****************0' });

    const r = await kiosk.post('/api/v1/tickets', { serviceId: 'household', cardToken: card.cardToken });
    expect(r.status).toBe(201);
    expect(r.body.printed).toBe(true);
    const printer = agent.simulators.printer as PrinterSimulator;
    await until(() => printer.tickets.length === 1, 'the printed ticket');
    ui.close();
  });

  it('paper out at the agent’s printer refuses the ticket and leaves no waiting ticket', async () => {
    (agent.simulators.printer as PrinterSimulator).setState({ paper: 'out' });
    const r = await kiosk.post('/api/v1/tickets', { serviceId: 'household' });
    expect(r.status).toBe(503);
    expect(r.body.error.code).toBe('PRINTER_PAPER_OUT');
    expect(waiting()).toBe(0);
  });

  it('the agent’s devices are in /api/v1/health as soon as it is connected, and after a reconnect', async () => {
    await until(async () => (await health('kiosk-1-agent-printer'))?.state === 'ok', 'the printer in health');
    await until(async () => (await health('kiosk-1-agent-idcard'))?.state === 'ok', 'the reader in health');
    expect(await health('kiosk-1-agent')).toMatchObject({ state: 'ok' });
    agent.socket.disconnect();
    await until(async () => (await health('kiosk-1-agent'))?.state === 'unavailable', 'the agent shown as gone');
    expect(await health('kiosk-1-agent-printer')).toMatchObject({ state: 'error', detail: 'the kiosk agent is not connected' });
    agent.socket.connect();
    await until(async () => (await health('kiosk-1-agent-printer'))?.state === 'ok', 'the printer back in health');
    expect(await health('kiosk-1-agent')).toMatchObject({ state: 'ok' });
  });

  it('paper-out is pushed to the kiosk page before anyone taps (idle status poll)', async () => {
    const page = await ui();
    const seen: { id: string; state: string; detail: string }[] = [];
    page.on('device', (d) => seen.push(d));
    (agent.simulators.printer as PrinterSimulator).setState({ paper: 'out' });
    await until(() => seen.some((d) => d.id === 'kiosk-1-agent-printer' && d.state === 'error' && d.detail === 'paper out'), 'the paper-out warning');
    expect(await health('kiosk-1-agent-printer')).toMatchObject({ state: 'error', detail: 'paper out' });
    (agent.simulators.printer as PrinterSimulator).setState({ paper: 'ok' });
    await until(() => seen.some((d) => d.id === 'kiosk-1-agent-printer' && d.state === 'ok'), 'the printer ready again');
  });

  it('health reported before the hello is kept and applied with it', async () => {
    await agent.stop();
    const s = connect(hall.url, '/kiosk', kiosk.token!);
    sockets.push(s);
    await connected(s);
    await emitAck(s, 'agent:health', { kind: 'printer', state: 'error', detail: 'cover open' });
    await emitAck(s, 'agent:hello', { printer: { uri: 'serial:/dev/ttyS9', paperWidth: 80 }, reader: null });
    expect(await health('kiosk-1-agent-printer')).toMatchObject({ state: 'error', detail: 'cover open' });
  });

  it('a kiosk bound to an agent refuses tickets while the agent is away (KIOSK_AGENT_OFFLINE), never prints nothing silently', async () => {
    // The first hello bound the kiosk to its agent.
    const client = (await admin.get('/api/v1/admin/clients')).body.clients.find((c: { id: string }) => c.id === 'kiosk-1');
    expect(client.config.agent).toBe(true);
    await agent.stop();
    await until(() => hall.deps.devices.printerFor('kiosk-1') === null, 'the link to drop');
    const r = await kiosk.post('/api/v1/tickets', { serviceId: 'household' });
    expect(r.status).toBe(503);
    expect(r.body.error.code).toBe('KIOSK_AGENT_OFFLINE');
    expect(waiting()).toBe(0);
    // Another vendor's kiosk (no agent expected, no printer of ours): its tickets are issued unprinted.
    const unbind = await admin.req('PUT', '/api/v1/admin/clients/kiosk-1/agent', { agent: false });
    expect(unbind.status).toBe(200);
    expect(unbind.body.client.config.agent).toBe(false);
    const r2 = await kiosk.post('/api/v1/tickets', { serviceId: 'household' });
    expect(r2.status).toBe(201);
    expect(r2.body.printed).toBe(false);
  });

  it('a kiosk set to expect an agent in the admin API is unavailable until that agent says hello', async () => {
    await agent.stop();
    await until(() => hall.deps.devices.printerFor('kiosk-1') === null, 'the link to drop');
    await admin.req('PUT', '/api/v1/admin/clients/kiosk-1/agent', { agent: false });
    expect((await kiosk.post('/api/v1/tickets', { serviceId: 'household' })).status).toBe(201);
    expect((await admin.req('PUT', '/api/v1/admin/clients/kiosk-1/agent', { agent: true })).status).toBe(200);
    expect(await health('kiosk-1-agent')).toMatchObject({ state: 'unavailable' });
    const s = connect(hall.url, '/kiosk', kiosk.token!);
    sockets.push(s);
    await connected(s);
    // A connection that never said hello is not the agent.
    expect((await kiosk.post('/api/v1/tickets', { serviceId: 'household' })).body.error.code).toBe('KIOSK_AGENT_OFFLINE');
    agent = await startAgent({ server: hall.url, token: kiosk.token!, printer: 'sim:printer', reader: 'sim:idcard', log: () => undefined });
    await until(() => agent.announced, 'the hello');
    const r = await kiosk.post('/api/v1/tickets', { serviceId: 'household' });
    expect(r.status).toBe(201);
    expect(r.body.printed).toBe(true);
  });

  it('a second agent for the same kiosk takes over and the first stays away (no tug of war)', async () => {
    const second = await startAgent({ server: hall.url, token: kiosk.token!, printer: 'sim:printer', reader: 'sim:idcard', log: () => undefined });
    try {
      await until(() => second.announced && !agent.socket.connected, 'the takeover');
      await new Promise((r) => setTimeout(r, 3000)); // longer than the agent's reconnect delay
      expect(agent.socket.connected).toBe(false);
      expect(second.announced).toBe(true);
      const r = await kiosk.post('/api/v1/tickets', { serviceId: 'household' });
      expect(r.body.printed).toBe(true);
      await until(() => (second.simulators.printer as PrinterSimulator).tickets.length === 1, 'printed by the second agent');
      expect((agent.simulators.printer as PrinterSimulator).tickets).toHaveLength(0);
    } finally {
      await second.stop();
    }
  });

  it('a copied kiosk token on another PC cannot take the kiosk’s devices while its agent is connected (review finding)', async () => {
    const intruder = ioClient(`${hall.url}/kiosk`, {
      auth: { token: kiosk.token! }, transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { 'x-forwarded-for': '10.66.0.9' },
    });
    sockets.push(intruder);
    await connected(intruder);
    const hello = { printer: { uri: 'sim:printer', paperWidth: 80 }, reader: null };
    const r = await emitAck(intruder, 'agent:hello', hello);
    expect(r).toMatchObject({ ok: false, error: { code: 'AGENT_ALREADY_CONNECTED' } });
    expect(r.error.message).toContain('127.0.0.1');
    // The real agent still prints, and staff see where it connects from.
    expect(agent.socket.connected).toBe(true);
    expect((await kiosk.post('/api/v1/tickets', { serviceId: 'household' })).body.printed).toBe(true);
    expect((await health('kiosk-1-agent'))?.detail).toBe('connected from 127.0.0.1');
    // Once the kiosk's own agent is gone, another PC may become its agent (a replaced kiosk PC).
    await agent.stop();
    await until(() => !hall.deps.devices.agents.connected('kiosk-1'), 'the agent to leave');
    expect(await emitAck(intruder, 'agent:hello', hello)).toMatchObject({ ok: true });
    expect((await health('kiosk-1-agent'))?.detail).toBe('connected from 10.66.0.9');
  });

  it('agent:card is refused from any kiosk socket but the registered agent connection (finding 7)', async () => {
    const page = await ui(); // the kiosk page: same token, never said hello
    const second = await ui(); // a second connection with the agent's token that never said hello
    let reads = 0;
    page.on('id-card', () => reads++);
    for (const s of [page, second]) {
      const r = await emitAck(s, 'agent:card', clearCard);
      expect(r).toMatchObject({ ok: false, error: { code: 'AGENT_NOT_REGISTERED' } });
    }
    // The real agent's card still arrives.
    const got = once(page, 'id-card', 8000);
    (agent.simulators.reader as IdCardSimulator).placeCard(DEMO_RESIDENT);
    await got;
    expect(reads).toBe(1);
  });

  /** A second PC showing the kiosk's token from `address` (TRUST_PROXY=loopback reads X-Forwarded-For). */
  const otherPc = async (address: string) => {
    const s = ioClient(`${hall.url}/kiosk`, { auth: { token: kiosk.token! }, transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { 'x-forwarded-for': address } });
    sockets.push(s);
    await connected(s);
    return s;
  };
  const agentHello = { printer: { uri: 'sim:printer', paperWidth: 80 }, reader: null };
  const alerts = async () => ((await admin.get('/api/v1/admin/alerts?open=1')).body.alerts as { id: number; kind: string; count: number; messages: Record<string, string>; resolvedAt: string | null }[]).filter((a) => a.kind === 'agent_moved');

  it('an agent connecting from another address than last time raises one grouped supervisor alert and is audited (review, item 5)', async () => {
    // The real agent connected from 127.0.0.1 (beforeEach): remembered, nothing to alert.
    expect(hall.deps.ctx.store.devices.agentAddress('kiosk-1')?.address).toBe('127.0.0.1');
    expect(await alerts()).toEqual([]);
    await agent.stop();
    await until(() => !hall.deps.devices.agents.connected('kiosk-1'), 'the agent to leave');

    const first = await otherPc('10.66.0.9');
    expect(await emitAck(first, 'agent:hello', agentHello)).toMatchObject({ ok: true });
    let open = await alerts();
    expect(open).toHaveLength(1);
    expect(open[0].count).toBe(1);
    for (const lang of ['zh-CN', 'zh-TW', 'en']) expect(open[0].messages[lang], lang).toMatch(/10\.66\.0\.9.*127\.0\.0\.1/);
    const audit = (await admin.get('/api/v1/admin/audit?type=kiosk.agent_address_changed')).body.events;
    expect(audit.map((e: any) => e.data)).toEqual([{ kioskId: 'kiosk-1', from: '127.0.0.1', to: '10.66.0.9' }]);

    // Another move while the alert is open updates it (count 2) instead of raising a second one.
    first.close();
    await until(() => !hall.deps.devices.agents.connected('kiosk-1'), 'the first PC to leave');
    const second = await otherPc('10.66.0.10');
    expect(await emitAck(second, 'agent:hello', agentHello)).toMatchObject({ ok: true });
    open = await alerts();
    expect(open.map((a) => a.count)).toEqual([2]);
    expect(open[0].messages.en).toContain('10.66.0.10');
    // Reconnecting from the same address is no news.
    expect(await emitAck(second, 'agent:hello', agentHello)).toMatchObject({ ok: true });
    expect((await alerts()).map((a) => a.count)).toEqual([2]);
    // The supervision sweep does not resolve it: it stays until a supervisor acknowledges it.
    hall.deps.oversight.alerts.sweep();
    expect(await alerts()).toHaveLength(1);
    expect((await admin.post(`/api/v1/admin/alerts/${open[0].id}/ack`)).status).toBe(200);
    expect(await alerts()).toEqual([]);
  });

  it('pinned agent networks: an agent from elsewhere is refused with AGENT_NETWORK_REFUSED (review, item 5)', async () => {
    // The hall restarts with its kiosk networks pinned (read from the environment at start).
    await agent.stop();
    await hall.close();
    process.env.ONESTOP_AGENT_NETWORKS = '127.0.0.0/8, 10.1.0.0/24';
    try {
      hall = await startTestHall(dir, { edge: { trustProxy: 'loopback' } });
    } finally {
      delete process.env.ONESTOP_AGENT_NETWORKS;
    }
    admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
    expect(hall.deps.devices.agentNetworks.networks).toEqual(['127.0.0.0/8', '10.1.0.0/24']);
    const outsider = await otherPc('10.66.0.9');
    const r = await emitAck(outsider, 'agent:hello', agentHello);
    expect(r).toMatchObject({ ok: false, error: { code: 'AGENT_NETWORK_REFUSED' } });
    expect(hall.deps.devices.agents.connected('kiosk-1')).toBe(false);
    expect(hall.deps.ctx.store.devices.agentAddress('kiosk-1')?.address).toBe('127.0.0.1');
    expect(await alerts()).toEqual([]);
    // A kiosk PC on the pinned network is accepted.
    const inside = await otherPc('10.1.0.7');
    expect(await emitAck(inside, 'agent:hello', agentHello)).toMatchObject({ ok: true });
    expect(hall.deps.devices.agents.connected('kiosk-1')).toBe(true);
    expect(() => new AgentNetworks(hall.deps.ctx, ['10.0.0.0/99'])).toThrow(/ONESTOP_AGENT_NETWORKS/);
  });
});
