import type { Socket } from 'socket.io';
import { z } from 'zod';
import type { TicketLayout } from '../../drivers/printer/index.js';
import { DeviceError } from '../../drivers/transport/index.js';
import type { KioskPrinter } from '../app/kiosk-issue.js';
import type { ManagedHealth } from './manager.js';

export const agentHello = z.object({
  printer: z.object({ uri: z.string().max(300), paperWidth: z.union([z.literal(58), z.literal(80)]) }).nullable(),
  reader: z.object({ uri: z.string().max(300) }).nullable(),
});

export const agentCard = z.object({
  cardType: z.enum(['resident', 'hmt-residence-permit']),
  name: z.string().min(1).max(60),
  idNumber: z.string().min(15).max(18),
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

export const agentHealth = z.object({
  kind: z.enum(['printer', 'idcard']),
  state: z.enum(['ok', 'warning', 'error', 'unavailable']),
  detail: z.string().max(300),
});

type Ack = { ok: true } | { ok: false; error: { code: string; message: string } };

/** The printer of a kiosk agent, reached over its Socket.IO connection. */
class AgentPrinter implements KioskPrinter {
  constructor(
    private socket: Socket,
    readonly paperWidth: 58 | 80,
  ) {}

  check(): Promise<void> {
    return this.ask('agent:printer-check', {}, 5000);
  }

  print(layout: TicketLayout): Promise<void> {
    return this.ask('agent:print', layout, 20_000);
  }

  private async ask(event: string, payload: unknown, timeoutMs: number): Promise<void> {
    let r: Ack;
    try {
      r = (await this.socket.timeout(timeoutMs).emitWithAck(event, payload)) as Ack;
    } catch {
      throw new DeviceError('TIMEOUT', `the kiosk agent did not answer ${event} within ${timeoutMs / 1000} s`);
    }
    if (!r || r.ok !== true) {
      const e = (r as { error?: { code?: string; message?: string } })?.error;
      throw new DeviceError(e?.code ?? 'PRINTER_ERROR', e?.message ?? 'the kiosk agent could not print');
    }
  }
}

interface Link {
  socket: Socket;
  printer: AgentPrinter | null;
  health: Map<string, ManagedHealth>;
  hello: z.infer<typeof agentHello>;
}

/**
 * Kiosk agents: a program on a kiosk PC hosting that kiosk's own printer and
 * reader (`npm run agent`). One link per kiosk; the newest connection wins.
 */
export class AgentLinks {
  private links = new Map<string, Link>();

  attach(kioskId: string, socket: Socket, hello: z.infer<typeof agentHello>): void {
    this.links.get(kioskId)?.socket.disconnect(true);
    const link: Link = {
      socket,
      hello,
      printer: hello.printer ? new AgentPrinter(socket, hello.printer.paperWidth) : null,
      health: new Map(),
    };
    this.links.set(kioskId, link);
    socket.on('disconnect', () => {
      if (this.links.get(kioskId)?.socket === socket) this.links.delete(kioskId);
    });
  }

  setHealth(kioskId: string, h: z.infer<typeof agentHealth>): ManagedHealth | null {
    const link = this.links.get(kioskId);
    if (!link) return null;
    const uri = (h.kind === 'printer' ? link.hello.printer?.uri : link.hello.reader?.uri) ?? '';
    const full: ManagedHealth = { id: `${kioskId}-agent-${h.kind}`, kind: h.kind, state: h.state, detail: h.detail, ownerKind: 'kiosk', ownerId: kioskId, uri };
    link.health.set(h.kind, full);
    return full;
  }

  printerFor(kioskId: string): KioskPrinter | null {
    return this.links.get(kioskId)?.printer ?? null;
  }

  health(): ManagedHealth[] {
    return [...this.links.values()].flatMap((l) => [...l.health.values()]);
  }
}
