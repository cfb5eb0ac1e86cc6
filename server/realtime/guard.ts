import type { Socket } from 'socket.io';
import type { ZodType } from 'zod';
import type { Ack } from '../../common/types.js';
import { toApiError } from '../edge/errors.js';
import type { Logger } from '../log/logger.js';

type AckFn = (r: Ack) => void;

/**
 * Wraps a client → server event: validates the payload, runs the handler and
 * always answers with the one ack shape. Events sent without an ack callback
 * are still handled but nothing is answered; junk never throws out of here.
 */
export function handle<T>(
  socket: Socket,
  event: string,
  schema: ZodType<T>,
  log: Logger,
  fn: (payload: T) => object | Promise<object>,
): void {
  socket.on(event, async (...args: unknown[]) => {
    const ack = typeof args[args.length - 1] === 'function' ? (args.pop() as AckFn) : null;
    try {
      const payload = schema.parse(args[0] ?? {});
      const result = await fn(payload);
      ack?.({ ok: true, ...result });
    } catch (err) {
      const { body, unexpected } = toApiError(err);
      if (unexpected) log.error({ err, event }, 'socket event failed');
      ack?.(body);
    }
  });
}
