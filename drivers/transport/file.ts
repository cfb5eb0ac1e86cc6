import { constants, promises as fsp } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { TransportBase, toDeviceError } from './base.js';
import { checkDeviceFile, ensureDeviceFileDir, type AllowedFile } from './file-policy.js';
import { DeviceError } from './types.js';
import type { FileUri } from './uri.js';

const POLL_MS = 50;

/**
 * A device file such as Linux usblp's /dev/usb/lp0 (takes the raw printer
 * stream, answers DLE EOT status reads), or a capture file inside the
 * device-file folder (see file-policy.ts: nothing else may be opened).
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
    let target: AllowedFile;
    try {
      target = checkDeviceFile(this.cfg.path);
    } catch (err) {
      if (err instanceof DeviceError) {
        this.setStatus('error', err);
        throw err;
      }
      return this.fail('OPEN_FAILED', err);
    }
    const isDevice = target.kind === 'device';
    const canRead = isDevice && this.cfg.read;
    try {
      if (!isDevice) ensureDeviceFileDir();
      this.handle = canRead
        ? await fsp.open(target.path, constants.O_RDWR | constants.O_NONBLOCK | constants.O_NOCTTY)
        : isDevice
          ? await fsp.open(target.path, constants.O_WRONLY | constants.O_NONBLOCK | constants.O_NOCTTY)
          : // a capture file: never through a link planted in its place, owner-only when created
            await fsp.open(target.path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW, 0o600);
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
