import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { io as ioClient, type Socket } from 'socket.io-client';
import { startHall, type HallOptions, type RunningHall } from '../../server/bootstrap.js';
import { DEMO_STAFF_PASSWORD } from '../../server/app/demo-hall.js';

export const ADMIN_PASSWORD = 'admin-test-pw';
export { DEMO_STAFF_PASSWORD };

export function tempDir(prefix = 'onestop-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A real hall server on an ephemeral port with a real SQLite file. */
export async function startTestHall(dataDir: string, extra: Partial<HallOptions> = {}): Promise<RunningHall> {
  return startHall({
    dataDir,
    port: 0,
    host: '127.0.0.1',
    adminPassword: ADMIN_PASSWORD,
    demoLoopback: false,
    log: pino({ level: process.env.TEST_LOG ?? 'silent' }),
    ...extra,
  });
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
}

export class Api {
  constructor(
    public base: string,
    public token: string | null = null,
  ) {}

  async req<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const res = await fetch(this.base + path, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON (an HTML page): keep the text
    }
    return { status: res.status, body: parsed as T };
  }

  get<T = any>(path: string) {
    return this.req<T>('GET', path);
  }

  post<T = any>(path: string, body: unknown = {}, headers: Record<string, string> = {}) {
    return this.req<T>('POST', path, body, headers);
  }

  static async login(base: string, username: string, password: string): Promise<Api> {
    const api = new Api(base);
    const r = await api.post('/api/v1/auth/login', { username, password });
    if (r.status !== 200) throw new Error(`login ${username} failed: ${JSON.stringify(r.body)}`);
    api.token = r.body.token;
    return api;
  }
}

/** A clerk logged in and signed in to a window. */
export async function clerkAt(base: string, windowNumber: number): Promise<Api> {
  const api = await Api.login(base, `clerk${windowNumber}`, DEMO_STAFF_PASSWORD);
  const r = await api.post(`/api/v1/windows/w${windowNumber}/open`);
  if (r.status !== 200) throw new Error(`open w${windowNumber} failed: ${JSON.stringify(r.body)}`);
  return api;
}

/** A kiosk device token issued by the admin. */
export async function kioskToken(base: string, admin: Api, clientId = 'kiosk-1'): Promise<string> {
  const r = await admin.post(`/api/v1/admin/clients/${clientId}/token`);
  if (r.status !== 200) throw new Error(`token failed: ${JSON.stringify(r.body)}`);
  return r.body.token;
}

export function connect(base: string, ns: string, token?: string): Socket {
  return ioClient(base + ns, { auth: token ? { token } : {}, transports: ['websocket'], reconnection: false, forceNew: true });
}

export function once<T = any>(socket: Socket, event: string, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timed out waiting for "${event}"`)), timeoutMs);
    socket.once(event, (payload: T) => {
      clearTimeout(t);
      resolve(payload);
    });
  });
}

export function emitAck<T = any>(socket: Socket, event: string, payload?: unknown, timeoutMs = 5000): Promise<T> {
  return socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<T>;
}

export function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve();
    socket.once('connect', () => resolve());
    socket.once('connect_error', (e) => reject(e));
  });
}
