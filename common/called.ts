import type { CalledEvent, LocalizedText } from './types.js';

/**
 * The `called` payload (display event, recent calls), built in this one place by
 * the hall server (live calls and the calls restored after a restart) and the UI
 * fixture hall. No runtime dependencies.
 */
export function calledEvent(
  ticket: { id: string; number: string; serviceId: string },
  window: { id: string; number: number; name: string },
  serviceName: LocalizedText | null | undefined,
  calledAt: string,
  recall: boolean,
): CalledEvent {
  const names = serviceName ?? { 'zh-CN': ticket.serviceId };
  return {
    ticketId: ticket.id,
    ticketNumber: ticket.number,
    windowId: window.id,
    windowNumber: window.number,
    windowName: window.name,
    serviceId: ticket.serviceId,
    serviceName: names['zh-CN'],
    serviceNames: names,
    calledAt,
    recall,
  };
}
