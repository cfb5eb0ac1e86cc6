import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningHall } from '../../server/bootstrap.js';
import { RefusedTarget, WebhookNotifier } from '../../server/app/notify/notifier.js';
import { NotifyTargets } from '../../server/app/notify/targets.js';
import { ADMIN_PASSWORD, Api, removeDir, startTestHall, tempDir } from '../helpers/hall.js';
import { Receivers } from '../helpers/receiver.js';

const REFUSED = [
  'http://127.0.0.1:8080/hook',
  'http://localhost:8080/hook',
  'http://LocalHost.:8080/hook',
  'http://2130706433/', // 127.0.0.1 written as one number
  'http://0x7f.1/',
  'http://169.254.169.254/latest/meta-data/',
  'http://10.1.2.3/sms',
  'http://172.20.0.5/sms',
  'http://192.168.1.20/sms',
  'http://100.64.0.1/sms',
  'http://0.0.0.0/',
  'http://224.0.0.1/',
  'http://[::1]/',
  'http://[::ffff:127.0.0.1]/',
  'http://[fe80::1]/',
  'http://[fd00::5]/',
  'https://user:secret@sms.example.gov.cn/hook',
];

/** A resolver that answers as a rebinding DNS server would: a harmless-looking name, a loopback address. */
const rebinding = ((hostname: string, options: object, callback: (err: Error | null, addresses: LookupAddress[]) => void) => {
  if (hostname === 'rebind.example') return callback(null, [{ address: '127.0.0.1', family: 4 }]);
  return dnsLookup(hostname, options as never, callback as never);
}) as typeof dnsLookup;

