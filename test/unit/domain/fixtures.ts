import type { PriorityClass } from '../../../common/types.js';
import type { TicketRecord, WindowDef } from '../../../server/domain/model.js';

/** A waiting ticket with sensible defaults; override what the test is about. */
export function ticket(over: Partial<TicketRecord> & { id: string }): TicketRecord {
  const seq = over.seq ?? 1;
  const prefix = over.prefix ?? 'A';
  return {
    number: `${prefix}${String(seq).padStart(3, '0')}`,
    seq,
    prefix,
    serviceId: 'svc-a',
    businessDay: '2026-11-28',
    status: 'waiting',
    priority: 'normal',
    issuedAt: over.queuedAt ?? '2026-11-28T01:00:00.000Z',
    queuedAt: '2026-11-28T01:00:00.000Z',
    calledAt: null,
    servingAt: null,
    finishedAt: null,
    windowId: null,
    targetWindowId: null,
    recallCount: 0,
    trackToken: `trk-${over.id}`,
    kioskId: null,
    transferredFromId: null,
    identity: null,
    ...over,
  };
}

export function windowDef(id: string, services: { serviceId: string; order?: number; weight?: number }[]): WindowDef {
  return {
    id,
    number: Number(id.replace(/\D/g, '')) || 1,
    name: id,
    departmentId: 'dept',
    services: services.map((s, i) => ({ serviceId: s.serviceId, order: s.order ?? i, weight: s.weight ?? 1 })),
  };
}

/** ISO instant `minutes` after 09:00 Shanghai (01:00Z) on 2026-11-28. */
export function at(minutes: number, seconds = 0): string {
  return new Date(Date.UTC(2026, 10, 28, 1, minutes, seconds)).toISOString();
}

/** mulberry32: small deterministic PRNG so failures can be replayed by seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const CLASSES: readonly PriorityClass[] = ['green', 'priority', 'appointment', 'normal'];
