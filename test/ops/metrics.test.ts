import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHall } from '../../server/bootstrap.js';
import { ADMIN_PASSWORD, Api, clerkAt, connect, connected, kioskToken, removeDir, startTestHall, tempDir } from '../helpers/hall.js';

const TOKEN = 'metrics-test-token-0123456789';

/** The value of one sample line `name{labels} value`, or undefined. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** A LAN address of this machine (not loopback), to be a client from elsewhere. */
async function lanAddress(): Promise<string | null> {
  const { networkInterfaces } = await import('node:os');
  for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  return null;
}

describe('GET /metrics', () => {
  const dir = tempDir();
  let hall: RunningHall;
  const saved = process.env.ONESTOP_METRICS_TOKEN;
  beforeAll(async () => {
    process.env.ONESTOP_METRICS_TOKEN = TOKEN;
    hall = await startTestHall(dir, { host: '0.0.0.0' });
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env.ONESTOP_METRICS_TOKEN;
    else process.env.ONESTOP_METRICS_TOKEN = saved;
    await hall.close();
    removeDir(dir);
  });

  it('reports queues, latencies, sockets, devices and the process in the Prometheus text format', async () => {
    const admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
    const kiosk = new Api(hall.url, await kioskToken(hall.url, admin));
    const ids: string[] = [];
    for (const serviceId of ['social', 'social', 'social', 'fund']) ids.push((await kiosk.post('/api/v1/tickets', { serviceId })).body.ticket.id);
    const w3 = await clerkAt(hall.url, 3);
    expect((await w3.post('/api/v1/windows/w3/call-next')).status).toBe(200);
    expect((await w3.post('/api/v1/windows/w3/finish')).status).toBe(200);
    expect((await w3.post('/api/v1/windows/w3/call-next')).status).toBe(200);
    const display = connect(hall.url, '/display');
    await connected(display);

    const res = await fetch(`${hall.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    display.close();

    expect(sample(text, 'onestop_tickets_issued_today{service="social"}')).toBe(3);
    expect(sample(text, 'onestop_tickets_issued_today{service="fund"}')).toBe(1);
    expect(sample(text, 'onestop_tickets_called_today{service="social"}')).toBe(2);
    expect(sample(text, 'onestop_tickets_served_today{service="social"}')).toBe(1);
    expect(sample(text, 'onestop_waiting{service="social"}')).toBe(1);
    expect(sample(text, 'onestop_waiting{service="fund"}')).toBe(1);
    expect(sample(text, 'onestop_waiting{service="tax"}')).toBe(0);
    expect(sample(text, 'onestop_oldest_wait_seconds{service="fund"}')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'onestop_issue_duration_seconds_count{outcome="ok"}')).toBe(4);
    expect(sample(text, 'onestop_call_duration_seconds_count{outcome="ok"}')).toBe(2);
    expect(sample(text, 'onestop_calls_total{service="social",recall="false"}')).toBe(2);
    expect(sample(text, 'onestop_commit_duration_seconds_count{outcome="ok"}')).toBeGreaterThanOrEqual(5);
    expect(sample(text, 'onestop_sockets{namespace="/display"}')).toBe(1);
    expect(sample(text, 'onestop_sockets{namespace="/counter"}')).toBe(0);
    expect(sample(text, 'onestop_device_up{device="kiosk-1-printer",kind="printer",state="ok"}')).toBe(1);
    expect(sample(text, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(10_000_000);
    expect(sample(text, 'onestop_last_backup_timestamp_seconds')).toBe(0);
    // Nothing that names a ticket or a person.
    for (const id of ids) expect(text).not.toContain(id);
  });

  it('answers other machines only with the metrics token, in the API error shape', async () => {
    const lan = await lanAddress();
    if (!lan) {
      if (process.env.CI) throw new Error('no non-loopback IPv4 address to test from');
      console.warn('SKIPPED: no non-loopback IPv4 address on this machine');
      return;
    }
    const url = `http://${lan}:${hall.port}/metrics`;
    const anon = await fetch(url);
    expect(anon.status).toBe(403);
    expect((await anon.json()).error.code).toBe('METRICS_FORBIDDEN');
    const wrong = await fetch(url, { headers: { authorization: 'Bearer not-the-token' } });
    expect(wrong.status).toBe(403);
    const right = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(right.status).toBe(200);
    expect(await right.text()).toContain('onestop_waiting');
    const post = await fetch(`${hall.url}/metrics`, { method: 'POST' });
    expect(post.status).toBe(405);
  });

  it('a request forwarded by a reverse proxy on this machine is not local: it needs the token', async () => {
    for (const header of ['x-forwarded-for', 'forwarded', 'x-real-ip']) {
      const proxied = await fetch(`${hall.url}/metrics`, { headers: { [header]: header === 'forwarded' ? 'for=203.0.113.9' : '203.0.113.9' } });
      expect(proxied.status, header).toBe(403);
      const withToken = await fetch(`${hall.url}/metrics`, { headers: { [header]: '203.0.113.9', authorization: `Bearer ${TOKEN}` } });
      expect(withToken.status, header).toBe(200);
    }
  });
});
