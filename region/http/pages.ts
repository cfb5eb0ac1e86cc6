import express, { type Express } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UI_BASE } from '../../ui-shared/routes.js';
import { UI_DIR } from '../../server/http/pages.js';

/** The built `/region` page (npm run build / build:ui). */
export const REGION_PAGE = join(UI_DIR, 'region-ui/index.html');

/** The `/region` live view (built with the hall's apps by Vite into dist/ui). */
export function mountRegionPages(app: Express): void {
  app.use(UI_BASE, express.static(UI_DIR, { index: false, maxAge: '1h' }));
  app.get(['/', '/region'], (_req, res) => {
    if (existsSync(REGION_PAGE)) return res.sendFile(REGION_PAGE);
    res.status(503).type('text/plain').send('The region page is not built: run npm run build:ui');
  });
}
