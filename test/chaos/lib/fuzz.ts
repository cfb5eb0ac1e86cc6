/**
 * Seeded fuzzing of the hall's HTTP API and socket events: wrong types, huge
 * strings, missing fields, prototype-pollution keys, invalid UTF-8, broken
 * JSON, odd headers. Same seed, same cases.
 */
import { request } from 'node:http';
import { io, type Socket } from 'socket.io-client';

export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const POLLUTION = ['__proto__', 'constructor', 'prototype', '__defineGetter__', 'hasOwnProperty', 'toString'];
const FIELDS = ['serviceId', 'kioskId', 'idCard', 'priority', 'cardToken', 'appointmentCode', 'username', 'password', 'reason', 'toServiceId', 'toWindowId', 'number', 'ticketId', 'token', 'name', 'idNumber', 'birthDate', 'hallName', 'resetHour', 'timeZone', 'action', 'paper', 'kind', 'uri', 'ownerKind', 'ownerId'];

export class Fuzzer {
  constructor(readonly rnd: () => number) {}
  int(n: number) {
    return Math.floor(this.rnd() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
  string(): string {
    switch (this.int(8)) {
      case 0: return '';
      case 1: return 'x'.repeat(1 + this.int(this.rnd() < 0.1 ? 200_000 : 2_000));
      case 2: return '\u0000\u0001\ud800\udfff\u202e';
      case 3: return this.pick(['property', 'social', 'w1', 'kiosk-1', 'A001', 'admin', 'normal', 'green', 'paper']);
      case 4: return '<script>alert(1)</script>';
      case 5: return "' OR 1=1 --";
      case 6: return '张三'.repeat(1 + this.int(50));
      default: return Math.random.toString().slice(0, this.int(20));
    }
  }
  value(depth = 0): unknown {
    const k = this.int(depth > 3 ? 7 : 10);
    switch (k) {
      case 0: return null;
      case 1: return this.rnd() < 0.5;
      case 2: return this.pick([0, -1, 1e308, -1e308, 3.14, Number.MAX_SAFE_INTEGER + 2, 2 ** 31]);
      case 3: case 4: case 5: return this.string();
      case 6: return undefined;
      case 7: return Array.from({ length: this.int(5) }, () => this.value(depth + 1));
      default: return this.object(depth + 1);
    }
  }
  object(depth = 0): Record<string, unknown> {
    const o: Record<string, unknown> = {};
    const n = this.int(6);
    for (let i = 0; i < n; i++) {
      const key = this.rnd() < 0.25 ? this.pick(POLLUTION) : this.rnd() < 0.8 ? this.pick(FIELDS) : this.string().slice(0, 50);
      // defineProperty so "__proto__" becomes a real own key in the JSON, as an attacker would send it.
      Object.defineProperty(o, key, { value: this.value(depth), enumerable: true, configurable: true, writable: true });
    }
    return o;
  }
  body(): Buffer | string {
    switch (this.int(10)) {
      case 0: return '{"serviceId": "social",'; // truncated
      case 1: return Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]); // invalid UTF-8 in a string
      case 2: return Buffer.from(Array.from({ length: this.int(300) }, () => this.int(256)));
      case 3: return JSON.stringify(this.value());
      case 4: return `{"__proto__": {"isAdmin": true, "ok": true}, "constructor": {"prototype": {"polluted": 1}}, "serviceId": ${JSON.stringify(this.string())}}`;
      default: return JSON.stringify(this.object());
    }
  }
}

export interface Endpoint {
  method: string;
  path: string;
  auth: 'kiosk' | 'admin' | 'clerk' | 'none';
}

