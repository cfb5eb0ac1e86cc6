import type { Histogram } from 'prom-client';
import type { HallDatabase } from '../store/store.js';

type AnyFn = (...args: any[]) => any;

/**
 * Times one method of an object (sync or async) into a histogram labelled
 * outcome=ok|error, by replacing it on that instance: the use case stays as it is.
 */
export function timeMethod<O extends object, K extends keyof O>(obj: O, name: K, hist: Histogram<'outcome'>): void {
  const original = obj[name] as unknown as AnyFn;
  const timed = function (this: unknown, ...args: unknown[]) {
    const end = hist.startTimer();
    let result: unknown;
    try {
      result = original.apply(obj, args);
    } catch (err) {
      end({ outcome: 'error' });
      throw err;
    }
    if (result instanceof Promise) {
      return result.then(
        (v) => (end({ outcome: 'ok' }), v),
        (err) => {
          end({ outcome: 'error' });
          throw err;
        },
      );
    }
    end({ outcome: 'ok' });
    return result;
  };
  (obj as Record<K, unknown>)[name] = timed;
}

/** Times every outermost store transaction (its work plus the commit and its fsync). */
export function timeTransactions(store: HallDatabase, hist: Histogram<'outcome'>): void {
  const original = store.tx.bind(store);
  let depth = 0;
  store.tx = <T>(fn: () => T): T => {
    if (depth > 0) return original(fn);
    depth++;
    const end = hist.startTimer();
    let outcome = 'error';
    try {
      const r = original(fn);
      outcome = 'ok';
      return r;
    } finally {
      depth--;
      end({ outcome });
    }
  };
}
