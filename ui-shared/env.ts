/**
 * Page-level settings read from the URL once, remembered in localStorage so a
 * kiosk or TV box keeps them after a reboot: `?device=<token>` (device token
 * issued in the admin UI), `?kiosk=<id>`, `?fixture` (run against the fake hall).
 */
const params = new URLSearchParams(location.search);

function remembered(name: string): string | null {
  const key = `onestop.${name}`;
  const v = params.get(name);
  try {
    if (v) localStorage.setItem(key, v);
    return v ?? localStorage.getItem(key);
  } catch {
    return v;
  }
}

export const deviceToken = remembered('device');
export const kioskId = remembered('kiosk');
export const fixtureMode = params.has('fixture');
export function param(name: string): string | null {
  return params.get(name);
}
