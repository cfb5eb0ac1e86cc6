import { describe, expect, it, vi } from 'vitest';

describe('device token out of the URL', () => {
  it('keeps every other parameter and the hash exactly as given', async () => {
    vi.stubGlobal('location', new URL('http://hall/display/window/1'));
    const { withoutDeviceToken } = await import('../../../ui-shared/env.js');
    expect(withoutDeviceToken('http://hall/kiosk?device=kt_abc&kiosk=kiosk-1&elderly&lang=en')).toBe('/kiosk?kiosk=kiosk-1&elderly&lang=en');
    expect(withoutDeviceToken('http://hall/display/window/2?rate=1&device=kt_abc#x')).toBe('/display/window/2?rate=1#x');
    expect(withoutDeviceToken('http://hall/display?device=kt_abc')).toBe('/display');
    expect(withoutDeviceToken('http://hall/display?devices=2')).toBeNull();
    vi.unstubAllGlobals();
  });
});