describe('notification targets (SSRF)', () => {
  let dir: string;
  let hall: RunningHall;
  let admin: Api;
  const receivers = new Receivers();
  const receiver = receivers.start;

  beforeEach(async () => {
    delete process.env.ONESTOP_NOTIFY_ALLOWED_NETWORKS;
    dir = tempDir();
  });
  afterEach(async () => {
    delete process.env.ONESTOP_NOTIFY_ALLOWED_NETWORKS;
    await hall?.close();
    await receivers.stopAll();
    removeDir(dir);
  });

  async function start(allowed?: string) {
    if (allowed) process.env.ONESTOP_NOTIFY_ALLOWED_NETWORKS = allowed;
    hall = await startTestHall(dir);
    admin = await Api.login(hall.url, 'admin', ADMIN_PASSWORD);
  }

  it('refuses internal, credentialed and odd webhook and callback URLs when they are saved, whichever way they are set', async () => {
    await start();
    for (const url of REFUSED) {
      const r = await admin.req('PATCH', '/api/v1/admin/settings', { notify: { aheadThreshold: 3, webhookUrl: url, includeTrackToken: false, maxAttempts: 8 } });
      expect([r.status, r.body.error?.code, r.body.error?.field], url).toEqual([400, 'NOTIFY_URL_REFUSED', 'notify.webhookUrl']);
    }
    expect((await admin.get('/api/v1/admin/settings')).body.settings.notify.webhookUrl).toBe('');
    const ok = await admin.req('PATCH', '/api/v1/admin/settings', { notify: { webhookUrl: 'https://sms.example.gov.cn/hook' } });
    expect(ok.status).toBe(200);
    expect(ok.body.settings.notify).toMatchObject({ webhookUrl: 'https://sms.example.gov.cn/hook', aheadThreshold: 3 });

    // A platform's callbackUrl through the client's whole config is checked by the same rules as through its own route.
    const viaConfig = await admin.post('/api/v1/admin/clients', { kind: 'platform', name: '省平台', config: { callbackUrl: 'http://127.0.0.1:9/callback' } });
    expect([viaConfig.status, viaConfig.body.error?.code]).toEqual([400, 'NOTIFY_URL_REFUSED']);
    expect((await admin.post('/api/v1/admin/clients', { kind: 'platform', name: '省平台', config: { callbackUrl: 'gopher://zwfw.example.gov.cn/' } })).body.error?.code).toBe('NOTIFY_URL_REFUSED');
    const platform = (await admin.post('/api/v1/admin/clients', { kind: 'platform', name: '省平台', config: {} })).body.client;
    const viaRoute = await admin.req('PUT', `/api/v1/admin/clients/${platform.id}/callback`, { callbackUrl: 'http://169.254.169.254/latest/' });
    expect([viaRoute.status, viaRoute.body.error?.code]).toEqual([400, 'NOTIFY_URL_REFUSED']);
    const clients = (await admin.get('/api/v1/admin/clients')).body.clients as { name: string; config: Record<string, unknown> }[];
    expect(clients.filter((c) => c.config.callbackUrl !== undefined)).toEqual([]);
  });

  it('ONESTOP_NOTIFY_ALLOWED_NETWORKS lets the installer allow an intranet gateway, and only that network', async () => {
    await start('127.0.0.0/8, 10.20.0.0/16');
    const rx = await receiver();
    expect((await admin.req('PATCH', '/api/v1/admin/settings', { notify: { webhookUrl: rx.url } })).status).toBe(200);
    expect((await admin.req('PATCH', '/api/v1/admin/settings', { notify: { webhookUrl: 'http://10.20.3.4/sms' } })).status).toBe(200);
    for (const url of ['http://10.21.0.1/sms', 'http://169.254.169.254/', 'http://192.168.1.20/']) {
      expect((await admin.req('PATCH', '/api/v1/admin/settings', { notify: { webhookUrl: url } })).body.error?.code, url).toBe('NOTIFY_URL_REFUSED');
    }
    expect(() => new NotifyTargets(['10.0.0.0/99'])).toThrow(/ONESTOP_NOTIFY_ALLOWED_NETWORKS/);
  });

  it('at send time: a stored internal target is refused without retries, and nothing reaches it', async () => {
    await start();
    const rx = await receiver();
    // E.g. saved before this rule existed: the sender checks again.
    const outbox = hall.deps.hall.notify.outbox;
    hall.deps.ctx.store.outbox.enqueue({ key: 'appointment.checked_in:a1:0', target: rx.url, kind: 'appointment.checked_in', payload: { id: 'x' }, at: new Date().toISOString(), nextAt: 0 });
    await outbox.flush();
    expect(rx.got).toEqual([]);
    const row = hall.deps.ctx.store.outbox.list()[0];
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row.lastError).toMatch(/^TARGET_REFUSED: .*127\.0\.0\.1 is a loopback address/);
  });

  it('at send time: the address a name resolves to is checked in the connection itself (DNS rebinding), and redirects are not followed', async () => {
    hall = await startTestHall(dir); // for afterEach
    const rx = await receiver();
    const url = `http://rebind.example:${rx.port}/hook`;
    // The name passes the check when saved (it is not an address) …
    expect(new NotifyTargets().check(url, 'notify.webhookUrl')).toBe(url);
    // … but the connection is refused once it resolves to loopback.
    const refusing = new WebhookNotifier(new NotifyTargets(), rebinding);
    const err = await refusing.send(url, 'k1', '{}', 2000).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RefusedTarget);
    // Said without the address (review 13): last_error and the log must not tell an admin what a name resolves to inside the network.
    expect(String((err as Error).message)).toMatch(/rebind\.example resolves to a non-public address \(list its network in ONESTOP_NOTIFY_ALLOWED_NETWORKS/);
    expect(String((err as Error).message)).not.toMatch(/127\.0\.0\.1|loopback/);
    expect(rx.got).toEqual([]);
    // The same name, with loopback allowed: the resolved address is the one connected to.
    await new WebhookNotifier(new NotifyTargets(['127.0.0.0/8']), rebinding).send(url, 'k2', '{"a":1}', 2000);
    expect(rx.delivered().map((g) => [g.key, g.body])).toEqual([['k2', { a: 1 }]]);

    // A redirect (to an internal address or anywhere) is a failure, not followed.
    const elsewhere = await receiver();
    const redirecting = await receiver();
    redirecting.answer = (res) => res.writeHead(302, { location: elsewhere.url }).end();
    const r = await new WebhookNotifier(new NotifyTargets(['127.0.0.0/8'])).send(redirecting.url, 'k3', '{}', 2000).catch((e: Error) => e.message);
    expect(r).toBe('HTTP 302 (redirects are not followed)');
    expect(elsewhere.got).toEqual([]);
  });
});
