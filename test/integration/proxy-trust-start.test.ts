import { afterEach, describe, expect, it } from 'vitest';
import { spawnServer, Started, stopChild } from '../helpers/children.js';

/** The real server start with some env: until it runs, or exits. */
const startServer = (dataDir: string, env: Record<string, string>) =>
  spawnServer(dataDir, { ONESTOP_ADMIN_PASSWORD: 'proxy-test-pw', TRUST_PROXY: '', ONESTOP_AGENT_NETWORKS: '', ...env });

/** Review 13 item 11: a loose TRUST_PROXY lets clients choose their address (X-Forwarded-For). */
describe('TRUST_PROXY at start', () => {
  const started = new Started();
  afterEach(() => started.cleanup());

  it('refuses to start with ONESTOP_AGENT_NETWORKS when TRUST_PROXY is true or a hop count, saying what to set', async () => {
    for (const trust of ['true', '1']) {
      const s = startServer(started.dir(), { TRUST_PROXY: trust, ONESTOP_AGENT_NETWORKS: '10.1.0.0/24' });
      started.child(s.child);
      const r = await s.outcome;
      expect(r.exit, r.out).toBe(1);
      expect(r.out).toMatch(/Onestop could not start: TRUST_PROXY=.*ONESTOP_AGENT_NETWORKS.*Set TRUST_PROXY to the reverse proxy/);
    }
  }, 60_000);

  it('starts with ONESTOP_AGENT_NETWORKS when TRUST_PROXY names the proxy; warns at start for TRUST_PROXY=true alone', async () => {
    let s = startServer(started.dir(), { TRUST_PROXY: 'loopback', ONESTOP_AGENT_NETWORKS: '10.1.0.0/24' });
    started.child(s.child);
    let r = await s.outcome;
    expect(r.exit, r.out).toBeNull();
    expect(r.out).not.toMatch(/TRUST_PROXY/);
    await stopChild(s.child);

    s = startServer(started.dir(), { TRUST_PROXY: 'true' });
    started.child(s.child);
    r = await s.outcome;
    expect(r.exit, r.out).toBeNull();
    const warning = r.out.split('\n').find((l) => l.includes('TRUST_PROXY=true'));
    expect(warning, r.out).toBeDefined();
    expect(JSON.parse(warning!)).toMatchObject({ level: 40 });
  }, 60_000);
});
