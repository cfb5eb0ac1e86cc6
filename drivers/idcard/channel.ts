/**
 * SAM commands over a Transport, one at a time (later ones wait in the queue):
 * send, wait for the reply frame or a timeout that names the command. Replies
 * carry no command id, so anything that arrives while nothing is pending (a
 * late reply) is dropped, and a timeout also drops a half-received frame.
 */
import { ReplyWaiter } from '../bus/reply-waiter.js';
import { SendQueue } from '../bus/send-queue.js';
import type { Transport } from '../transport/types.js';
import { DeviceError } from '../transport/types.js';
import { bodyToReply, encodeCommand, type Command, type FrameBody, type Reply } from './frame.js';
import { SamFrameParser, type ParserProblem } from './sam-parser.js';

/** What the parser hands on: a whole frame body, or what was wrong with the bytes. */
type Heard = { body: FrameBody } | { problem: ParserProblem };

export class CommandChannel {
  private parser: SamFrameParser;
  private readonly replies = new ReplyWaiter<Heard>();
  private readonly queue = new SendQueue();

  constructor(private readonly transport: Transport) {
    this.parser = new SamFrameParser({
      frame: (body) => this.replies.offer({ body }),
      problem: (problem) => {
        if (problem.code !== 'JUNK') this.replies.offer({ problem });
      },
    });
  }

  /** Feed bytes from the transport. */
  push(chunk: Buffer): void {
    this.parser.push(chunk);
  }

  reset(): void {
    this.parser.reset();
  }

  /** Fail the command in flight, if any (e.g. the transport went away). */
  fail(err: DeviceError): void {
    this.replies.failAll(err);
  }

  send(c: Command, timeoutMs: number): Promise<Reply> {
    const uri = this.transport.uri;
    return this.queue.run(async () => {
      try {
        return await this.replies.request(() => this.transport.write(encodeCommand(c)), {
          timeoutMs,
          match: (heard) => {
            // A corrupt reply fails its command at once instead of waiting for the timeout.
            if ('problem' in heard) throw new DeviceError(heard.problem.code, `${uri}: ${heard.problem.message} (reply to ${c.name})`);
            try {
              return bodyToReply(heard.body);
            } catch (err) {
              throw new DeviceError('BAD_REPLY', `${uri}: ${(err as Error).message}`);
            }
          },
          onTimeout: () => {
            this.parser.reset();
            throw new DeviceError('TIMEOUT', `${uri}: no reply to ${c.name} within ${timeoutMs} ms`);
          },
        });
      } catch (err) {
        throw asDeviceError(err, uri);
      }
    });
  }
}

export function asDeviceError(err: unknown, uri: string): DeviceError {
  if (err instanceof DeviceError) return err;
  return new DeviceError('READER_ERROR', `${uri}: ${err instanceof Error ? err.message : String(err)}`, err);
}
