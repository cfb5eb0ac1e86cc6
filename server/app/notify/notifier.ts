import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { ALLOWED_NETWORKS_ENV, NotifyTargets } from './targets.js';

/** Where an outbound message goes: one interface, so a hall can add another channel beside the webhook. */
export interface Notifier {
  /**
   * Resolves when the receiver took the message; throws (with a short reason) to be
   * retried, or a `RefusedTarget` when it must never be tried again.
   */
  send(target: string, key: string, body: string, timeoutMs: number, signal?: AbortSignal): Promise<void>;
}

/** The target is not a place notifications may go (an internal address): not retried. */
export class RefusedTarget extends Error {
  constructor(message: string) {
    super(`TARGET_REFUSED: ${message}`);
    this.name = 'RefusedTarget';
  }
}

/**
 * The real adapter: an HTTP POST of the JSON body to the hall's webhook (its SMS
 * gateway, the provincial app's message service) or a booking platform's
 * callback URL, with `Idempotency-Key` so a retried message is taken once.
 * Any 2xx is taken; anything else, a timeout or a refused connection is retried.
 * Redirects are not followed (a 3xx is a failure). The URL is checked against the
 * target policy, and so is every address its name resolves to, in the socket's own
 * DNS lookup: a name that answers with an internal address (DNS rebinding) is refused.
 */
export class WebhookNotifier implements Notifier {
  constructor(
    private targets: NotifyTargets = new NotifyTargets(),
    /** The name resolver (tests give one that answers as a rebinding DNS server would). */
    private resolve: typeof dnsLookup = dnsLookup,
  ) {}

  send(target: string, key: string, body: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    let url: URL;
    try {
      url = new URL(this.targets.check(target, 'target'));
    } catch (err) {
      return Promise.reject(new RefusedTarget((err as Error).message));
    }
    const lookup = this.guardedLookup();
    const options: RequestOptions = {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), 'idempotency-key': key, 'user-agent': 'onestop-hall' },
      lookup,
      agent: false,
      timeout: timeoutMs,
      signal,
    };
    return new Promise<void>((resolve, reject) => {
      const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, options, (res) => {
        res.resume();
        res.on('error', () => undefined);
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) resolve();
        else reject(new Error(status >= 300 && status < 400 ? `HTTP ${status} (redirects are not followed)` : `HTTP ${status}`));
      });
      // One deadline for the whole exchange: a receiver that accepts and never answers is cut off.
      const deadline = setTimeout(() => req.destroy(new Error('TIMEOUT')), timeoutMs);
      req.on('close', () => clearTimeout(deadline));
      req.on('timeout', () => req.destroy(new Error('TIMEOUT')));
      req.on('error', (err) => {
        clearTimeout(deadline);
        if (err instanceof RefusedTarget) return reject(err);
        reject(new Error((err as { code?: string }).code ?? err.message ?? 'network error'));
      });
      req.end(body);
    });
  }

  /** dns.lookup, then refuse the connection if any answer is a refused address. */
  private guardedLookup(): LookupFunction {
    return ((hostname: string, options: object, callback: (err: Error | null, address: string | LookupAddress[], family?: number) => void) => {
      this.resolve(hostname, { ...options, all: true }, (err, addresses) => {
        if (err) return callback(err, []);
        for (const a of addresses) {
          // The address itself is not said: last_error and the log would otherwise tell an admin what
          // any name resolves to inside the hall's network (an internal DNS oracle).
          if (this.targets.refusal(a.address)) return callback(new RefusedTarget(`${hostname} resolves to a non-public address (list its network in ${ALLOWED_NETWORKS_ENV} to allow it)`), []);
        }
        if ((options as { all?: boolean }).all) return callback(null, addresses);
        callback(null, addresses[0].address, addresses[0].family);
      });
    }) as LookupFunction;
  }
}
