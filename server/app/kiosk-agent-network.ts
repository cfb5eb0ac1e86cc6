import proxyaddr from 'proxy-addr';
import type { SupervisionAlert } from '../../common/supervision.js';
import { alertMessages, type DetectedAlert } from '../domain/alerts.js';
import { DomainError } from '../domain/errors.js';
import type { Actor } from '../store/event-log.js';
import { audit } from './audit.js';
import type { AppContext } from './context.js';

/** The env var listing the networks kiosk agents may connect from (CIDR or addresses, comma-separated; empty = any). */
export const AGENT_NETWORKS_ENV = 'ONESTOP_AGENT_NETWORKS';

/**
 * Where each kiosk's agent connects from. A kiosk token copied to another PC is
 * only as good as the network it is used from: the networks may be pinned
 * (ONESTOP_AGENT_NETWORKS: an agent elsewhere is refused with AGENT_NETWORK_REFUSED),
 * and the address each kiosk's agent last connected from is remembered, so an
 * agent connecting from a different address raises a supervisor alert (one open
 * alert per kiosk that counts the moves) and is audited.
 */
export class AgentNetworks {
  private allowed: ((address: string) => boolean) | null;
  /** When a refusal was last logged, per kiosk and address: a refused agent says hello again every 2 s. */
  private refusalLogged = new Map<string, number>();

  constructor(
    private ctx: AppContext,
    readonly networks: readonly string[] = listFromEnv(process.env[AGENT_NETWORKS_ENV]),
  ) {
    if (networks.length === 0) {
      this.allowed = null;
      return;
    }
    try {
      const trust = proxyaddr.compile([...networks]);
      this.allowed = (address) => trust(address, 0);
    } catch (err) {
      throw new Error(`${AGENT_NETWORKS_ENV}: ${(err as Error).message} (give addresses or subnets, comma-separated: 10.1.0.0/24, 10.1.1.5)`);
    }
  }

  /** Throws AGENT_NETWORK_REFUSED when the networks are pinned and `address` is outside them. */
  admit(kioskId: string, address: string): void {
    if (!this.allowed || this.allowed(address)) return;
    const key = `${kioskId}|${address}`;
    const now = this.ctx.now().getTime();
    if (now - (this.refusalLogged.get(key) ?? -Infinity) >= 60_000) {
      if (this.refusalLogged.size >= 1000) this.refusalLogged.clear();
      this.refusalLogged.set(key, now);
      this.ctx.log.warn({ kioskId, address }, 'kiosk agent refused: not from an allowed network (logged at most once a minute per address)');
    }
    throw new DomainError('AGENT_NETWORK_REFUSED', `Kiosk agents may connect only from the hall's kiosk networks (${AGENT_NETWORKS_ENV}); ${address} is not one of them`);
  }

  /** An agent was accepted: remember its address; a different one than last time is alerted and audited. */
  connected(kioskId: string, kioskName: string, address: string): SupervisionAlert | null {
    const { store } = this.ctx;
    const at = this.ctx.now().toISOString();
    const actor: Actor = { kind: 'device', id: `${kioskId}-agent`, deviceId: `${kioskId}-agent` };
    const alert = store.tx(() => {
      const before = store.devices.agentAddress(kioskId);
      store.devices.setAgentAddress(kioskId, address, at);
      if (!before || before.address === address) return null;
      audit(this.ctx, 'kiosk.agent_address_changed', actor, { kioskId, from: before.address, to: address });
      const key = `agent_moved:${kioskId}`;
      const open = store.alerts.liveByKey(key);
      const d: DetectedAlert = {
        key, kind: 'agent_moved', windowId: null, serviceId: null, ticketId: null, value: 0, threshold: 0,
        count: (open?.count ?? 0) + 1,
        subject: `${kioskName}|${address}|${before.address}`,
      };
      const messages = alertMessages(d);
      const a = { ...d, messages, message: messages['zh-CN'], at };
      if (open) return store.alerts.update(a);
      const raised = store.alerts.raise(a);
      store.events.append({ type: 'alert.raised', at }, actor, { alertId: raised.id, key, kind: d.kind, message: raised.message });
      return raised;
    });
    if (alert) {
      this.ctx.log.warn({ kioskId, address }, 'kiosk agent connected from a new address');
      this.ctx.bus.emit('alert', alert);
    }
    return alert;
  }
}

export function listFromEnv(v: string | undefined): string[] {
  return (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}
