import { io, type Socket } from 'socket.io-client';
import { IdCardReader } from '../drivers/idcard/index.js';
import { Printer, type TicketLayout } from '../drivers/printer/index.js';
import { createReconnectingTransport, createTransport, ReconnectingTransport, simulatorOf, type Transport } from '../drivers/transport/index.js';
import { registerIdCardSimulator } from '../drivers/idcard/index.js';
import { registerPrinterSimulator } from '../drivers/printer/index.js';

export interface AgentOptions {
  server: string;
  token: string;
  printer?: string;
  reader?: string;
  paperWidth?: 58 | 80;
  log?: (msg: string) => void;
}

export interface RunningAgent {
  socket: Socket;
  /** The simulators behind sim: URIs (for demos and tests). */
  simulators: { printer?: unknown; reader?: unknown };
  stop(): Promise<void>;
}

function open(uri: string): { transport: ReconnectingTransport; simulator: unknown } {
  if (uri.startsWith('sim:')) {
    const inner: Transport = createTransport(uri);
    return { transport: new ReconnectingTransport(inner, { initialDelayMs: 200 }), simulator: simulatorOf(inner) };
  }
  return { transport: createReconnectingTransport(uri), simulator: undefined };
}

type Ack = (r: object) => void;
const fail = (err: unknown) => ({
  ok: false,
  error: { code: (err as { code?: string }).code ?? 'PRINTER_ERROR', message: (err as Error).message ?? 'printer error' },
});

/**
 * The kiosk agent: hosts this kiosk's printer and ID-card reader and talks to
 * the hall server over Socket.IO (namespace /kiosk, the kiosk's device token),
 * so a kiosk needs only a network cable to the server.
 */
export async function startAgent(o: AgentOptions): Promise<RunningAgent> {
  registerPrinterSimulator();
  registerIdCardSimulator();
  const log = o.log ?? ((m: string) => process.stdout.write(`${new Date().toISOString()} ${m}\n`));
  const socket = io(`${o.server.replace(/\/$/, '')}/kiosk`, { auth: { token: o.token }, transports: ['websocket'] });
  const simulators: RunningAgent['simulators'] = {};
  const health = (kind: 'printer' | 'idcard', state: string, detail: string) => {
    if (socket.connected) socket.emit('agent:health', { kind, state, detail }, () => undefined);
  };

  let printer: Printer | null = null;
  let printerT: ReconnectingTransport | null = null;
  if (o.printer) {
    const p = open(o.printer);
    printerT = p.transport;
    simulators.printer = p.simulator;
    printer = new Printer(printerT);
    printerT.onStatus((s, err) => health('printer', s === 'connected' ? 'ok' : 'error', err?.message ?? s));
    await printerT.open();
  }
  let reader: IdCardReader | null = null;
  let readerT: ReconnectingTransport | null = null;
  if (o.reader) {
    const r = open(o.reader);
    readerT = r.transport;
    simulators.reader = r.simulator;
    reader = new IdCardReader(readerT);
    reader.on('card', (c) => {
      // The clear number goes only to the hall server, which masks and HMACs it at once.
      socket.emit('agent:card', { cardType: c.cardType, name: c.name, idNumber: c.idNumber, birthDate: c.birthDate }, () => undefined);
      log('card read and sent to the hall server');
    });
    reader.on('status', (s) => health('idcard', s.state === 'ready' ? 'ok' : 'error', s.message ?? s.state));
    reader.on('error', (e) => health('idcard', 'warning', e.message));
    reader.start();
  }

  socket.on('connect', () => {
    socket.emit(
      'agent:hello',
      {
        printer: o.printer ? { uri: o.printer, paperWidth: o.paperWidth ?? 80 } : null,
        reader: o.reader ? { uri: o.reader } : null,
      },
      (r: { ok: boolean }) => log(r?.ok ? `connected to ${o.server} as the kiosk agent` : `the server refused the agent: ${JSON.stringify(r)}`),
    );
  });
  socket.on('connect_error', (e) => log(`cannot reach the hall server: ${e.message}`));
  socket.on('agent:printer-check', async (_: unknown, ack: Ack) => {
    if (!printer) return ack(fail({ code: 'OFFLINE', message: 'this agent has no printer' }));
    try {
      const s = await printer.status();
      if (s.paperOut) return ack(fail({ code: 'PAPER_OUT', message: 'paper out' }));
      if (s.coverOpen) return ack(fail({ code: 'COVER_OPEN', message: 'cover open' }));
      if (s.error) return ack(fail({ code: 'PRINTER_ERROR', message: 'printer error' }));
      if (!s.online) return ack(fail({ code: 'OFFLINE', message: 'printer offline' }));
      ack({ ok: true });
    } catch (err) {
      ack(fail(err));
    }
  });
  socket.on('agent:print', async (layout: TicketLayout, ack: Ack) => {
    if (!printer) return ack(fail({ code: 'OFFLINE', message: 'this agent has no printer' }));
    try {
      await printer.printTicket(layout);
      ack({ ok: true });
    } catch (err) {
      ack(fail(err));
    }
  });

  return {
    socket,
    simulators,
    stop: async () => {
      socket.close();
      await reader?.stop();
      printer?.dispose();
      await Promise.allSettled([printerT?.close(), readerT?.close()]);
    },
  };
}
