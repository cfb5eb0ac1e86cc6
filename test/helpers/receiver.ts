import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP receiver on a loopback socket for webhook and callback tests. It refuses
 * the first `failFirst` requests with 503 (or all with `alwaysFail`), then takes them;
 * with `hang` it reads each request and never answers (a receiver that hangs).
 */
export class Receiver {
  server!: Server;
  got: { key: string; body: any; status: number }[] = [];
  failFirst = 0;
  alwaysFail = false;
  hang = false;
  /** Requests read and not answered (hanging), and how many of them the client gave up on. */
  held: { res: ServerResponse; closed: boolean; entry: { status: number } }[] = [];
  /** An answer other than 200/503 (e.g. a redirect) for every request. */
  answer: ((res: ServerResponse) => void) | null = null;

  async start(port = 0): Promise<this> {
    this.server = createServer((req: IncomingMessage, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        if (this.hang) {
          const entry = { key: String(req.headers['idempotency-key']), body: JSON.parse(raw), status: 0 };
          const h = { res, closed: false, entry };
          res.on('close', () => (h.closed = true));
          this.held.push(h);
          this.got.push(entry);
          return;
        }
        if (this.answer) {
          this.got.push({ key: String(req.headers['idempotency-key']), body: JSON.parse(raw), status: 0 });
          return this.answer(res);
        }
        const fail = this.alwaysFail || this.got.length < this.failFirst;
        const status = fail ? 503 : 200;
        this.got.push({ key: String(req.headers['idempotency-key']), body: JSON.parse(raw), status });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((r) => this.server.listen(port, '127.0.0.1', () => r()));
    return this;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook?k=secret`;
  }

  delivered() {
    return this.got.filter((g) => g.status === 200);
  }

  /** Answers the hanging requests still open with 200 (they count as delivered). */
  release(): void {
    for (const h of this.held) {
      if (h.closed || h.entry.status !== 0) continue;
      h.entry.status = 200;
      h.res.writeHead(200).end();
    }
  }

  /** Hanging requests still open (the sender has not given up on them). */
  open(): number {
    return this.held.filter((h) => !h.closed).length;
  }

  stop(): Promise<void> {
    for (const h of this.held) h.res.destroy();
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }
}

/**
 * The receivers one test started: `start()` adds one, `stopAll()` (in afterEach) stops
 * them all, so a test may start as many as it needs.
 */
export class Receivers {
  private list: Receiver[] = [];

  start = async (): Promise<Receiver> => {
    const r = await new Receiver().start();
    this.list.push(r);
    return r;
  };

  async stopAll(): Promise<void> {
    await Promise.all(this.list.splice(0).map((r) => r.stop()));
  }
}