export const ENDPOINTS: Endpoint[] = [
  { method: 'POST', path: '/api/v1/tickets', auth: 'kiosk' },
  { method: 'POST', path: '/api/v1/tickets', auth: 'clerk' },
  { method: 'POST', path: '/api/v1/auth/login', auth: 'none' },
  { method: 'POST', path: '/api/v1/windows/w1/call-next', auth: 'clerk' },
  { method: 'POST', path: '/api/v1/windows/w1/pause', auth: 'clerk' },
  { method: 'POST', path: '/api/v1/windows/w1/transfer', auth: 'clerk' },
  { method: 'POST', path: '/api/v1/windows/w1/call-number', auth: 'clerk' },
  { method: 'PATCH', path: '/api/v1/admin/settings', auth: 'admin' },
  { method: 'POST', path: '/api/v1/admin/services', auth: 'admin' },
  { method: 'PUT', path: '/api/v1/admin/windows/w99', auth: 'admin' },
  { method: 'POST', path: '/api/v1/admin/users', auth: 'admin' },
  { method: 'POST', path: '/api/v1/admin/devices/kiosk-1-printer/simulate', auth: 'admin' },
  { method: 'PUT', path: '/api/v1/admin/devices/fuzz-dev', auth: 'admin' },
  { method: 'POST', path: '/api/v1/tickets/not-a-ticket/cancel', auth: 'admin' },
  { method: 'GET', path: '/api/v1/admin/audit?limit=', auth: 'admin' },
];

export interface FuzzTally {
  tried: number;
  errorShape: number;
  ok: number;
  bad: { what: string; status: number; body: string }[];
  status5xx: number;
  /** Socket events over the frame limit (the connection is dropped by design). */
  oversize?: number;
}

const isErrorShape = (b: any) => b?.ok === false && typeof b.error?.code === 'string' && typeof b.error?.message === 'string';

function send(base: string, method: string, path: string, headers: Record<string, string>, body: Buffer | string | undefined): Promise<{ status: number; text: string }> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const r = request({ host: u.hostname, port: u.port, method, path, headers: { ...headers, ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    r.on('error', reject);
    if (body !== undefined) r.write(body);
    r.end();
  });
}

