import express, { type Express, type Response } from 'express';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Deps } from '../app/deps.js';
import { ROOT } from '../paths.js';
import { UI_BASE, uiPageFor } from '../../ui-shared/routes.js';
import { CONTENT_SECURITY_POLICY } from './security-headers.js';

export const UI_DIR = resolve(process.env.ONESTOP_UI_DIR ?? join(ROOT, 'dist/ui'));

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** Serves the built UIs, and says honestly what is there when they are not built. */
export function mountPages(app: Express, deps: Deps, voiceDir?: string): void {
  app.use(UI_BASE, express.static(UI_DIR, { index: false, maxAge: '1h' }));
  // Hall staff drop recorded clips into DATA_DIR/voice/<lang>/ (no rebuild); the built-in pack is the fallback.
  if (voiceDir) app.use('/voice', express.static(voiceDir, { fallthrough: true }));
  app.use('/voice', express.static(join(UI_DIR, 'voice'), { fallthrough: true }));
  // The same route table the Vite dev server uses decides which page answers a URL.
  app.get(/.*/, (req, res, next) => {
    const file = uiPageFor(req.path);
    if (!file) return next();
    const path = join(UI_DIR, file);
    if (existsSync(path)) return res.sendFile(path);
    if (req.path === '/') return next();
    res.status(503).type('html');
    allowPageStyle(res).send(page('This page is not built', `<p>The browser apps have not been built on this machine. Run <code>npm run build:ui</code> (or <code>npm start</code>, which builds them) and reload.</p>`));
  });
  // Only reached when the apps are not built: say honestly what is there.
  app.get('/', (_req, res) => {
    const s = deps.settings.get();
    const built = existsSync(join(UI_DIR, 'kiosk-ui/index.html'));
    const links = [
      ['/kiosk', '取号机 Kiosk'],
      ['/counter', '窗口 Counter'],
      ['/display', '大厅屏 Hall display'],
      ['/display/window/1', '窗口屏 Window display'],
      ['/admin', '管理 Admin'],
      ['/api/v1/openapi.json', 'API (OpenAPI)'],
      ['/api/v1/health', 'Health'],
    ];
    allowPageStyle(res.type('html')).send(
      page(
        s.hallName['zh-CN'],
        `<p>Onestop ${esc(deps.version)} — ${built ? 'all pages are built.' : 'the API is running; the browser pages are not built yet (<code>npm run build:ui</code>).'}</p>
         <ul>${links.map(([h, t]) => `<li><a href="${h}">${esc(t)}</a></li>`).join('')}</ul>`,
      ),
    );
  });
}

const STYLE = 'body{font-family:"Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei",sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.6;color:#111}a{color:#0b57d0}';

/** The one inline style block of these fallback pages, allowed by its hash (the CSP allows no other inline style). */
function allowPageStyle(res: Response): Response {
  const hash = createHash('sha256').update(STYLE).digest('base64');
  return res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY.replace("style-src 'self'", `style-src 'self' 'sha256-${hash}'`));
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}</style></head>
<body><h1>${esc(title)}</h1>${body}</body></html>`;
}
