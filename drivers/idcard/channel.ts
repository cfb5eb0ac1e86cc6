/**
 * One SAM command at a time over a Transport: send, wait for the reply frame or
 * a timeout that names the command. Replies carry no command id, so anything
 * that arrives while nothing is pending (a late reply) is dropped, and a
 * timeout also drops a half-received frame.
 */
import type { Transport } from '../transport/types.js';
import { DeviceError } from '../transport/types.js';
import { bodyToReply, encodeCommand, type Command, type Reply } from './frame.js';
import { FrameParser } from './parser.js';

interface Pending {
  name: string;
  resolve: (r: Reply) => void;
  reject: (e: DeviceError) => void;
}

export class CommandChannel {
  private parser: FrameParser;
  private pending: Pending | null = null;

  constructor(private readonly transport: Transport) {
    this.parser = new FrameParser({
      frame: (body) => this.onFrame(body),
      problem: (p) => {
        // A corrupt reply fails its command at once instead of waiting for the timeout.
        if (p.code !== 'JUNK' && this.pending) {
          this.settle(null, new DeviceError(p.code, `${transport.uri}: ${p.message} (reply to ${this.pending.name})`));
        }
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
    this.settle(null, err);
  }

  send(c: Command, timeoutMs: number): Promise<Reply> {
    if (this.pending) return Promise.reject(new DeviceError('BUSY', `bug: ${c.name} sent while ${this.pending.name} pending`));
    return new Promise<Reply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.parser.reset();
        this.settle(null, new DeviceError('TIMEOUT', `${this.transport.uri}: no reply to ${c.name} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending = {
        name: c.name,
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      this.transport.write(encodeCommand(c)).catch((err) => this.settle(null, asDeviceError(err, this.transport.uri)));
    });
  }

  private settle(reply: Reply | null, err?: DeviceError): void {
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    if (reply) p.resolve(reply);
    else p.reject(err ?? new DeviceError('READER_ERROR', 'no reply'));
  }

  private onFrame(body: Buffer): void {
    if (!this.pending) return;
    try {
      this.settle(bodyToReply(body));
    } catch (err) {
      this.settle(null, new DeviceError('BAD_REPLY', `${this.transport.uri}: ${(err as Error).message}`));
    }
  }
}

export function asDeviceError(err: unknown, uri: string): DeviceError {
  if (err instanceof DeviceError) return err;
  return new DeviceError('READER_ERROR', `${uri}: ${err instanceof Error ? err.message : String(err)}`, err);
}
