import { EV } from '../../common/events.js';
import { AgentAck, type AgentHealth, type AgentHello, type EventPayload } from '../../common/wire/socket.js';
import type { Socket } from 'socket.io';
import type { z } from 'zod';
import type { TicketLayout } from '../../drivers/printer/index.js';
import { DeviceError } from '../../drivers/transport/index.js';
import type { KioskPrinter } from '../app/kiosk-issue.js';
import type { ManagedHealth } from './manager.js';
import { DomainError } from '../domain/errors.js';

type Hello = z.infer<typeof AgentHello>;
type Health = z.infer<typeof AgentHealth>;

/** The printer of a kiosk agent, reached over its Socket.IO connection. */
class AgentPrinter implements KioskPrinter {
  constructor(
    private socket: Socket,
    readonly paperWidth: 58 | 80,
  ) {}

  check(): Promise<void> {
    return this.ask(EV.agentPrinterCheck, {}, 5000);
  }

  print(layout: TicketLayout): Promise<void> {
    return this.ask(EV.agentPrint, layout, 20_000);
  }

  private async ask(event: string, payload: unknown, timeoutMs: number): Promise<void> {
    if (!this.socket.connected) throw new DeviceError('OFFLINE', 'the kiosk agent is not connected');
    let answer: unknown;
    try {
      answer = await this.socket.timeout(timeoutMs).emitWithAck(event, payload);
    } catch {
      throw new DeviceError('TIMEOUT', `the kiosk agent did not answer ${event} within ${timeoutMs / 1000} s`);
    }
    // The agent's answer is parsed like every payload the server receives: anything else is a printer error.
    const r = AgentAck.safeParse(answer);
    if (!r.success) throw new DeviceError('PRINTER_ERROR', `the kiosk agent answered ${event} with something unreadable`);
    if (!r.data.ok) throw new DeviceError(r.data.error.code, r.data.error.message);
  }
}

interface Link {
  socket: Socket;
  /** Where the agent connects from (shown to staff in the device health). */
  address: string;
  printer: AgentPrinter | null;
  health: Map<string, ManagedHealth>;
  hello: Hello;
}

export const agentId = (kioskId: string) => `${kioskId}-agent`;

/**
 * Kiosk agents: a program on a kiosk PC hosting that kiosk's own printer and
 * reader (`npm run agent`). One link per kiosk; a newer connection from the
 * same address replaces it (see `attach`).
 * Health reported before the hello is kept and applied with it; the devices of
 * an agent that went away stay listed as not connected until it is back.
 */
export class AgentLinks {
  private links = new Map<string, Link>();
  private gone = new Map<string, ManagedHealth[]>();
  private early = new WeakMap<Socket, Map<string, Health>>();

  /** `announce` receives every change of an agent device's health (for admins and the kiosk). */
  constructor(private announce: (h: ManagedHealth) => void) {}

