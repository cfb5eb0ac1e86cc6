import { describe, expect, it } from 'vitest';
import { run } from '../../../../drivers/cli/run.js';
import { captureIo } from './helpers.js';

describe('dispatcher and exit codes', () => {
  it('no command or an unknown one is a usage error (2) with the overview', async () => {
    for (const argv of [[], ['frobnicate']]) {
      const io = captureIo();
      expect(await run(argv, io)).toBe(2);
      expect(io.stderr.join('\n')).toMatch(/usage: npm run devices -- <command>[\s\S]*printer-status/);
    }
  });
  it('help lists every command; help <command> shows its usage', async () => {
    const io = captureIo();
    expect(await run(['help'], io)).toBe(0);
    for (const c of ['list', 'idcard', 'print-test', 'printer-status', 'led', 'keypad', 'help']) expect(io.stdout.join('\n')).toContain(`  ${c} `);
    const one = captureIo();
    expect(await run(['help', 'led'], one)).toBe(0);
    expect(one.stdout.join('\n')).toMatch(/^usage: npm run devices -- led <uri>/);
    expect(await run(['help', 'nope'], captureIo())).toBe(2);
    const h = captureIo();
    expect(await run(['printer-status', '--help'], h)).toBe(0);
    expect(h.stdout[0]).toMatch(/^usage: npm run devices -- printer-status/);
  });
  it('bad options and bad URIs exit 2 with the reason and the usage', async () => {
    const io = captureIo();
    expect(await run(['print-test', 'sim:printer', '--width', '76'], io)).toBe(2);
    expect(io.stderr[0]).toBe('error: --width must be 58 or 80, not "76"');
    expect(io.stderr[1]).toMatch(/^usage: npm run devices -- print-test/);
    const bad = captureIo();
    expect(await run(['printer-status', 'serial:/dev/ttyUSB0?baud=11520'], bad)).toBe(2);
    expect(bad.stderr[0]).toMatch(/unusual baud rate 11520/);
  });
  it('a device that is not there exits 1 with one line naming the URI and what to check', async () => {
    const io = captureIo();
    expect(await run(['printer-status', 'serial:/dev/onestop-no-such-port'], io)).toBe(1);
    expect(io.stderr).toHaveLength(1);
    expect(io.stderr[0]).toMatch(/^error: serial:\/dev\/onestop-no-such-port: .* — check: .*cable/);
    const sim = captureIo();
    expect(await run(['led', 'sim:nothing', '--profile', 'window-3a', '--address', '1', '--text', 'x'], sim)).toBe(1);
    expect(sim.stderr[0]).toMatch(/no simulator registered as "nothing"/);
  });
  it('a long-running command stops cleanly on Ctrl-C (abort) with 0', async () => {
    const io = captureIo();
    const done = run(['keypad', 'sim:keypad'], io);
    while (!io.stdout.some((l) => l.includes('call-next'))) await new Promise((r) => setTimeout(r, 10));
    io.abort();
    expect(await done).toBe(0);
  });
});