/** `count` malformed HTTP requests; each answer must be ok:true (2xx) or the one error shape, never a 5xx. */
export async function fuzzHttp(base: string, tokens: Record<string, string>, count: number, seed: number): Promise<FuzzTally> {
  const f = new Fuzzer(prng(seed));
  const tally: FuzzTally = { tried: 0, errorShape: 0, ok: 0, bad: [], status5xx: 0 };
  const one = async (i: number) => {
    const ep = f.pick(ENDPOINTS);
    const headers: Record<string, string> = { 'content-type': f.pick(['application/json', 'application/json; charset=utf-8', 'application/json; charset=latin1', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16']) };
    if (ep.auth !== 'none') headers.authorization = f.rnd() < 0.9 ? `Bearer ${tokens[ep.auth]}` : f.pick(['Bearer', 'Bearer x', `Basic ${'a'.repeat(f.int(5000))}`, 'Bearer st_' + 'z'.repeat(300)]);
    if (f.rnd() < 0.3) headers['idempotency-key'] = f.pick(['', 'short', 'x'.repeat(200), 'bad key!', `ok-key-${seed}-${i}`, '../../etc']);
    if (f.rnd() < 0.05) headers['content-encoding'] = f.pick(['gzip', 'br', 'deflate', 'bogus']);
    if (f.rnd() < 0.05) headers['accept-language'] = f.string().slice(0, 200).replace(/[^\x20-\x7e]/g, '');
    const body = ep.method === 'GET' ? undefined : f.body();
    let path = ep.path;
    if (f.rnd() < 0.1) path += f.pick(['/../x', '%00', '?__proto__[x]=1', '/%ff%fe', '?limit=-1']);
    tally.tried++;
    try {
      const r = await send(base, ep.method, path, headers, body);
      let parsed: any = null;
      try {
        parsed = JSON.parse(r.text);
      } catch {
        // not JSON
      }
      if (r.status >= 500) tally.status5xx++;
      if (r.status < 400 && parsed?.ok === true) tally.ok++;
      else if (r.status >= 400 && r.status < 500 && isErrorShape(parsed)) tally.errorShape++;
      else if (r.status === 503 && isErrorShape(parsed)) tally.errorShape++;
      else tally.bad.push({ what: `${ep.method} ${path} ${JSON.stringify(headers).slice(0, 200)} ${String(body).slice(0, 200)}`, status: r.status, body: r.text.slice(0, 300) });
    } catch (err) {
      tally.bad.push({ what: `${ep.method} ${path}`, status: 0, body: String(err) });
    }
  };
  for (let i = 0; i < count; i += 16) await Promise.all(Array.from({ length: Math.min(16, count - i) }, (_, j) => one(i + j)));
  return tally;
}

/** The events each namespace answers (with an ack); anything else must be ignored. */
const HANDLED: Record<string, string[]> = {
  '/display': ['track', 'state'],
  '/counter': ['call-next', 'recall', 'no-show', 'start', 'finish', 'transfer', 'pause', 'resume', 'call-ticket', 'restore', 'watch'],
};
const OTHER = ['rate', 'id-card', 'admin', 'disconnect-me', 'error', 'connect'];

/** `count` malformed socket events on /display and /counter: acked ones must answer ok:true or the error shape. */
export async function fuzzSockets(base: string, clerkToken: string, count: number, seed: number): Promise<FuzzTally> {
  const f = new Fuzzer(prng(seed));
  const tally: FuzzTally = { tried: 0, errorShape: 0, ok: 0, bad: [], status5xx: 0 };
  const open = (ns: string, token?: string) =>
    new Promise<Socket>((resolve, reject) => {
      const s = io(base + ns, { transports: ['websocket'], forceNew: true, reconnection: false, auth: token ? { token } : {} });
      s.once('connect', () => resolve(s));
      s.once('connect_error', reject);
    });
  const sockets = [
    { ns: '/display', s: await open('/display') },
    { ns: '/counter', s: await open('/counter', clerkToken) },
  ];
  try {
    for (let i = 0; i < count; i++) {
      const entry = f.pick(sockets);
      if (!entry.s.connected) {
        entry.s.close();
        entry.s = await open(entry.ns, entry.ns === '/counter' ? clerkToken : undefined);
      }
      const { ns, s } = entry;
      const known = f.rnd() < 0.8;
      const event = known ? f.pick(HANDLED[ns]) : f.rnd() < 0.5 ? f.pick(OTHER) : f.string().slice(0, 100) || 'x';
      if (['error', 'connect', 'disconnect'].includes(event)) continue; // reserved names the client refuses to emit
      const args: unknown[] = Array.from({ length: f.int(3) }, () => (f.rnd() < 0.6 ? f.object() : f.value()));
      tally.tried++;
      if (JSON.stringify(args).length > 60_000) {
        // Over the server's 64 KB frame limit: socket.io drops the connection, by design. Reconnect next time.
        s.emit(event, ...args);
        tally.oversize = (tally.oversize ?? 0) + 1;
        await new Promise((r) => setTimeout(r, 50));
        continue;
      }
      if (!known || f.rnd() < 0.2) {
        s.emit(event, ...args); // no ack: must simply be ignored
        continue;
      }
      try {
        const ack = await s.timeout(5000).emitWithAck(event, ...args);
        if (ack?.ok === true) tally.ok++;
        else if (isErrorShape(ack)) tally.errorShape++;
        else tally.bad.push({ what: `${event} ${JSON.stringify(args).slice(0, 200)}`, status: 0, body: JSON.stringify(ack).slice(0, 300) });
      } catch (err) {
        // Only events the namespace does not handle may go unanswered.
        tally.bad.push({ what: `${event} (no ack) ${JSON.stringify(args).slice(0, 100)}`, status: 0, body: String(err) });
      }
      if (!s.connected) tally.bad.push({ what: `${event} ${JSON.stringify(args).slice(0, 200)}: socket dropped`, status: 0, body: '' });
    }
  } finally {
    for (const { s } of sockets) s.close();
  }
  return tally;
}
