/**
 * A loopback HTTP proxy between a hall and a region for tests: records every
 * request body it forwards, and can cut the link (connections refused/reset),
 * blackhole it (requests accepted and never answered, as a dead route does) and
 * restore it.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export class RecordingProxy {
  readonly bodies: string[] = [];
  /** Why forwarding failed (the upstream's connection errors), newest last. */
  readonly upstreamErrors: string[] = [];
  private server: Server;
  private sockets = new Set<Socket>();
  private cut = false;
  private hole = false;
  private held = new Set<Socket>();
  port = 0;

  constructor(private target: string) {
    this.server = createServer((req, res) => {
      if (this.cut) return req.socket.destroy();
      if (this.hole) {
        // swallow the request: no answer, no reset; the client's own timeout must end it
        this.held.add(req.socket);
        req.resume();
        return;
      }
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        this.bodies.push(`${req.method} ${req.url}\n${req.headers.authorization ?? ''}\n${body.toString('utf8')}`);
        const url = new URL(req.url ?? '/', this.target);
        const up = request(url, { method: req.method, headers: { ...req.headers, host: url.host } }, (r) => {
          res.writeHead(r.statusCode ?? 502, r.headers);
          r.pipe(res);
        });
        up.on('error', (err: NodeJS.ErrnoException) => {
          this.upstreamErrors.push(`${req.method} ${req.url}: ${err.code ?? ''} ${err.message}`);
          res.destroy();
        });
        up.end(body);
      });
    });
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
      if (this.cut) s.destroy();
    });
  }

  static async start(target: string): Promise<RecordingProxy> {
    const p = new RecordingProxy(target);
    await new Promise<void>((r) => p.server.listen(0, '127.0.0.1', () => r()));
    p.port = (p.server.address() as AddressInfo).port;
    return p;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Cut the link: open connections are reset and new ones dropped. */
  down(): void {
    this.cut = true;
    for (const s of this.sockets) s.destroy();
  }

  /** Blackhole the link: requests are taken in and never answered (nothing is forwarded). */
  blackhole(): void {
    this.hole = true;
  }

  /** Restore the link (requests held by a blackhole are dropped). */
  up(): void {
    this.cut = false;
    this.hole = false;
    for (const s of this.held) s.destroy();
    this.held.clear();
  }

  async close(): Promise<void> {
    this.down();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}
