import { Agent, request } from 'node:http';

export interface JsonResponse<T = any> {
  status: number;
  body: T;
}

/**
 * A keep-alive JSON client: one per kiosk or per clerk, so each holds its own
 * connection like a real device would.
 */
export class JsonClient {
  private agent = new Agent({ keepAlive: true, maxSockets: 1 });
  private host: string;
  private port: number;

  constructor(
    base: string,
    public token: string | null = null,
  ) {
    const u = new URL(base);
    this.host = u.hostname;
    this.port = Number(u.port);
  }

  set base(base: string) {
    const u = new URL(base);
    this.host = u.hostname;
    this.port = Number(u.port);
  }

  req<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, timeoutMs = 30_000): Promise<JsonResponse<T>> {
    const payload = body === undefined ? undefined : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const r = request(
        {
          host: this.host,
          port: this.port,
          method,
          path,
          agent: this.agent,
          timeout: timeoutMs,
          headers: {
            ...(payload !== undefined ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
            ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = text;
            try {
              parsed = JSON.parse(text);
            } catch {
              // not JSON: keep the text
            }
            resolve({ status: res.statusCode ?? 0, body: parsed as T });
          });
          res.on('error', reject);
        },
      );
      r.on('timeout', () => r.destroy(new Error(`${method} ${path} timed out`)));
      r.on('error', reject);
      if (payload !== undefined) r.write(payload);
      r.end();
    });
  }

  get<T = any>(path: string) {
    return this.req<T>('GET', path);
  }

  post<T = any>(path: string, body: unknown = {}, headers: Record<string, string> = {}) {
    return this.req<T>('POST', path, body, headers);
  }

  put<T = any>(path: string, body: unknown = {}) {
    return this.req<T>('PUT', path, body);
  }

  close(): void {
    this.agent.destroy();
  }

  static async login(base: string, username: string, password: string): Promise<JsonClient> {
    const c = new JsonClient(base);
    const r = await c.post('/api/v1/auth/login', { username, password });
    if (r.status !== 200) throw new Error(`login ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
    c.token = r.body.token;
    return c;
  }

  /**
   * `n` sessions of one user, one after another: log-ins still being checked count
   * against the limit of 5 per user and address, so a parallel burst would get 429.
   */
  static async loginMany(base: string, username: string, password: string, n: number): Promise<JsonClient[]> {
    const out: JsonClient[] = [];
    for (let i = 0; i < n; i++) out.push(await JsonClient.login(base, username, password));
    return out;
  }
}
