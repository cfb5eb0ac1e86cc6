import { JsonClient } from './http.js';
import { BENCH_ADMIN_PASSWORD } from './proc.js';

export const DEMO_STAFF_PASSWORD = 'demo1234';
/** Demo services without a daily quota (property has one), so load never hits QUOTA_REACHED. */
export const OPEN_SERVICES = ['social', 'fund', 'business', 'tax', 'household', 'travel', 'consult'];

export async function admin(base: string): Promise<JsonClient> {
  return JsonClient.login(base, 'admin', BENCH_ADMIN_PASSWORD);
}

/** Registers `n` kiosks (ids `${prefix}-k<i>`) and returns one device token each. */
export async function kioskTokens(adminClient: JsonClient, n: number, prefix = 'bench'): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < n; i++) {
    const c = await adminClient.post('/api/v1/admin/clients', { kind: 'kiosk', name: `${prefix} kiosk ${i}` });
    if (c.status !== 201) throw new Error(`kiosk create failed: ${JSON.stringify(c.body)}`);
    const t = await adminClient.post(`/api/v1/admin/clients/${c.body.client.id}/token`);
    if (t.status !== 200) throw new Error(`kiosk token failed: ${JSON.stringify(t.body)}`);
    tokens.push(t.body.token);
  }
  return tokens;
}

/** A demo clerk logged in and signed in to window w<n>. */
export async function clerkAt(base: string, n: number): Promise<JsonClient> {
  const c = await JsonClient.login(base, `clerk${n}`, DEMO_STAFF_PASSWORD);
  const r = await c.post(`/api/v1/windows/w${n}/open`);
  if (r.status !== 200) throw new Error(`open w${n} failed: ${JSON.stringify(r.body)}`);
  return c;
}
