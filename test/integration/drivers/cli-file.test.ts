/**
 * `npm run devices -- print-test file:…` as an installer runs it (the CLI as a
 * child process): a write-only file is detected and printed to without a status
 * query; a device file that never answers DLE EOT is explained with --no-status.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, show } from '../../unit/drivers/cli/cli-process.js';

describe('devices CLI print-test on file: URIs', { timeout: 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'onestop-cli-file-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const env = { ONESTOP_DEVICE_FILE_DIR: dir };

  it('prints to a plain (write-only) file without asking for a status it can never get', async () => {
    const file = join(dir, 'capture.bin');
    const r = await cli(['print-test', `file:${file}`, '--timeout', '1'], { env });
    expect(r.code, show(r)).toBe(0);
    expect(r.stdout).toContain('is write-only');
    expect(r.stdout).toContain('as with --no-status');
    expect(r.stdout).toMatch(/sent sample ticket A001 \(\d+ bytes/);
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0x1b, 0x40])); // ESC @: the ticket itself, no DLE EOT before it
    expect(bytes.includes(Buffer.from([0x10, 0x04]))).toBe(false);
  });

  it('?read=0 counts as write-only too', async () => {
    const file = join(dir, 'lp.bin');
    const r = await cli(['print-test', `file:${file}?read=0`], { env });
    expect(r.code, show(r)).toBe(0);
    expect(r.stdout).toContain('the URI says read=0');
  });

  // A character device that swallows everything and never answers (a null device made with mknod
  // inside the device-file folder, the only place besides printer/serial nodes a file: URI may name).
  const root = process.getuid?.() === 0;
  if (!root && process.env.CI) throw new Error('cli-file: CI must run as root to make a device node');
  if (!root) console.warn('SKIPPED: cli-file silent device test needs root (mknod)');
  it.runIf(root)('a device file that gives no status reply is explained: use --no-status', async () => {
    const node = join(dir, 'lp-silent');
    execFileSync('mknod', [node, 'c', '1', '3']);
    const r = await cli(['print-test', `file:${node}`, '--timeout', '0.5'], { env });
    expect(r.code, show(r)).toBe(1);
    expect(r.stderr).toMatch(/no reply to DLE EOT 1 .* — check: .*--no-status/);
    const ok = await cli(['print-test', `file:${node}`, '--no-status'], { env });
    expect(ok.code, show(ok)).toBe(0);
  });
});
