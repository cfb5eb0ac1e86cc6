import { constants, promises as fsp } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { TransportBase, toDeviceError } from './base.js';
import type { FileUri } from './uri.js';

const POLL_MS = 50;

/**
 * A device file such as Linux usblp's /dev/usb/lp0 (takes the raw printer
 * stream, answers DLE EOT status reads), or any plain file for capture.
 * The fd is non-blocking so a silent printer never parks a libuv thread,
 * which would otherwise make close() hang.
 */
export class FileTransport extends TransportBase {
  private handle?: FileHandle;
  private reading = false;

  constructor(
    uri: string,
    private readonly cfg: FileUri,
  ) {
    super(uri);
  }

  async open(): Promise<void> {
    if (this.status === 'connected') return;
    this.setStatus('connecting');
    let isDevice = false;
    try {
      isDevice = (await fsp.stat(this.cfg.path)).isCharacterDevice();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || this.cfg.path.startsWith('/dev/')) {
        return this.fail('DEVICE_NOT_FOUND', err);
      }
      // a plain file that does not exist yet is fine: we create it
    }
    const canRead = isDevice && this.cfg.read;
    try {
      this.handle = canRead
        ? await fsp.open(this.cfg.path, constants.O_RDWR | constants.O_NONBLOCK | constants.O_NOCTTY)
        : await fsp.open(this.cfg.path, isDevice ? constants.O_WRONLY | constants.O_NONBLOCK : 'a');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code === 'EACCES' ? 'PERMISSION_DENIED' : 'OPEN_FAILED';
      return this.fail(code, err);
    }
    this.setStatus('connected');
    if (canRead) void this.readLoop(this.handle);
  }

  async write(data: Uint8Array): Promise<void> {
    this.assertOpen();
    let buf = Buffer.from(data);
    while (buf.length > 0) {
      try {
        const { bytesWritten } = await this.handle!.write(buf, 0, buf.length, null);
        buf = buf.subarray(bytesWritten);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EAGAIN') {
          await sleep(POLL_MS); // printer buffer full: wait for it to drain
          if (this.status !== 'connected') throw toDeviceError('WRITE_FAILED', this.uri, 'closed while writing', 'closed');
          continue;
        }
        const e = toDeviceError('WRITE_FAILED', this.uri, `write to ${this.cfg.path} failed`, err);
        this.setStatus('disconnected', e);
        throw e;
      }
    }
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    this.reading = false;
    if (handle) await handle.close().catch(() => undefined);
    if (this.status !== 'idle') this.setStatus('disconnected');
  }

  private async readLoop(handle: FileHandle): Promise<void> {
    this.reading = true;
    const buf = Buffer.alloc(256);
    while (this.reading && this.handle === handle) {
      try {
        const { bytesRead } = await handle.read(buf, 0, buf.length, null);
        if (bytesRead > 0) this.emitData(Buffer.from(buf.subarray(0, bytesRead)));
        else await sleep(POLL_MS);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN' || code === 'EWOULDBLOCK') {
          await sleep(POLL_MS);
          continue;
        }
        if (this.handle !== handle) return; // closed by us
        // usblp answers ENODEV when the printer is unplugged
        this.handle = undefined;
        await handle.close().catch(() => undefined);
        this.setStatus('disconnected', toDeviceError('DISCONNECTED', this.uri, 'device went away', err));
        return;
      }
    }
  }

  private fail(code: string, err: unknown): never {
    const e = toDeviceError(code, this.uri, `cannot open ${this.cfg.path}`, err);
    this.setStatus('error', e);
    throw e;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
