import { describe, expect, it } from 'vitest';
import type { CalledEvent } from '../../../common/types.js';
import { Announcer } from '../../../display-ui/announcer.js';
import { spokenText, spokenTicket, templateParts, zhCardinal } from '../../../display-ui/spoken.js';
import { planClips } from '../../../display-ui/voice-pack.js';

const T0 = Date.parse('2025-06-03T10:00:00Z');
const call = (n: string, win: number, atSec: number, recall = false): CalledEvent => ({
  ticketId: `t-${n}`, ticketNumber: n, windowId: `w${win}`, windowNumber: win, windowName: `${win}号窗口`,
  serviceId: 's', serviceName: '户籍', serviceNames: { 'zh-CN': '户籍' }, calledAt: new Date(T0 + atSec * 1000).toISOString(), recall,
});

function harness(nowSec = 0) {
  const said: string[] = [];
  let finish: (() => void) | null = null;
  let now = T0 + nowSec * 1000;
  const a = new Announcer({
    serverNow: () => now,
    speak: (c) => new Promise<void>((r) => { said.push(`${c.ticketNumber}@${c.windowNumber}${c.recall ? 'R' : ''}`); finish = r; }),
  });
  const done = async () => { const f = finish; finish = null; f?.(); await new Promise((r) => setTimeout(r, 0)); };
  return { a, said, done, setNow: (s: number) => (now = T0 + s * 1000) };
}

describe('display announcer', () => {
  it('says calls one after the other, never cutting one off', async () => {
    const h = harness(10);
    h.a.onCalled(call('A001', 1, 1));
    h.a.onCalled(call('A002', 2, 2));
    expect(h.said).toEqual(['A001@1']);
    await h.done();
    expect(h.said).toEqual(['A001@1', 'A002@2']);
    await h.done();
    expect(h.a.pending).toBe(0);
  });

  it('queues a test call behind what is being said, even when it repeats an older one', async () => {
    const h = harness(10);
    h.a.onCalled(call('A001', 1, 5));
    h.a.enqueue(call('A001', 1, 1)); // older than the watermark and already seen: onCalled would drop it
    expect(h.said).toEqual(['A001@1']);
    await h.done();
    expect(h.said).toEqual(['A001@1', 'A001@1']);
  });

  it('says a recall again', async () => {
    const h = harness(10);
    h.a.onCalled(call('A001', 1, 1));
    await h.done();
    h.a.onCalled(call('A001', 1, 5, true));
    expect(h.said).toEqual(['A001@1', 'A001@1R']);
  });

  it('never says what a snapshot brought, nor stale or repeated calls after a reconnect', async () => {
    const h = harness(100);
    const snap = [call('A003', 3, 90), call('A002', 2, 80)];
    h.a.noteSnapshot(snap);
    for (const c of snap) expect(h.a.onCalled(c)).toBe(false); // replayed by connection recovery
    expect(h.a.onCalled(call('A000', 1, 70))).toBe(false); // older than the snapshot
    h.setNow(500);
    expect(h.a.onCalled(call('B001', 4, 200))).toBe(false); // five minutes old when it arrives
    expect(h.a.onCalled(call('B002', 4, 499))).toBe(true);
    expect(h.said).toEqual(['B002@4']);
  });
});

describe('spoken form and voice pack', () => {
  const parts = templateParts('请 {number} 号到 {window} 号窗口办理', { ticketNumber: 'A012', windowNumber: 12 });

  it('reads ticket digits one by one and window numbers as numbers', () => {
    expect(spokenTicket('A012', 'zh-CN')).toBe('A 零一二');
    expect(spokenTicket('A012', 'en')).toBe('A 0 1 2');
    expect(zhCardinal(5)).toBe('五');
    expect(zhCardinal(12)).toBe('十二');
    expect(zhCardinal(20)).toBe('二十');
    expect(zhCardinal(105)).toBe('一百零五');
    expect(spokenText(parts, 'zh-CN')).toBe('请 A 零一二 号到十二号窗口办理');
  });

  it('plans clips from phrases, letters and digits, and gives up when one is missing', () => {
    const clips: Record<string, string> = { 请: 'qing.mp3', 号到: 'haodao.mp3', 号窗口办理: 'end.mp3', A: 'A.mp3', 十: '10.mp3', 二: '2.mp3', 零: '0z.mp3', 一: '1.mp3' };
    for (const d of '0123456789') clips[d] = `${d}.mp3`;
    expect(planClips(parts, { clips }, 'zh-CN')).toEqual(['qing.mp3', 'A.mp3', '0.mp3', '1.mp3', '2.mp3', 'haodao.mp3', '10.mp3', '2.mp3', 'end.mp3']);
    const { 号到: _, ...missing } = clips;
    expect(planClips(parts, { clips: missing }, 'zh-CN')).toBeNull();
  });
});