  /**
   * `address`: where the agent connects from. A live agent is replaced only by one from the
   * same address (the same kiosk PC restarting its agent, or its half-open old connection);
   * a hello from elsewhere is refused while the registered agent is connected, so a copied
   * kiosk token cannot take the kiosk's printer and card reader away from it.
   */
  attach(kioskId: string, socket: Socket, hello: Hello, address: string): void {
    const old = this.links.get(kioskId);
    if (old && old.socket !== socket && old.socket.connected && old.address !== address) {
      throw new DomainError(
        'AGENT_ALREADY_CONNECTED',
        `The kiosk agent of ${kioskId} is connected from another address (${old.address}); stop it first, or reissue the kiosk's token if it is not yours`,
      );
    }
    if (old && old.socket !== socket) {
      // Tell the older agent why, so it does not connect again and push this one out in turn.
      old.socket.emit(EV.agentReplaced, { message: 'another kiosk agent connected with this kiosk token' } satisfies EventPayload<'kiosk', typeof EV.agentReplaced>);
      old.socket.disconnect(true);
    }
    const link: Link = {
      socket,
      address,
      hello,
      printer: hello.printer ? new AgentPrinter(socket, hello.printer.paperWidth) : null,
      health: new Map(),
    };
    this.links.set(kioskId, link);
    const before = this.gone.get(kioskId) ?? [];
    this.gone.delete(kioskId);
    const reported = new Map<string, Health>();
    for (const h of hello.health ?? []) reported.set(h.kind, h);
    for (const h of this.early.get(socket)?.values() ?? []) reported.set(h.kind, h);
    this.early.delete(socket);
    // Devices announced but not yet reported are "starting", never silently absent.
    if (hello.printer && !reported.has('printer')) reported.set('printer', { kind: 'printer', state: 'unavailable', detail: 'starting' });
    if (hello.reader && !reported.has('idcard')) reported.set('idcard', { kind: 'idcard', state: 'unavailable', detail: 'starting' });
    const self = { ...this.entry(kioskId, 'agent', ''), state: 'ok' as const, detail: `connected from ${address}` };
    link.health.set('agent', self);
    this.announce(self);
    for (const h of reported.values()) this.update(kioskId, link, h);
    // A device the agent no longer hosts disappears from the lists.
    for (const h of before) if (!link.health.has(h.kind)) this.announce({ ...h, state: 'unavailable', detail: 'no longer hosted by the kiosk agent' });
    if (!socket.listeners('disconnect').some((l) => (l as { agentLink?: boolean }).agentLink)) {
      const onGone = Object.assign(() => this.detach(kioskId, socket), { agentLink: true });
      socket.on('disconnect', onGone);
    }
  }

  /** A health report: from the registered agent it applies at once; from a socket that has not said hello yet it waits for the hello. */
  report(kioskId: string, socket: Socket, h: Health): void {
    const link = this.links.get(kioskId);
    if (link?.socket === socket) return this.update(kioskId, link, h);
    let queued = this.early.get(socket);
    if (!queued) this.early.set(socket, (queued = new Map()));
    queued.set(h.kind, h);
  }

  /** Is this socket the registered agent connection of this kiosk? */
  isAgent(kioskId: string, socket: Socket): boolean {
    return this.links.get(kioskId)?.socket === socket && socket.connected;
  }

  connected(kioskId: string): boolean {
    return this.links.has(kioskId);
  }

  printerFor(kioskId: string): KioskPrinter | null {
    return this.links.get(kioskId)?.printer ?? null;
  }

  /** Every agent's devices, plus a "not connected" entry for each expected agent never seen since start. */
  health(expected: string[] = []): ManagedHealth[] {
    const out = [...this.links.values()].flatMap((l) => [...l.health.values()]);
    for (const list of this.gone.values()) out.push(...list);
    for (const kioskId of expected) {
      if (this.links.has(kioskId) || this.gone.has(kioskId)) continue;
      out.push({ ...this.entry(kioskId, 'agent', ''), state: 'unavailable', detail: 'the kiosk agent has not connected since the server started' });
    }
    return out;
  }

  private detach(kioskId: string, socket: Socket): void {
    const link = this.links.get(kioskId);
    if (link?.socket !== socket) return;
    this.links.delete(kioskId);
    const down = [...link.health.values()].map((h): ManagedHealth =>
      h.kind === 'agent'
        ? { ...h, state: 'unavailable', detail: 'the kiosk agent is not connected' }
        : { ...h, state: 'error', detail: 'the kiosk agent is not connected' },
    );
    this.gone.set(kioskId, down);
    for (const h of down) this.announce(h);
  }

  private update(kioskId: string, link: Link, h: Health): void {
    const uri = (h.kind === 'printer' ? link.hello.printer?.uri : link.hello.reader?.uri) ?? '';
    const full: ManagedHealth = { ...this.entry(kioskId, h.kind, uri), state: h.state, detail: h.detail };
    const prev = link.health.get(h.kind);
    link.health.set(h.kind, full);
    if (!prev || prev.state !== full.state || prev.detail !== full.detail) this.announce(full);
  }

  private entry(kioskId: string, kind: string, uri: string): Omit<ManagedHealth, 'state' | 'detail'> {
    return { id: kind === 'agent' ? agentId(kioskId) : `${agentId(kioskId)}-${kind}`, kind, ownerKind: 'kiosk', ownerId: kioskId, uri };
  }
}
