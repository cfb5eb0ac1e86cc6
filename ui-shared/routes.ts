/**
 * Which built page answers which URL. Shared by vite.config.ts (dev/preview
 * rewrites) and, if it likes, the hall server: it serves `dist/ui` at
 * UI_BASE and sends the page's index.html for each route below.
 * Plain TypeScript with no imports, so Node and Vite can both load it.
 */
export const UI_BASE = '/ui/';

export interface UiRoute {
  /** Path pattern as the server sees it. */
  pattern: RegExp;
  /** HTML file relative to dist/ui (and to the repo root in dev). */
  page: string;
}

export const UI_ROUTES: readonly UiRoute[] = [
  { pattern: /^\/$/, page: 'ui-shared/home/index.html' },
  { pattern: /^\/kiosk\/?$/, page: 'kiosk-ui/index.html' },
  { pattern: /^\/counter\/?$/, page: 'counter-ui/index.html' },
  { pattern: /^\/display\/?$/, page: 'display-ui/index.html' },
  { pattern: /^\/display\/window\/\d+\/?$/, page: 'display-ui/index.html' },
  { pattern: /^\/admin(\/.*)?$/, page: 'admin-ui/index.html' },
  { pattern: /^\/t\/[A-Za-z0-9_-]+\/?$/, page: 'track-ui/index.html' },
  /** Remote queueing (线上取号) from the phone, and the hall's door QR (/r?door=…). */
  { pattern: /^\/r\/?$/, page: 'track-ui/remote.html' },
];

/** The page for a request path (query string already removed), or null. */
export function uiPageFor(pathname: string): string | null {
  for (const r of UI_ROUTES) if (r.pattern.test(pathname)) return r.page;
  return null;
}
