/** Where an outbound message goes: one interface, so a hall can add another channel beside the webhook. */
export interface Notifier {
  /** Resolves when the receiver took the message; throws (with a short reason) to be retried. */
  send(target: string, key: string, body: string): Promise<void>;
}

/**
 * The real adapter: an HTTP POST of the JSON body to the hall's webhook (its SMS
 * gateway, the provincial app's message service) or a booking platform's
 * callback URL, with `Idempotency-Key` so a retried message is taken once.
 * Any 2xx is taken; anything else, a timeout or a refused connection is retried.
 */
export class WebhookNotifier implements Notifier {
  constructor(private timeoutMs = 10_000) {}

  async send(target: string, key: string, body: string): Promise<void> {
    let res: Response;
    try {
      res = await fetch(target, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', 'idempotency-key': key, 'user-agent': 'onestop-hall' },
        body,
        redirect: 'error',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code;
      throw new Error(cause ?? (err as Error).name ?? 'network error');
    }
    await res.body?.cancel().catch(() => undefined);
    if (res.status < 200 || res.status >= 300) throw new Error(`HTTP ${res.status}`);
  }
}
