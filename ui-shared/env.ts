/**
 * Page-level settings read from the URL once, remembered in localStorage so a
 * kiosk or TV box keeps them after a reboot: `?device=<token>` (device token
 * issued in the admin UI), `?kiosk=<id>`, `?fixture` (run against the fake hall).
 * The device token is taken out of the address bar at once (history.replaceState):
 * it would otherwise stay in the history, in bookmarks and on screen.
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
/**
 * The UIs ship with their hall server, so it has every feature they offer; the
 * in-page fixture hall (`?fixture`) has only the queue (no ratings, appointments,
 * alerts or reports), so those stay hidden there.
 */
export const serverFeatures = !fixtureMode;
export function param(name: string): string | null {
  return params.get(name);
}

/** The current URL without its `device` token, other parameters exactly as they were; null when there is none. */
export function withoutDeviceToken(href: string): string | null {
  const url = new URL(href);
  const parts = url.search.replace(/^\?/, '').split('&').filter(Boolean);
  const kept = parts.filter((p) => p.split('=')[0] !== 'device');
  if (kept.length === parts.length) return null;
  return url.pathname + (kept.length ? `?${kept.join('&')}` : '') + url.hash;
}

const clean = withoutDeviceToken(location.href);
if (clean !== null) {
  try {
    history.replaceState(history.state, '', clean);
  } catch {
    // a sandboxed page cannot rewrite its URL; the token still works
  }
}
