/**
 * Build of the browser apps (Preact, multi-page).
 *
 *   npm run build:ui   → dist/ui/   (not committed)
 *   npm run dev:ui     → dev server on :5173, proxying /api, /socket.io and
 *                        /voice to the hall server (ONESTOP_SERVER, default
 *                        http://localhost:3000)
 *
 * Base path `/ui/`: the hall server serves the folder dist/ui at /ui/ and, for
 * each page route, sends that page's index.html (the table is
 * ui-shared/routes.ts: / → ui-shared/home, /kiosk → kiosk-ui, /counter →
 * counter-ui, /display and /display/window/:n → display-ui, /admin → admin-ui,
 * /t/:token → track-ui). Asset URLs in the pages are absolute (/ui/assets/…),
 * so a page works from any route depth. Voice clips are read from /voice/<lang>/.
 * Add `?fixture` to any page to run it against the built-in fake hall.
 */
import { defineConfig, type Connect } from 'vite';
import preact from '@preact/preset-vite';
import { resolve } from 'node:path';
import { UI_BASE, UI_ROUTES, uiPageFor } from './ui-shared/routes.js';

const server = process.env.ONESTOP_SERVER ?? 'http://localhost:3000';
// region-ui/ is served by the region nodes at /region (not by the hall), built with the rest.
const pages = [...new Set([...UI_ROUTES.map((r) => r.page), 'region-ui/index.html'])];

/** Dev and preview: answer the product routes with their page, like the hall server does. */
const routeRewrite: Connect.NextHandleFunction = (req, _res, next) => {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const page = uiPageFor(path);
  if (page) req.url = UI_BASE + page + (q < 0 ? '' : url.slice(q));
  next();
};

export default defineConfig({
  base: UI_BASE,
  plugins: [
    preact(),
    {
      name: 'onestop-routes',
      configureServer: (s) => void s.middlewares.use(routeRewrite),
      configurePreviewServer: (s) => void s.middlewares.use(routeRewrite),
    },
  ],
  build: {
    outDir: 'dist/ui',
    emptyOutDir: true,
    target: 'es2020',
    // One entry per page: an app's index.html is named after its folder, another page of it (track-ui/remote.html) after its file.
    rollupOptions: { input: Object.fromEntries(pages.map((p) => [p.endsWith('/index.html') ? p.split('/')[0] : p.replace(/\.html$/, '').replace(/\//g, '-'), resolve(p)])) },
  },
  server: {
    proxy: {
      '/api': server,
      '/voice': server,
      '/socket.io': { target: server, ws: true },
    },
  },
  preview: { proxy: { '/api': server, '/voice': server, '/socket.io': { target: server, ws: true } } },
});
