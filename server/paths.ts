import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The checkout's root (where package.json is), found from this module's folder,
 * so paths hold both when run from source (tsx) and from the bundle in dist/server.
 */
function findRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) return start;
    dir = up;
  }
  return dir;
}

export const ROOT = findRoot(import.meta.dirname);
