import type { SupervisionAlert } from '../../../common/supervision.js';
import { alertMessages, type DetectedAlert } from '../../domain/alerts.js';
import { SYSTEM } from '../../store/event-log.js';
import type { AppContext } from '../context.js';
import { ALLOWED_NETWORKS_ENV, type NotifyTargets } from './targets.js';

const KEY = 'notify_target_refused:hall';

/** The stored webhook and booking-platform callback URLs the target policy refuses (by setting name, never the URL). */
export function refusedStoredTargets(ctx: AppContext, targets: NotifyTargets): string[] {
  const stored: [string, unknown][] = [['notify.webhookUrl', ctx.settings().notify.webhookUrl]];
  for (const c of ctx.store.auth.clients()) if (typeof c.config?.callbackUrl === 'string') stored.push([`${c.name} callbackUrl`, c.config.callbackUrl]);
  return stored
    .filter(([, url]) => typeof url === 'string' && url !== '')
    .filter(([field, url]) => {
      try {
        targets.check(url, field);
        return false;
      } catch {
        return true;
      }
    })
    .map(([field]) => field);
}

/**
 * After an upgrade that tightened the policy (or a change of
 * ONESTOP_NOTIFY_ALLOWED_NETWORKS), intranet targets saved earlier would fail at
 * send time without a word. At start and whenever an admin reads the settings:
 * an error in the log and one grouped supervisor alert naming the refused
 * settings and the env var. The alert is updated when the list changes and stays
 * open until acknowledged.
 */
export function reportRefusedTargets(ctx: AppContext, targets: NotifyTargets): SupervisionAlert | null {
  const refused = refusedStoredTargets(ctx, targets);
  if (refused.length === 0) return null;
  ctx.log.error({ targets: refused, env: ALLOWED_NETWORKS_ENV }, `stored notification targets are refused by the target policy and will not be sent to: list their networks in ${ALLOWED_NETWORKS_ENV} if they are the hall's own gateways`);
  const { store } = ctx;
  const at = ctx.now().toISOString();
  const d: DetectedAlert = { key: KEY, kind: 'notify_target_refused', windowId: null, serviceId: null, ticketId: null, value: refused.length, threshold: 0, count: refused.length, subject: refused.join(', ') };
  const alert = store.tx(() => {
    const open = store.alerts.liveByKey(KEY);
    const messages = alertMessages(d);
    const a = { ...d, messages, message: messages['zh-CN'], at };
    if (open) return open.message === a.message ? null : store.alerts.update(a);
    const raised = store.alerts.raise(a);
    store.events.append({ type: 'alert.raised', at }, SYSTEM, { alertId: raised.id, key: KEY, kind: d.kind, message: raised.message });
    return raised;
  });
  if (alert) ctx.bus.emit('alert', alert);
  return alert;
}
