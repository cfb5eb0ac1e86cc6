import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startAgent, type RunningAgent } from '../../agent/agent.js';
import type { IdCardSimulator } from '../../drivers/idcard/index.js';
import { DEMO_RESIDENT } from '../../drivers/idcard/index.js';
import type { PrinterSimulator } from '../../drivers/printer/index.js';
import type { RunningHall } from '../../server/bootstrap.js';
import { ADMIN_PASSWORD, Api, connect, connected, kioskToken, once, removeDir, startTestHall, tempDir } from '../helpers/hall.js';

const until = async (cond: () => boolean | Promise<boolean>, what: string) => {
  for (let i = 0; i < 100; i++) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
};

/** A kiosk PC running `npm run agent` hosts its own printer and reader. */
describe('kiosk agent', () => {
  let dir: string;
  let hall: RunningHall;
  let admin: Api;
  let kiosk: Api;
  let agent: RunningAgent;

  beforeEach(async () => {
    dir = tempDir();
    hall = await startTestHall(dir);
    admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
    // This kiosk's devices move from the server to the agent.
    await admin.req('DELETE', '/api/v1/admin/devices/kiosk-1-printer');
    await admin.req('DELETE', '/api/v1/admin/devices/kiosk-1-reader');
    kiosk = new Api(hall.url, await kioskToken(hall.url, admin));
    agent = await startAgent({ server: hall.url, token: kiosk.token!, printer: 'sim:printer', reader: 'sim:idcard', log: () => undefined });
    await until(() => hall.deps.devices.printerFor('kiosk-1') !== null, 'the agent to register');
  });

  afterEach(async () => {
    await agent.stop();
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
    const n = hall.deps.ctx.store.db.prepare(`SELECT COUNT(*) n FROM tickets WHERE status = 'waiting'`).get() as { n: number };
    expect(n.n).toBe(0);
  });

  it('an agent that goes away leaves the kiosk without a printer, not with a hung request', async () => {
    await agent.stop();
    await until(() => hall.deps.devices.printerFor('kiosk-1') === null, 'the link to drop');
    // With no printer at all the kiosk is another vendor's: tickets are issued unprinted.
    const r = await kiosk.post('/api/v1/tickets', { serviceId: 'household' });
    expect(r.status).toBe(201);
    expect(r.body.printed).toBe(false);
  });
});
