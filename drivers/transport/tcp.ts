import net from 'node:net';
import { TransportBase, toDeviceError } from './base.js';
import type { TcpUri } from './uri.js';

export interface TcpOptions {
  /** How long to wait for the TCP handshake; network printers that are off just never answer. */
  connectTimeoutMs?: number;
}

/** Raw TCP socket: network printers on 9100, serial-to-Ethernet converters for RS-485 buses. */
export class TcpTransport extends TransportBase {
  private socket?: net.Socket;
  private closing = false;

  constructor(
    uri: string,
    private readonly cfg: TcpUri,
    private readonly options: TcpOptions = {},
  ) {
    super(uri);
  }

  async open(): Promise<void> {
    if (this.status === 'connected') return;
    this.closing = false;
    this.setStatus('connecting');
    const timeout = this.options.connectTimeoutMs ?? 5000;
    const socket = net.createConnection({ host: this.cfg.host, port: this.cfg.port });
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          socket.destroy();
          reject(new Error(`no answer within ${timeout} ms`));
        }, timeout);
        socket.once('connect', () => {
          clearTimeout(timer);
          resolve();
        });
        socket.once('error', (err) => {
          clearTimeout(timer);
          reject(err);
        });
      });
    } catch (err) {
      const e = toDeviceError('OPEN_FAILED', this.uri, `cannot connect to ${this.cfg.host}:${this.cfg.port}`, err);
      this.setStatus('error', e);
      throw e;
    }
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 10_000);
    this.socket = socket;
    socket.on('data', (chunk) => this.emitData(chunk));
    socket.on('error', (err) => {
      if (this.socket === socket) this.setStatus('error', toDeviceError('IO_ERROR', this.uri, 'socket error', err));
    });
    socket.on('close', () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      if (this.closing) return this.setStatus('disconnected');
      this.setStatus('disconnected', toDeviceError('DISCONNECTED', this.uri, 'connection closed', 'peer closed'));
    });
    this.setStatus('connected');
  }

  async write(data: Uint8Array): Promise<void> {
    this.assertOpen();
    const socket = this.socket!;
    await new Promise<void>((resolve, reject) =>
      socket.write(Buffer.from(data), (err) => (err ? reject(toDeviceError('WRITE_FAILED', this.uri, 'write failed', err)) : resolve())),
    );
  }

  async close(): Promise<void> {
    this.closing = true;
    const socket = this.socket;
    this.socket = undefined;
    if (socket && !socket.destroyed) {
      await new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        socket.end();
        setTimeout(() => socket.destroy(), 500).unref();
      });
    }
    if (this.status !== 'idle') this.setStatus('disconnected');
  }
}
