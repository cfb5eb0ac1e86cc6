/**
 * The region's uplink lag (region/domain/stream-lag.ts) and how /region words it
 * (region-ui/format.ts): events and seconds behind the head the hall sent, 0 when caught
 * up, unknown without a head; "last heard" is its own fact.
 */
import { describe, expect, it, vi } from 'vitest';

// the strings module loads the UIs' language store, which reads the page's address and sets <html lang>
vi.hoisted(() => Object.assign(globalThis, { location: { search: '' }, document: { documentElement: {} } }));

import { streamLag } from '../../../region/domain/stream-lag.js';
import { heardText, isLagging, lagText, satisfactionText } from '../../../region-ui/format.js';
import { translate } from '../../../ui-shared/i18n.js';
import { S } from '../../../region-ui/strings.js';

const t = (key: keyof (typeof S)['zh-CN'], vars?: Record<string, string | number>) => translate(S, 'zh-CN', key, vars);
const en = (key: keyof (typeof S)['en'], vars?: Record<string, string | number>) => translate(S, 'en', key, vars);

describe('uplink lag', () => {
  it('counts events and seconds behind the head, 0 when caught up, unknown without a head', () => {
    expect(streamLag({ seq: 120, at: '2026-12-01T02:10:35Z' }, 100, '2026-12-01T02:10:00Z')).toEqual({ lagEvents: 20, lagSeconds: 35 });
    expect(streamLag({ seq: 100, at: '2026-12-01T02:10:35Z' }, 100, '2026-12-01T02:10:35Z')).toEqual({ lagEvents: 0, lagSeconds: 0 });
    // the region already past an older head it was told (a late head): caught up, not negative
    expect(streamLag({ seq: 90, at: '2026-12-01T02:00:00Z' }, 100, '2026-12-01T02:10:00Z')).toEqual({ lagEvents: 0, lagSeconds: 0 });
    // nothing stored yet: behind by the whole log, for an unknown time
    expect(streamLag({ seq: 7, at: '2026-12-01T02:00:00Z' }, 0, null)).toEqual({ lagEvents: 7, lagSeconds: null });
    expect(streamLag(null, 100, '2026-12-01T02:10:00Z')).toEqual({ lagEvents: null, lagSeconds: null });
  });

  it('words the lag apart from when the region last heard from the hall', () => {
    expect(lagText(t, { lagEvents: 0, lagSeconds: 0 })).toBe('已同步');
    expect(lagText(t, { lagEvents: 20, lagSeconds: 35 })).toBe('落后 20 条 · 35 秒');
    expect(lagText(t, { lagEvents: 3000, lagSeconds: 600 })).toBe('落后 3000 条 · 10 分钟');
    expect(lagText(t, { lagEvents: 7, lagSeconds: null })).toBe('落后 7 条');
    expect(lagText(t, { lagEvents: null, lagSeconds: null })).toBe('未知');
    expect(lagText(en, { lagEvents: 20, lagSeconds: 35 })).toBe('20 events · 35 s behind');
    // a quiet hall heard from 10 minutes ago is caught up all the same
    const now = Date.parse('2026-12-01T02:20:00Z');
    expect(heardText(t, '2026-12-01T02:10:00Z', now)).toBe('10 分钟前');
    expect(heardText(t, null, now)).toBe('从未上报');
    expect(isLagging({ lagEvents: 0, lagSeconds: 0 })).toBe(false);
    expect(isLagging({ lagEvents: 40, lagSeconds: 3 })).toBe(false);
    expect(isLagging({ lagEvents: 40, lagSeconds: 90 })).toBe(true);
    expect(isLagging({ lagEvents: null, lagSeconds: null })).toBe(false);
  });

  it("shows today's satisfaction as the hall's report does, and no figure when nobody rated", () => {
    expect(satisfactionText(t, 0.6)).toBe('60%');
    expect(satisfactionText(t, 0.9167)).toBe('92%');
    expect(satisfactionText(t, null)).toBe('—');
  });
});
