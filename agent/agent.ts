import { EV } from '../common/events.js';
import { io, type Socket } from 'socket.io-client';
import type { TicketLayout } from '../drivers/printer/index.js';
import { LocalDevices, type AgentDeviceHealth } from './devices.js';

export interface AgentOptions {
  server: string;
  token: string;
  printer?: string;
  reader?: string;
  paperWidth?: 58 | 80;
  /** Idle printer status poll (DLE EOT); default 3000 ms, 0 = never. */
  statusIntervalMs?: number;
  log?: (msg: string) => void;
}

export interface RunningAgent {
  socket: Socket;
  /** The simulators behind sim: URIs (for demos and tests). */
  simulators: { printer?: unknown; reader?: unknown };
  /** True once the server has acknowledged this connection's hello. */
  readonly announced: boolean;
  stop(): Promise<void>;
}

type Ack = (r: object) => void;
const fail = (err: unknown) => ({
  ok: false,
  error: { code: (err as { code?: string }).code ?? 'PRINTER_ERROR', message: (err as Error).message ?? 'printer error' },
});

const HELLO_TIMEOUT_MS = 5000;
const HELLO_RETRY_MS = 2000;

/**
 * The kiosk agent: hosts this kiosk's printer and ID-card reader and talks to
 * the hall server over Socket.IO (namespace /kiosk, the kiosk's device token),
 * so a kiosk needs only a network cable to the server.
 *
 * Every handler is attached before the socket connects and before any device
 * is opened, so the hello (with every device's health) goes out on every
 * connect whatever the order of events; it is repeated until acknowledged.
 */
export async function startAgent(o: AgentOptions): Promise<RunningAgent> {
  const log = o.log ?? ((m: string) => process.stdout.write(`${new Date().toISOString()} ${m}\n`));
  const socket = io(`${o.server.replace(/\/$/, '')}/kiosk`, {
    auth: { token: o.token },
    transports: ['websocket'],
    autoConnect: false,
    reconnectionDelayMax: 2000,
  });
  let announced = false;
  let helloTimer: NodeJS.Timeout | null = null;
  let stopped = false;

  const devices = new LocalDevices({
    printer: o.printer,
    reader: o.reader,
    statusIntervalMs: o.statusIntervalMs ?? 3000,
    onHealth: (h: AgentDeviceHealth) => {
      log(`${h.kind}: ${h.state} (${h.detail})`);
      // Sent only on a live connection: while offline the next hello carries it (never a stale backlog).
      if (announced && socket.connected) socket.emit(EV.agentHealth, h);
    },
    onCard: (c) => {
      if (!announced || !socket.connected) return log('card read while not connected to the hall server: dropped');
      // The clear number goes only to the hall server, which masks and HMACs it at once.
      socket.emit(EV.agentCard, { cardType: c.cardType, name: c.name, idNumber: c.idNumber, birthDate: c.birthDate }, (r: { ok?: boolean }) =>
        log(r?.ok ? 'card read and sent to the hall server' : `the hall server refused the card read: ${JSON.stringify(r)}`),
      );
    },
  });

  const hello = () => {
    if (helloTimer) clearTimeout(helloTimer);
    helloTimer = null;
    if (stopped || !socket.connected) return;
    const payload = {
      printer: o.printer ? { uri: o.printer, paperWidth: o.paperWidth ?? 80 } : null,
      reader: o.reader ? { uri: o.reader } : null,
      health: devices.health(),
    };
    const id = socket.id;
    socket.timeout(HELLO_TIMEOUT_MS).emit(EV.agentHello, payload, (err: Error | null, r: { ok?: boolean; kioskId?: string }) => {
      if (stopped || socket.id !== id || !socket.connected) return; // a newer connection says its own hello
      if (!err && r?.ok) {
        announced = true;
        // Health that changed while the hello was on its way.
        for (const h of devices.health()) socket.emit(EV.agentHealth, h);
        return log(`connected to ${o.server} as the kiosk agent of ${r.kioskId}`);
      }
      log(err ? `the hall server did not answer the hello; saying it again` : `the hall server refused the agent: ${JSON.stringify(r)}`);
      helloTimer = setTimeout(hello, HELLO_RETRY_MS);
    });
  };

  socket.on('connect', hello);
  let replaced = false;
  const retryLater = (ms: number) => setTimeout(() => !stopped && !replaced && !socket.connected && socket.connect(), ms);
  socket.on('disconnect', (reason) => {
    announced = false;
    log(`disconnected from the hall server (${reason})${replaced ? '' : '; reconnecting'}`);
    // socket.io retries lost connections by itself, but not one the server ended (a restart, a token check).
    if (reason === 'io server disconnect') retryLater(HELLO_RETRY_MS);
  });
  socket.on(EV.agentReplaced, (m: { message?: string }) => {
    replaced = true;
    log(`stopped talking to the hall server: ${m?.message ?? 'another agent took over this kiosk'}; only one agent may run per kiosk`);
  });
  socket.on('connect_error', (e) => {
    log(`cannot reach the hall server: ${e.message}`);
    // Refused by the server (e.g. a reissued token): socket.io gives up, we ask again now and then.
    if (!socket.active) retryLater(10_000);
  });
  socket.on(EV.agentPrinterCheck, async (_: unknown, ack: Ack) => {
    try {
      await devices.check();
      ack({ ok: true });
    } catch (err) {
      ack(fail(err));
    }
  });
  socket.on(EV.agentPrint, async (layout: TicketLayout, ack: Ack) => {
    try {
      await devices.print(layout);
      ack({ ok: true });
    } catch (err) {
      ack(fail(err));
    }
  });

  devices.start();
  socket.connect();

  return {
    socket,
    simulators: devices.simulators,
    get announced() {
      return announced;
    },
    stop: async () => {
      stopped = true;
      if (helloTimer) clearTimeout(helloTimer);
      socket.close();
      await devices.stop();
    },
  };
}
