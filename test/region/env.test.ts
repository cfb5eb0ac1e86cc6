/** `npm run region` refuses a bad REGION_BULK_BATCHES with a clear message before it connects anywhere. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const run = (value: string) =>
  spawnSync('npm', ['run', '--silent', 'region'], {
    env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', REDIS_URL: 'redis://127.0.0.1:1', REGION_BULK_BATCHES: value, PORT: '0' },
    encoding: 'utf8',
    timeout: 60_000,
  });

describe('region node settings', () => {
  it.each(['9', '2.5'])('refuses REGION_BULK_BATCHES=%s', (value) => {
    const r = run(value);
    expect(r.status).toBe(2);
    expect(r.stdout + r.stderr).toContain(`REGION_BULK_BATCHES must be a whole number from 1 to 8`);
    // pino writes the message as JSON: the quotes around the value are escaped
    expect(r.stdout + r.stderr).toContain(`not \\"${value}\\"`);
  });
});
