/**
 * Every command end to end in a child process against the built-in sim: devices.
 * Only exit codes and what is printed are checked, never timing.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_HMT_PERMIT, DEMO_RESIDENT } from '../../../drivers/idcard/demo-cards.js';
import { cli, show } from '../../unit/drivers/cli/cli-process.js';

const CLEAR = [DEMO_RESIDENT, DEMO_HMT_PERMIT].flatMap((c) => [c.name, c.idNumber, c.address, c.authority]);

// Sequential on purpose: each run starts npx + tsx, and a loaded 2-core runner makes parallel ones crawl.
describe('devices CLI against sim: devices (child process)', { timeout: 120_000 }, () => {
  it('help and usage errors', async () => {
    const help = await cli(['help']);
    expect(help.code, show(help)).toBe(0);
    expect(help.stdout).toMatch(/printer-status[\s\S]*keypad/);
    const none = await cli([]);
    expect(none.code, show(none)).toBe(2);
    expect(none.stderr).toMatch(/usage: npm run devices -- <command>/);
    const bad = await cli(['led', 'sim:led', '--profile', 'nope', '--address', '1', '--text', 'x']);
    expect(bad.code, show(bad)).toBe(2);
    expect(bad.stderr).toMatch(/unknown profile "nope"[\s\S]*window-3a[\s\S]*bus-crc16[\s\S]*strip-xor/);
  });

  it('list reports each source and the simulators', async () => {
    const r = await cli(['list']);
    expect([0, 1], show(r)).toContain(r.code); // 1 only when no source at all can be listed on this machine
    expect(r.stdout).toMatch(/^Serial ports/m);
    expect(r.stdout).toMatch(/^HID devices/m);
    expect(r.stdout).toMatch(/^USB devices/m);
    expect(r.stdout).toContain('sim:printer');
    const j = await cli(['list', '--json']);
    const listing = JSON.parse(j.stdout);
    for (const source of ['serial', 'hid', 'usb']) {
      expect(typeof listing[source].ok).toBe('boolean');
      if (!listing[source].ok) expect(listing[source].reason).toMatch(/cannot list/);
    }
  });

  it('idcard --once on sim:idcard places a demo card and prints it masked', async () => {
    const r = await cli(['idcard', 'sim:idcard', '--once']);
    expect(r.code, show(r)).toBe(0);
    expect(r.stdout).toMatch(/SAM id {6}0501000000000020231103000000001a/);
    expect(r.stdout).toMatch(/name {8}张\*三/);
    expect(r.stdout).toMatch(/ID number {3}\*{17}0/);
    expect(r.stdout).toMatch(/nation {6}汉/);
    expect(r.stdout).toMatch(/birth date {2}1990-\*\*-\*\*/);
    expect(r.stdout).toMatch(/2035-06-01/);
    for (const secret of CLEAR) expect(r.stdout + r.stderr).not.toContain(secret);
  });

  it('idcard --once --json on sim:idcard?card=hmt gives machine-readable masked lines', async () => {
    const r = await cli(['idcard', 'sim:idcard?card=hmt', '--once', '--json']);
    expect(r.code, show(r)).toBe(0);
    const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(events[0]).toMatchObject({ event: 'ready', samId: '0501000000000020231103000000001a' });
    expect(events.at(-1)).toMatchObject({ event: 'card', card: { cardType: 'hmt-residence-permit', name: '陈*文', idNumber: '*****************4' } });
    for (const secret of CLEAR) expect(r.stdout + r.stderr).not.toContain(secret);
  });

  it('print-test on sim:printer shows the virtual printout', async () => {
    const r = await cli(['print-test', 'sim:printer', '--width', '58', '--hall', '金水区政务服务中心']);
    expect(r.code, show(r)).toBe(0);
    expect(r.stdout).toMatch(/paper {4}ok/);
    expect(r.stdout).toContain('What the virtual printer printed (58 mm):');
    expect(r.stdout).toMatch(/金 +水 +区/); // double-width hall name
    expect(r.stdout).toMatch(/A +0 +0 +1/);
    expect(r.stdout).toContain('测试票，请勿使用');
  });

  it('print-test refuses to print when the paper is out, with the reason', async () => {
    const r = await cli(['print-test', 'sim:printer?paper=out']);
    expect(r.code, show(r)).toBe(1);
    expect(r.stdout).toMatch(/paper {4}OUT/);
    expect(r.stdout).not.toContain('virtual printer printed');
    expect(r.stderr.trim()).toBe('error: sim:printer?paper=out: out of paper — check: load a new paper roll');
  });

  it('printer-status reads ok, near end and cover open', async () => {
    const ok = await cli(['printer-status', 'sim:printer', '--json']);
    expect(ok.code, show(ok)).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ online: true, coverOpen: false, paper: 'ok', error: false, printable: true });
    const near = await cli(['printer-status', 'sim:printer?paper=near-end']);
    expect(near.code, show(near)).toBe(0);
    expect(near.stdout).toMatch(/paper {4}near end/);
    const cover = await cli(['printer-status', 'sim:printer?cover=open']);
    expect(cover.code, show(cover)).toBe(1);
    expect(cover.stdout).toMatch(/cover {4}OPEN/);
    expect(cover.stderr).toMatch(/cover is open — check: close the printer cover/);
  });

  it('led on sim:led reports the ack and shows the board', async () => {
    const r = await cli(['led', 'sim:led', '--profile', 'bus-crc16', '--address', '5', '--clear', '--text', 'A012 请到5号窗口', '--line', '2']);
    expect(r.code, show(r)).toBe(0);
    expect(r.stdout).toContain('clear: acked by board 5 on the first attempt');
    expect(r.stdout).toContain('line 2 "A012 请到5号窗口": acked by board 5');
    expect(r.stdout).toContain('| A012 请到5号窗口 |');
    const noAck = await cli(['led', 'sim:led', '--profile', 'window-3a', '--address', '3', '--text', 'A012']);
    expect(noAck.code, show(noAck)).toBe(0);
    expect(noAck.stdout).toMatch(/never ack/);
    expect(noAck.stdout).toContain('| A012     |');
  });

  it('led reports a board that does not answer on its address', async () => {
    const r = await cli(['led', 'sim:led?address=3', '--profile', 'bus-crc16', '--address', '5', '--text', 'x', '--retries', '1']);
    expect(r.code, show(r)).toBe(1);
    expect(r.stderr).toMatch(/^error: LED board 5 \(bus-crc16\) on sim:led\?address=3&profile=bus-crc16: no ack .* 2 attempt\(s\) — check:/);
  });

  it('keypad --count on sim:keypad and sim:evaluator (hid) prints presses and ratings', async () => {
    const r = await cli(['keypad', 'sim:keypad', '--count', '4']);
    expect(r.code, show(r)).toBe(0);
    expect(r.stdout).toMatch(/window +5 +key +call-next/);
    expect(r.stdout).toMatch(/window +5 +rating +5 非常满意/);
    const j = await cli(['keypad', 'sim:evaluator', '--mode', 'hid', '--count', '4', '--json']);
    expect(j.code, show(j)).toBe(0);
    const events = j.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(events).toHaveLength(4);
    expect(events[0]).toMatchObject({ event: 'key', address: 5, action: 'call-next' });
    expect(events[3]).toMatchObject({ event: 'rating', address: 5, grade: 5 });
  });

  it('a missing serial port exits 1 with one line naming it and what to check', async () => {
    const r = await cli(['printer-status', 'serial:/dev/onestop-no-such-port']);
    expect(r.code, show(r)).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^error: serial:\/dev\/onestop-no-such-port: .* — check: is the cable plugged in/);
  });
});
